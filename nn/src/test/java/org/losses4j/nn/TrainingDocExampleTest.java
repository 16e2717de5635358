package org.losses4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java program of docs/TRAINING.md ("The same in Java") compiles as it stands, runs, and prints what the page
 * shows below it, so the example cannot drift from the API.
 */
class TrainingDocExampleTest {
    private static final String SECTION = "## The same in Java";

    @TempDir
    Path tmp;

    private static Path page() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/TRAINING.md"))) {
                return p.resolve("docs/TRAINING.md");
            }
        }
        throw new IllegalStateException("no docs/TRAINING.md above " + Path.of("").toAbsolutePath());
    }

    /** The first block tagged {@code tag} after the section heading. */
    static String block(List<String> lines, String tag) {
        int i = lines.indexOf(SECTION);
        assertThat(i).as("the section '%s' in docs/TRAINING.md", SECTION).isNotNegative();
        while (!lines.get(i).equals("```" + tag)) {
            i++;
        }
        StringBuilder b = new StringBuilder();
        for (i++; !lines.get(i).equals("```"); i++) {
            b.append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void theJavaExampleCompilesRunsAndPrintsWhatThePageShows() throws Exception {
        List<String> lines = Files.readAllLines(page());
        String source = block(lines, "java");
        String expected = block(lines, "text");
        Matcher m = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(m.find()).as("a public class in the example").isTrue();
        String name = m.group(1);
        Path src = Files.createDirectories(tmp.resolve("src")).resolve(name + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-cp", cp, "-d", classes.toString(),
                src.toString()));
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                TrainingDocExampleTest.class.getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass(name).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n")).isEqualTo(expected);
    }
}
