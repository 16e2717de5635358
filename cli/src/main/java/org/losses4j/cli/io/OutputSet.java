package org.losses4j.cli.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.losses4j.cli.Errors;
import org.losses4j.cli.Errors.CliException;

/**
 * The output files of one run, written together or not at all. A command checks its output paths before any work
 * ({@link #checkFolder}, {@link #checkFile}), collects every output here as it computes it ({@link #add}), and
 * {@link #commit}s once everything is ready: each file is written to a temporary file in its folder, and only when
 * all of them are written are they moved over their targets. If anything fails (a write, a move), the temporary
 * files are deleted, the files already moved are put back as they were, and folders this run created are removed
 * again: a failed run leaves every earlier output intact.
 *
 * <p>An output folder is also claimed for the run ({@link #claim}) before any work: a lock file in it
 * ({@value #LOCK_FILE}, locked with {@link FileChannel#tryLock}, which the system releases when the process dies,
 * so a killed run never blocks the next one) makes a second run into the same folder fail at once, and the outputs
 * of an earlier run are refused, by name, unless the run may replace them ({@code --force}). A commit into a claimed
 * folder replaces the whole set of the command's outputs: those this run does not write are removed with the same
 * all-or-nothing care. {@link #releaseClaims} (at the end of every run) removes the lock files.
 *
 * <p>Interruption ({@link #interrupt}, from the command's shutdown hook on Ctrl-C): waits for a commit in flight to
 * finish (a commit takes milliseconds), forbids any later one, removes every temporary file and the lock files. The
 * earlier outputs stay as they were, or the new set is complete: never a mix.
 */
public final class OutputSet {
    /** The lock file a run keeps in its output folder while it runs. */
    public static final String LOCK_FILE = ".losses4j.lock";

    /** Held for the whole of a commit, and by {@link #interrupt}. */
    private static final Object COMMITS = new Object();
    private static volatile boolean interrupted;
    /** Temporary files that exist right now (probes and commits), removed on interruption. */
    private static final java.util.Set<Path> TEMPS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The folders claimed by this run, by absolute path. */
    private static final Map<Path, Claim> CLAIMS = new LinkedHashMap<>();

    private record Claim(Path dir, Path lockFile, FileChannel channel, FileLock lock, List<Path> createdDirs,
            List<String> names) {
    }

    private final Map<Path, byte[]> files = new LinkedHashMap<>();
    private final Mover mover;
    private boolean committed;

    /** How a finished temporary file replaces its target (replaceable in tests, to make a move fail). */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** An empty set. */
    public OutputSet() {
        this(OutputSet::move);
    }

    OutputSet(Mover mover) {
        this.mover = mover;
    }

    /**
     * Adds an output file; it is written by {@link #commit}.
     *
     * @param target the file to write; its folder is created if missing at commit
     * @param content the bytes to write
     * @return this set, for chaining
     * @throws IllegalArgumentException if the same file is already in the set
     * @throws IllegalStateException if the set was already committed
     */
    public OutputSet add(Path target, byte[] content) {
        if (committed) {
            throw new IllegalStateException("output set already committed");
        }
        Path key = target.toAbsolutePath().normalize();
        if (files.containsKey(key)) {
            throw new IllegalArgumentException(target + ": the same file is written twice");
        }
        files.put(key, content.clone());
        return this;
    }

    /**
     * The targets added so far, in order (absolute).
     *
     * @return the targets added so far, in order (absolute)
     */
    public List<Path> targets() {
        return new ArrayList<>(files.keySet());
    }

    /**
     * Writes every file: first all to temporary files, then all moved into place.
     *
     * @throws CliException naming the file and the reason when a file cannot be written; nothing is then changed
     */
    public void commit() {
        synchronized (COMMITS) {
            if (interrupted) {
                throw new CliException("interrupted");
            }
            commitLocked();
        }
    }

    private void commitLocked() {
        if (committed) {
            throw new IllegalStateException("output set already committed");
        }
        committed = true;
        List<Path> createdDirs = new ArrayList<>();
        List<Path> targets = new ArrayList<>(files.keySet());
        List<Path> stale = stale(targets);
        Path[] temps = new Path[targets.size()];
        Path[] backups = new Path[targets.size()];
        Path[] staleBackups = new Path[stale.size()];
        int moved = 0;
        int removed = 0;
        boolean ok = false;
        Path current = null;
        try {
            for (int i = 0; i < targets.size(); i++) {
                current = targets.get(i);
                if (Files.isDirectory(current)) {
                    throw new CliException("cannot write " + current + ": is a folder, not a file");
                }
                createDirectories(current.getParent(), createdDirs);
                temps[i] = newTemp(current.getParent(), "." + current.getFileName() + ".", ".tmp");
                readableByAll(temps[i]);
                Files.write(temps[i], files.get(current));
            }
            for (int i = 0; i < targets.size(); i++) {
                current = targets.get(i);
                if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    backups[i] = backup(current);
                }
                mover.move(temps[i], current);
                TEMPS.remove(temps[i]);
                temps[i] = null;
                moved = i + 1;
            }
            // outputs of an earlier run that this one does not write: removed, with a backup until the end
            for (int i = 0; i < stale.size(); i++) {
                current = stale.get(i);
                staleBackups[i] = backup(current);
                Files.delete(current);
                removed = i + 1;
            }
            ok = true;
        } catch (IOException e) {
            throw new CliException("cannot write " + current + ": " + reason(e), e);
        } finally {
            if (!ok) {
                for (int i = removed - 1; i >= 0; i--) {
                    try {
                        move(staleBackups[i], stale.get(i));
                        staleBackups[i] = null;
                    } catch (IOException e) {
                        // best effort: the backup stays next to it under its hidden name
                    }
                }
                rollBack(targets, backups, moved);
            }
            for (Path p : temps) {
                deleteQuietly(p);
                if (p != null) {
                    TEMPS.remove(p);
                }
            }
            for (Path p : backups) {
                if (ok) {
                    deleteQuietly(p);
                }
            }
            for (Path p : staleBackups) {
                deleteQuietly(p);
            }
            if (!ok) {
                for (int i = createdDirs.size() - 1; i >= 0; i--) {
                    deleteQuietly(createdDirs.get(i));
                }
            }
        }
    }

    /** In the claimed folders of {@code targets}: the command's outputs that exist and are not among them. */
    private static List<Path> stale(List<Path> targets) {
        List<Path> out = new ArrayList<>();
        synchronized (CLAIMS) {
            for (Claim c : CLAIMS.values()) {
                boolean writesHere = false;
                for (Path t : targets) {
                    writesHere |= c.dir().equals(t.getParent());
                }
                if (!writesHere) {
                    continue;
                }
                for (String n : c.names()) {
                    Path p = c.dir().resolve(n);
                    if (!targets.contains(p) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** A new empty temporary file in {@code dir}, known to {@link #interrupt} from before it exists. */
    private static Path newTemp(Path dir, String prefix, String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + suffix);
            TEMPS.add(p);
            try {
                Files.createFile(p);
                return p;
            } catch (FileAlreadyExistsException e) {
                TEMPS.remove(p);
                if (attempt >= 100) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                TEMPS.remove(p);
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------------------------------- claims and Ctrl-C

    /**
     * Claims the output folder {@code dir} (the value of {@code option}) for this run, before any work: creates it
     * if needed, locks {@value #LOCK_FILE} in it, and checks that none of {@code names} (every file the command may
     * write there) is left from an earlier run, unless {@code force}. Claiming a folder this run holds already does
     * nothing. The claim lasts until {@link #releaseClaims}; a later {@link #commit} into the folder removes the
     * files of {@code names} it does not write.
     *
     * @param option the option naming the folder, for messages
     * @param dir the output folder
     * @param names the files this run writes
     * @param force whether the outputs of an earlier run are replaced
     * @throws CliException              when another run holds the folder (exit 1)
     * @throws IllegalArgumentException naming the files of an earlier run, without {@code force}
     */
    public static void claim(String option, Path dir, List<String> names, boolean force) {
        Path abs = dir.toAbsolutePath().normalize();
        synchronized (CLAIMS) {
            if (CLAIMS.containsKey(abs)) {
                return;
            }
            List<Path> created = new ArrayList<>();
            FileChannel ch = null;
            FileLock lock = null;
            Path lockFile = abs.resolve(LOCK_FILE);
            boolean ok = false;
            try {
                createDirectories(abs, created);
                ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    lock = ch.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    lock = null; // held by another run in this JVM
                }
                if (lock == null) {
                    throw new CliException(option + " " + dir + ": another losses4j run is writing into this "
                            + "folder; wait for it to finish or choose another folder");
                }
                List<String> earlier = new ArrayList<>();
                for (String n : names) {
                    if (Files.isRegularFile(abs.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
                        earlier.add(n);
                    }
                }
                if (!earlier.isEmpty() && !force) {
                    throw new IllegalArgumentException(option + " " + dir + " holds the outputs of an earlier run ("
                            + String.join(", ", earlier) + "); add --force to replace them, or choose another "
                            + "folder");
                }
                CLAIMS.put(abs, new Claim(abs, lockFile, ch, lock, created, List.copyOf(names)));
                ok = true;
            } catch (IOException e) {
                throw new CliException("cannot write " + lockFile + ": " + reason(e), e);
            } finally {
                if (!ok) {
                    release(lock, ch, lock != null ? lockFile : null, created);
                }
            }
        }
    }

    /** Ends every claim of this run: the lock files removed, and the folders the claims created if still empty. */
    public static void releaseClaims() {
        synchronized (CLAIMS) {
            for (Claim c : CLAIMS.values()) {
                release(c.lock(), c.channel(), c.lockFile(), c.createdDirs());
            }
            CLAIMS.clear();
        }
    }

    private static void release(FileLock lock, FileChannel ch, Path lockFile, List<Path> createdDirs) {
        if (lockFile != null) {
            deleteQuietly(lockFile); // while still locked: no other run can have taken it in between
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            // closing is best effort; the system releases the lock with the process anyway
        }
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            deleteQuietly(createdDirs.get(i)); // only when empty
        }
    }

    /**
     * The run is being interrupted (Ctrl-C): waits for a commit in flight, forbids later ones, removes every
     * temporary file and ends the claims. Earlier outputs are left as they are.
     */
    public static void interrupt() {
        interrupted = true;
        synchronized (COMMITS) {
            for (Path p : TEMPS) {
                deleteQuietly(p);
            }
            TEMPS.clear();
        }
        releaseClaims();
    }

    /**
     * Whether {@link #interrupt} has run.
     *
     * @return whether {@link #interrupt} has run
     */
    public static boolean interrupted() {
        return interrupted;
    }

    /** Puts back the first {@code moved} targets: the earlier file where there was one, else nothing. */
    private static void rollBack(List<Path> targets, Path[] backups, int moved) {
        for (int i = moved - 1; i >= 0; i--) {
            try {
                if (backups[i] != null) {
                    move(backups[i], targets.get(i));
                    backups[i] = null;
                } else {
                    Files.deleteIfExists(targets.get(i));
                }
            } catch (IOException e) {
                // best effort: the backup stays next to the target under its hidden name
            }
        }
        for (int i = moved; i < backups.length; i++) {
            deleteQuietly(backups[i]);
            backups[i] = null;
        }
    }

    /** A second name for the current file (a hard link, else a copy), from which a failed commit restores it. */
    private static Path backup(Path target) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 0; ; attempt++) {
            Path b = dir.resolve("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".bak");
            try {
                try {
                    Files.createLink(b, target);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(target, b, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return b;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    /** Temporary files are created rw------- ; an output file is rw-r--r-- like any other (POSIX only). */
    private static void readableByAll(Path tmp) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a non-empty folder, or gone already
        }
    }

    // ------------------------------------------------------------------------------------------ checks up front

    /**
     * Checks, before any work, that {@code dir} (the value of {@code option}) can be an output folder: a name is
     * given, it is not a file, and the folder (or, when it does not exist yet, the nearest existing folder above
     * it) accepts new files. Nothing is created.
     *
     * @param option the option the value was given with, for the message
     * @param dir the output folder, as given; it may not exist yet
     * @throws IllegalArgumentException naming the option, the value and the problem
     */
    public static void checkFolder(String option, Path dir) {
        String given = dir.toString();
        if (given.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a folder name ('.' for the current folder), got ''");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + given + ": is a file, not a folder");
        }
        checkWritable(option, given, dir);
    }

    /**
     * Checks, before any work, that {@code file} (the value of {@code option}) can be an output file: a name is
     * given, it is not a folder, and its folder accepts new files (or can be created).
     *
     * @param option the option the value was given with, for the message
     * @param file the output file's path, as given
     * @throws IllegalArgumentException naming the option, the value and the problem
     */
    public static void checkFile(String option, Path file) {
        String given = file.toString();
        if (given.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a file name, got ''");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + given + ": is a folder, not a file");
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new IllegalArgumentException(option + " " + given + ": is not a file name");
        }
        checkWritable(option, given, file.getParent() == null ? Path.of("") : file.getParent());
    }

    /**
     * Checks that output files named in {@code option}'s folder do not clash with existing folders, e.g. a folder
     * called {@code summary.json} inside {@code --out}.
     *
     * @param option the option the value was given with, for the message
     * @param dir the output folder, as given
     * @param names the names of the files the run will write into it
     */
    public static void checkNotFolders(String option, Path dir, List<String> names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException(option + " " + dir + ": " + p + " is a folder, where the output "
                        + "file " + n + " goes");
            }
        }
    }

    /** The folder, or its nearest existing ancestor, must be a folder in which files can be created. */
    private static void checkWritable(String option, String given, Path dir) {
        Path p = dir;
        while (p != null && !p.toString().isEmpty() && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || p.toString().isEmpty()) {
            p = Path.of(".");
        }
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(option + " " + given + ": " + p + " is a file, not a folder");
        }
        try {
            Path probe = newTemp(p, ".losses4j-write-check.", ".tmp");
            Files.delete(probe);
            TEMPS.remove(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(option + " " + given + ": cannot create files in " + p + " ("
                    + (e instanceof IOException ? reason((IOException) e) : "not supported") + ")");
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or folder" : Errors.reason(e);
    }
}
