package org.losses4j.cli.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 */
public final class OutputSet {
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
     * @param target the target
     * @param content the bytes to write
     * @return this OutputSet, for chaining
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
        if (committed) {
            throw new IllegalStateException("output set already committed");
        }
        committed = true;
        List<Path> createdDirs = new ArrayList<>();
        List<Path> targets = new ArrayList<>(files.keySet());
        Path[] temps = new Path[targets.size()];
        Path[] backups = new Path[targets.size()];
        int moved = 0;
        boolean ok = false;
        Path current = null;
        try {
            for (int i = 0; i < targets.size(); i++) {
                current = targets.get(i);
                if (Files.isDirectory(current)) {
                    throw new CliException("cannot write " + current + ": is a folder, not a file");
                }
                createDirectories(current.getParent(), createdDirs);
                temps[i] = Files.createTempFile(current.getParent(), "." + current.getFileName() + ".", ".tmp");
                readableByAll(temps[i]);
                Files.write(temps[i], files.get(current));
            }
            for (int i = 0; i < targets.size(); i++) {
                current = targets.get(i);
                if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    backups[i] = backup(current);
                }
                mover.move(temps[i], current);
                temps[i] = null;
                moved = i + 1;
            }
            ok = true;
        } catch (IOException e) {
            throw new CliException("cannot write " + current + ": " + reason(e), e);
        } finally {
            if (!ok) {
                rollBack(targets, backups, moved);
            }
            for (Path p : temps) {
                deleteQuietly(p);
            }
            for (Path p : backups) {
                if (ok) {
                    deleteQuietly(p);
                }
            }
            if (!ok) {
                for (int i = createdDirs.size() - 1; i >= 0; i--) {
                    deleteQuietly(createdDirs.get(i));
                }
            }
        }
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
     * @param dir the folder
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
     * @param file the file
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
     * @param dir the folder
     * @param names the file names in the folder
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
            Path probe = Files.createTempFile(p, ".losses4j-write-check.", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(option + " " + given + ": cannot create files in " + p + " ("
                    + (e instanceof IOException ? reason((IOException) e) : "not supported") + ")");
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or folder" : Errors.reason(e);
    }
}
