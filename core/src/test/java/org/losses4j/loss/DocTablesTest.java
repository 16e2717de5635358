package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The documentation's tables say what the declarations say: every row of a {@code parameters (defaults)} column in
 * docs/losses/*.md lists the loss's declared parameters with their defaults, in order, and the README's table of
 * losses names every registered loss.
 */
class DocTablesTest {
    private static final LossRegistry REGISTRY = LossRegistry.standard();
    private static final Pattern PARAM = Pattern.compile("([a-z_][a-z0-9_]*)=([^,;`\\s]+)");

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs/losses")) && Files.isRegularFile(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/losses above " + Path.of("").toAbsolutePath());
    }

    private static List<String> cells(String row) {
        List<String> c = new ArrayList<>();
        for (String s : row.substring(1, row.lastIndexOf('|')).split("\\|", -1)) {
            c.add(s.trim());
        }
        return c;
    }

    @Test
    void theParameterColumnsListTheDeclaredParametersAndDefaults() throws IOException {
        List<String> problems = new ArrayList<>();
        int rows = 0;
        List<Path> docs;
        try (Stream<Path> s = Files.list(root().resolve("docs/losses"))) {
            docs = s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        for (Path doc : docs) {
            int column = -1;
            for (String line : Files.readAllLines(doc)) {
                if (!line.startsWith("|")) {
                    column = -1;
                    continue;
                }
                List<String> cells = cells(line);
                if (column < 0) {
                    column = cells.indexOf("parameters (defaults)");
                    continue;
                }
                String name = cells.get(0).replace("`", "");
                if (!REGISTRY.contains(name) || column >= cells.size()) {
                    continue;
                }
                rows++;
                List<String> shown = new ArrayList<>();
                Matcher m = PARAM.matcher(cells.get(column));
                while (m.find()) {
                    shown.add(m.group(1) + "=" + m.group(2));
                }
                List<String> declared = REGISTRY.info(name).parameterList().stream().map(ParameterSpec::toString)
                        .collect(Collectors.toList());
                if (!shown.equals(declared)) {
                    problems.add(doc.getFileName() + ": " + name + " shows " + shown + ", declared " + declared);
                }
            }
        }
        assertThat(rows).as("rows checked").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void theReadmeTableNamesEveryLoss() throws IOException {
        Set<String> shown = new TreeSet<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(root().resolve("README.md"))) {
            if (line.startsWith("| family | losses |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable && line.length() > 1) {
                Matcher m = Pattern.compile("`([a-z0-9_]+)`").matcher(cells(line).get(1));
                while (m.find()) {
                    shown.add(m.group(1));
                }
            }
        }
        Set<String> registered = REGISTRY.list().stream().map(LossInfo::name).collect(Collectors.toCollection(TreeSet::new));
        registered.removeAll(Set.of("huber_concomitant_loss", "adaptive_robust_loss")); // named below the table
        assertThat(shown).isEqualTo(registered);
    }
}
