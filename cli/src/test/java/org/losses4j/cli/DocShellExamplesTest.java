package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell command of README.md, docs/*.md, docs/losses/*.md and examples/*.md runs as shown from the repository
 * root and prints what the page shows ({@link DocShell} says how the pages mark them up). The JSON-lines requests
 * of the pages are checked by {@code eval.DocExamplesTest}.
 */
class DocShellExamplesTest {
    @TempDir
    Path tmp;

    @Test
    void everyDocumentedCommandRunsAsShown() throws Exception {
        List<String> problems = new ArrayList<>();
        List<DocShell.Command> commands = new ArrayList<>();
        Path root = DocShell.root();
        for (Path page : DocShell.pages()) {
            commands.addAll(DocShell.commands(root.relativize(page).toString(), Files.readAllLines(page), problems));
        }
        assertThat(problems).as("how the pages mark commands up").isEmpty();
        assertThat(commands.stream().filter(c -> c.text().startsWith("./losses4j")).count())
                .as("losses4j commands in the pages").isGreaterThanOrEqualTo(15);
        assertThat(commands.stream().filter(c -> c.expected() != null && !c.expected().isEmpty()).count())
                .as("with their output shown").isGreaterThanOrEqualTo(6);
        Path dir = DocShell.sandbox(tmp);
        for (DocShell.Command c : commands) {
            DocShell.run(c, dir, problems);
        }
        assertThat(problems).isEmpty();
    }

    /**
     * The repository explains itself: no file points outside it (to a folder of reference material next to the
     * checkout), and the docs describe the product, not the history of its making.
     */
    @Test
    void theRepositoryPointsNowhereElseAndTellsNoHistory() throws Exception {
        Path root = DocShell.root();
        List<String> problems = new ArrayList<>();
        java.util.regex.Pattern outside = java.util.regex.Pattern.compile("(\\.\\./|/work/|\\b)shared/(spec|data|STYLE|DECISIONS)");
        java.util.regex.Pattern history = java.util.regex.Pattern.compile("(?i)\\b(this|the (first|second|third|"
                + "fourth|fifth|sixth|seventh) )session\\b|\\bissue #?\\d+");
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(f).toString();
                if (rel.startsWith(".git") || rel.contains("target/") || rel.startsWith("out/")
                        || rel.contains("/out/") || !Files.isRegularFile(f)
                        || !rel.matches(".*\\.(md|java|py|sh|xml|txt|json|jsonl|csv|properties)$|losses4j")) {
                    continue;
                }
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
                if (outside.matcher(text).find() && !rel.endsWith("DocShellExamplesTest.java")) {
                    problems.add(rel + ": points outside the repository");
                }
                if ((rel.endsWith(".md")) && history.matcher(text).find()) {
                    problems.add(rel + ": tells history (" + history.matcher(text).results().findFirst()
                            .map(java.util.regex.MatchResult::group).orElse("") + ")");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The checker itself: a command that fails, or prints other than the page shows, is reported. */
    @Test
    void theCheckerReportsFailuresAndDifferences() throws Exception {
        List<String> problems = new ArrayList<>();
        List<DocShell.Command> commands = DocShell.commands("page.md", List.of(
                "```bash",
                "./losses4j eval --loss l1_loss --input 1 --target 0   # fine",
                "./losses4j eval --loss no_such_loss --input 1 \\",
                "    --target 0",
                "```",
                "<!-- not run: an install -->",
                "```bash",
                "apt-get install -y nothing",
                "```",
                "```console",
                "$ ./losses4j eval --loss l1_loss --input 2.5,4.8,6.9,9.5 --target 3,5,7,9",
                "L1Loss(reduction=mean) = 0.325",
                "$ ./losses4j eval --loss mse_loss --input 1 --target 0",
                "MSELoss(reduction=mean) = 2.0",
                "```",
                "<!-- shortened in the test: --input 3 => --input 4 -->",
                "```console",
                "$ ./losses4j eval --loss mse_loss --input 3 --target 0",
                "MSELoss(reduction=[...]) = 9.0",
                "```",
                "```",
                "./losses4j list",
                "```"), problems);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("page.md:21: a block of commands without a tag");
        assertThat(commands).extracting(DocShell.Command::text).containsExactly(
                "./losses4j eval --loss l1_loss --input 1 --target 0   # fine",
                "./losses4j eval --loss no_such_loss --input 1 --target 0",
                "./losses4j eval --loss l1_loss --input 2.5,4.8,6.9,9.5 --target 3,5,7,9",
                "./losses4j eval --loss mse_loss --input 1 --target 0",
                "./losses4j eval --loss mse_loss --input 4 --target 0");
        problems.clear();
        Path dir = DocShell.sandbox(tmp);
        for (DocShell.Command c : commands) {
            DocShell.run(c, dir, problems);
        }
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("page.md:1: exit 2: ./losses4j eval --loss no_such_loss");
        assertThat(problems.get(1)).startsWith("page.md:10: ./losses4j eval --loss mse_loss --input 1")
                .endsWith("the command prints:\n    MSELoss(reduction=mean) = 1");
        // numbers masked: 16.0 against 9.0 is not a difference in a shortened run
        assertThat(DocShell.lineMatches("a 1.5 b", "a 22 b", true)).isTrue();
        assertThat(DocShell.lineMatches("a 1.5 b", "a 22 c", true)).isFalse();
    }
}
