package org.losses4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell commands of the documentation, read from the pages and run as a reader would run them, from the
 * repository root. How the pages mark them up:
 * <ul>
 * <li>a fenced block tagged {@code bash}, {@code sh} or {@code shell}: every line is a command (a line ending in
 * {@code \} continues on the next; {@code #} comments are shell comments); each must exit 0;</li>
 * <li>a block tagged {@code console}: a line {@code $ command} is a command, and the lines after it, up to the next
 * {@code $ }, are exactly what it prints on standard output. A line {@code ...} stands for any number of lines,
 * {@code [...]} inside a line for any text (a time, a path);</li>
 * <li>{@code <!-- not run: why -->} on the line before a block: the block is not run (a package install, the
 * benchmarks, the build itself);</li>
 * <li>{@code <!-- shortened in the test: A => B; C => D -->} on the line before a block: the test runs its commands
 * with each text A replaced by B (fewer epochs or repeats, for a run that takes minutes), and compares what they
 * print with every number masked: the lines, labels and layout are checked, the figures are those of the full run
 * the page shows.</li>
 * </ul>
 * A block that is not tagged but starts with {@code ./losses4j} or {@code $ } is reported, so that no command
 * escapes the test by a missing tag.
 *
 * <p>The commands run in a scratch copy of the repository's {@code examples/} and {@code docs/} (so a command that
 * writes a plot into {@code docs/delta} does not touch the real one), where {@code ./losses4j} is a script that
 * starts this build's classes as the real launcher starts its jar.
 */
public final class DocShell {
    private static final Pattern NOT_RUN = Pattern.compile("^<!-- not run: .+-->$");
    private static final Pattern SHORTENED = Pattern.compile("^<!-- shortened in the test: (.+) -->$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?");

    private DocShell() {
    }

    /** One documented command: where it is, the text to run, what it must print (null: not shown). */
    public record Command(String where, String text, List<String> expected, boolean masked) {
    }

    /** The repository root: the folder above the working directory holding README.md and docs/. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("README.md"))
                    && Files.isRegularFile(p.resolve("losses4j"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** README.md, then docs/*.md and docs/losses/*.md, sorted. */
    public static List<Path> pages() throws IOException {
        Path root = root();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        for (Path dir : new Path[] {root.resolve("docs"), root.resolve("docs/losses"), root.resolve("examples")}) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        return pages;
    }

    /** The commands of one page; what is malformed goes to {@code problems}. */
    public static List<Command> commands(String page, List<String> lines, List<String> problems) {
        List<Command> out = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (!t.startsWith("```")) {
                if (!t.isEmpty()) {
                    previous = t;
                }
                continue;
            }
            String tag = t.substring(3).strip();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                end++;
            }
            if (end == lines.size()) {
                problems.add(page + ":" + (i + 1) + ": a code block is not closed");
                return out;
            }
            List<String> block = lines.subList(i + 1, end);
            String where = page + ":" + (i + 1);
            boolean skip = NOT_RUN.matcher(previous).matches();
            java.util.regex.Matcher sm = SHORTENED.matcher(previous);
            Map<String, String> replace = new LinkedHashMap<>();
            if (sm.matches()) {
                for (String pair : sm.group(1).split(";")) {
                    String[] ab = pair.split("=>");
                    if (ab.length != 2) {
                        problems.add(where + ": cannot read the replacement '" + pair.strip() + "'");
                        continue;
                    }
                    replace.put(ab[0].strip(), ab[1].strip());
                }
            }
            if (!skip) {
                switch (tag) {
                    case "bash", "sh", "shell" -> shell(where, block, replace, out, problems);
                    case "console" -> console(where, block, replace, out, problems);
                    default -> {
                        String first = block.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst()
                                .orElse("");
                        if (tag.isEmpty() && (first.startsWith("./losses4j") || first.startsWith("$ "))) {
                            problems.add(where + ": a block of commands without a tag: mark it bash (commands) "
                                    + "or console ($ command, then its output), or <!-- not run: why -->");
                        }
                    }
                }
            }
            previous = "";
            i = end;
        }
        return out;
    }

    private static String apply(String command, Map<String, String> replace, String where, List<String> problems) {
        String c = command;
        for (Map.Entry<String, String> e : replace.entrySet()) {
            if (!c.contains(e.getKey())) {
                problems.add(where + ": the shortening '" + e.getKey() + "' is not in the command: " + command);
            }
            c = c.replace(e.getKey(), e.getValue());
        }
        return c;
    }

    private static void shell(String where, List<String> block, Map<String, String> replace, List<Command> out,
            List<String> problems) {
        StringBuilder cmd = new StringBuilder();
        for (String line : block) {
            String t = line.strip();
            if (cmd.length() == 0 && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (t.endsWith("\\")) {
                cmd.append(t.substring(0, t.length() - 1).stripTrailing()).append(' ');
                continue;
            }
            cmd.append(t);
            out.add(new Command(where, apply(cmd.toString(), replace, where, problems), null, !replace.isEmpty()));
            cmd.setLength(0);
        }
    }

    private static void console(String where, List<String> block, Map<String, String> replace, List<Command> out,
            List<String> problems) {
        int i = 0;
        while (i < block.size()) {
            String t = block.get(i).strip();
            if (t.isEmpty()) {
                i++;
                continue;
            }
            if (!t.startsWith("$ ")) {
                problems.add(where + ": a console block must start with '$ command', got: " + t);
                return;
            }
            StringBuilder cmd = new StringBuilder(t.substring(2));
            while (cmd.toString().endsWith("\\") && i + 1 < block.size()) {
                String head = cmd.substring(0, cmd.length() - 1).stripTrailing();
                cmd.setLength(0);
                cmd.append(head).append(' ').append(block.get(++i).strip());
            }
            i++;
            List<String> expected = new ArrayList<>();
            while (i < block.size() && !block.get(i).startsWith("$ ")) {
                expected.add(block.get(i).stripTrailing());
                i++;
            }
            while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
                expected.remove(expected.size() - 1);
            }
            out.add(new Command(where, apply(cmd.toString(), replace, where, problems), expected,
                    !replace.isEmpty()));
        }
    }

    /** A scratch folder to run the commands in: copies of examples/ and docs/, tools/ linked, the launcher. */
    public static Path sandbox(Path dir) throws IOException {
        Path root = root();
        for (String d : new String[] {"examples", "docs"}) {
            copy(root.resolve(d), dir.resolve(d));
        }
        Files.createSymbolicLink(dir.resolve("tools"), root.resolve("tools"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path release = Path.of(System.getProperty("java.home"), "release");
        boolean vector = Files.isRegularFile(release) && Files.readAllLines(release).stream()
                .anyMatch(l -> l.startsWith("MODULES=") && l.contains("jdk.incubator.vector"));
        // as ./losses4j starts cli/target/losses4j.jar, with this build's classes instead of the jar
        String script = "#!/usr/bin/env bash\nexec '" + java + "' -Djava.awt.headless=true"
                + (vector ? " --add-modules jdk.incubator.vector" : "") + " ${LOSSES4J_JAVA_OPTS:-} -cp '" + cp
                + "' org.losses4j.cli.Main \"$@\"\n";
        Path launcher = dir.resolve("losses4j");
        Files.writeString(launcher, script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(p -> {
                try {
                    Path q = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(q);
                    } else {
                        Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Runs a command with bash in {@code dir}; what went wrong, if anything, goes to {@code problems}. */
    public static void run(Command c, Path dir, List<String> problems) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-e", "-c", c.text()).directory(dir.toFile());
        pb.environment().remove("LOSSES4J_JAVA_OPTS");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            problems.add(c.where() + ": timed out: " + c.text());
            return;
        }
        String stdout = new String(bytes, StandardCharsets.UTF_8);
        String stderr = Files.readString(err);
        Files.delete(err);
        if (p.exitValue() != 0) {
            problems.add(c.where() + ": exit " + p.exitValue() + ": " + c.text() + "\n" + indent(stderr));
            return;
        }
        if (c.expected() != null) {
            List<String> actual = new ArrayList<>(stdout.lines().map(String::stripTrailing).toList());
            while (!actual.isEmpty() && actual.get(actual.size() - 1).isEmpty()) {
                actual.remove(actual.size() - 1);
            }
            if (!matches(c.expected(), 0, actual, 0, c.masked())) {
                problems.add(c.where() + ": " + c.text() + "\n  the page shows:\n" + indent(String.join("\n",
                        c.expected())) + "\n  the command prints" + (c.masked() ? " (numbers masked)" : "") + ":\n"
                        + indent(stdout));
            }
        }
    }

    private static String indent(String s) {
        return s.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("    (nothing)");
    }

    /** Line by line, {@code ...} for any lines and {@code [...]} for any text within a line. */
    static boolean matches(List<String> expected, int e, List<String> actual, int a, boolean masked) {
        if (e == expected.size()) {
            return a == actual.size();
        }
        if (expected.get(e).strip().equals("...")) {
            for (int k = a; k <= actual.size(); k++) {
                if (matches(expected, e + 1, actual, k, masked)) {
                    return true;
                }
            }
            return false;
        }
        return a < actual.size() && lineMatches(expected.get(e), actual.get(a), masked)
                && matches(expected, e + 1, actual, a + 1, masked);
    }

    static boolean lineMatches(String expected, String actual, boolean masked) {
        String x = masked ? mask(expected) : expected;
        String y = masked ? mask(actual) : actual;
        StringBuilder regex = new StringBuilder();
        String[] parts = x.split(Pattern.quote("[...]"), -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString()).matcher(y).matches();
    }

    /** Numbers as #, runs of spaces as one, and where a marker such as "&lt;- best delta" sits left out. */
    static String mask(String line) {
        return NUMBER.matcher(line.replace("<- best delta", "")).replaceAll("#").replaceAll("\\s+", " ").strip();
    }
}
