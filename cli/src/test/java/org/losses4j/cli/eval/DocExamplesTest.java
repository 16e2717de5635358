package org.losses4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Every JSON-lines request shown in {@code docs/losses/*.md}, {@code docs/PROTOCOL.md} and {@code README.md} runs
 * through {@code losses4j eval --jsonl} and gives the response the page shows, so the pages cannot drift from the
 * tool.
 *
 * <p>How the pages mark examples up (every form is read):
 * <ul>
 * <li>in a fenced code block, a line holding a JSON object with a {@code "loss"} field, possibly after {@code "> "},
 * is a request. It must be one complete line, as {@code eval --jsonl} reads requests; any block line that starts
 * with <code>{</code> and is not complete JSON is reported;</li>
 * <li>{@code "< {...}"} on a later line of the block: the exact response line the tool prints;</li>
 * <li>{@code "→ {...}"} or {@code "→ value X"} on a later line of the block: the response, or its value;</li>
 * <li>the first line after the block: {@code "Value X"} or {@code "Values X and Y"} (one per request of the block,
 * in order; text in parentheses is commentary), or {@code "→ ... `{...}`"} (the response of the block's request
 * with that id).</li>
 * </ul>
 * Except on {@code "<"} lines, a number agrees when it is within one unit of its last digit shown (a trailing
 * {@code …} marks a number cut short). A request with no documented response must be answered without error. A
 * block right after a line {@code <!-- illustrative -->} is not checked.
 */
class DocExamplesTest {
    /** Numbers as written, with their digits: 0.27491700 keeps its eight decimals. */
    private static final ObjectMapper DOC = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private static final String NUMBER = "-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?";
    private static final Pattern VALUE_ITEM = Pattern.compile("(\\[[^\\]]*\\]|" + NUMBER + ")");
    private static final Pattern ARROW_VALUE = Pattern.compile("^→ value (\\[[^\\]]*\\]|\\S+)");
    private static final Pattern BACKTICKS = Pattern.compile("`([^`]*)`");

    @TempDir
    Path tmp;

    /** One documented request and what the page says it gives. */
    private static final class Example {
        final String where;
        final String request;
        String exactLine;
        JsonNode response;
        JsonNode value;

        Example(String where, String request) {
            this.where = where;
            this.request = request;
        }

        boolean documented() {
            return exactLine != null || response != null || value != null;
        }
    }

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs/losses")) && Files.isRegularFile(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/losses above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> pages() throws IOException {
        Path root = root();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        pages.add(root.resolve("docs/PROTOCOL.md"));
        try (Stream<Path> s = Files.list(root.resolve("docs/losses"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The examples of one page; what is malformed goes to {@code problems}. */
    static List<Example> examples(String name, List<String> lines, List<String> problems) throws IOException {
        List<Example> all = new ArrayList<>();
        List<Example> block = null;
        boolean skip = false;
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            String where = name + ":" + (i + 1);
            if (t.startsWith("```")) {
                if (block == null) {
                    block = new ArrayList<>();
                    skip = previous.equals("<!-- illustrative -->");
                } else {
                    if (!skip) {
                        afterBlock(block, i + 1 < lines.size() ? lines.get(i + 1).strip() : "", name + ":" + (i + 2),
                                problems);
                        all.addAll(block);
                    }
                    block = null;
                }
                previous = t;
                continue;
            }
            if (!t.isEmpty()) {
                previous = t;
            }
            if (block == null || skip) {
                continue;
            }
            Example last = block.isEmpty() ? null : block.get(block.size() - 1);
            if (t.startsWith("< ")) {
                if (last == null) {
                    problems.add(where + ": a response line before any request");
                } else {
                    last.exactLine = t.substring(2);
                }
                continue;
            }
            if (t.startsWith("→")) {
                if (last == null) {
                    problems.add(where + ": a response before any request");
                    continue;
                }
                String rest = t.substring(1).strip();
                Matcher v = ARROW_VALUE.matcher(t);
                if (rest.startsWith("{")) {
                    last.response = parse(rest, where, problems);
                } else if (v.find()) {
                    last.value = parse(v.group(1), where, problems);
                }
                continue;
            }
            String json = t.startsWith("> ") ? t.substring(2).strip() : t;
            if (!json.startsWith("{")) {
                continue;
            }
            JsonNode request;
            try {
                request = Json.MAPPER.readTree(json);
            } catch (IOException e) {
                problems.add(where + ": not one complete JSON line (eval --jsonl reads one request per line): "
                        + abbreviate(json));
                continue;
            }
            if (request.isObject() && request.has("loss")) {
                block.add(new Example(where, json));
            }
        }
        if (block != null) {
            problems.add(name + ": a code block is not closed");
        }
        return all;
    }

    /** The first line after a block: "Value X", "Values X and Y", or "→ ... `{...}`". */
    private static void afterBlock(List<Example> block, String line, String where, List<String> problems) {
        if (block.isEmpty()) {
            return;
        }
        if (line.startsWith("Value ") || line.startsWith("Values ")) {
            String s = line;
            for (String prev = null; !s.equals(prev); ) {
                prev = s;
                s = s.replaceAll("\\([^()]*\\)", "");
            }
            s = s.substring(s.indexOf(' ') + 1).strip();
            List<String> values = new ArrayList<>();
            Matcher m = VALUE_ITEM.matcher(s);
            int at = 0;
            while (m.find(at) && m.start() == at) {
                values.add(m.group(1));
                at = m.end();
                Matcher sep = Pattern.compile("\\s*(?:,|and)\\s*").matcher(s);
                if (sep.find(at) && sep.start() == at && sep.end() < s.length()) {
                    at = sep.end();
                } else {
                    break;
                }
            }
            if (values.isEmpty() || values.size() > block.size()) {
                problems.add(where + ": cannot match '" + line + "' to the " + block.size() + " request(s) above");
                return;
            }
            for (int k = 0; k < values.size(); k++) {
                block.get(k).value = parse(values.get(k), where, problems);
            }
        } else if (line.startsWith("→")) {
            Matcher b = BACKTICKS.matcher(line);
            while (b.find()) {
                if (!b.group(1).startsWith("{")) {
                    continue;
                }
                JsonNode response = parse(b.group(1), where, problems);
                if (response == null) {
                    return;
                }
                for (Example e : block) {
                    JsonNode id;
                    try {
                        id = Json.MAPPER.readTree(e.request).get("id");
                    } catch (IOException x) {
                        continue;
                    }
                    if (block.size() == 1 || id != null && id.equals(response.get("id"))) {
                        e.response = response;
                        return;
                    }
                }
                problems.add(where + ": no request above has the id of " + abbreviate(b.group(1)));
                return;
            }
        }
    }

    private static JsonNode parse(String text, String where, List<String> problems) {
        try {
            return DOC.readTree(text.replace("…", ""));
        } catch (IOException e) {
            problems.add(where + ": the documented response is not JSON: " + abbreviate(text));
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /** Numbers within one unit of the last digit shown; everything else equal. */
    static void compare(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (actual == null) {
            problems.add(path + ": missing, expected " + expected);
        } else if (expected.isNumber()) {
            BigDecimal e = expected.decimalValue();
            double tolerance = expected.isIntegralNumber() ? 0 : e.ulp().doubleValue();
            if (!actual.isNumber() || Math.abs(actual.asDouble() - e.doubleValue()) > tolerance) {
                problems.add(path + ": the page shows " + expected + ", the tool gives " + actual);
            }
        } else if (expected.isArray() || expected.isObject()) {
            if (expected.getNodeType() != actual.getNodeType() || expected.size() != actual.size()) {
                problems.add(path + ": the page shows " + expected + ", the tool gives " + actual);
                return;
            }
            if (expected.isObject()) {
                TreeSet<String> a = new TreeSet<>();
                actual.fieldNames().forEachRemaining(a::add);
                TreeSet<String> b = new TreeSet<>();
                expected.fieldNames().forEachRemaining(b::add);
                if (!a.equals(b)) {
                    problems.add(path + ": the page shows fields " + b + ", the tool gives " + a);
                    return;
                }
                for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    compare(path + "." + f, expected.get(f), actual.get(f), problems);
                }
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    compare(path + "[" + i + "]", expected.get(i), actual.get(i), problems);
                }
            }
        } else if (!expected.equals(actual)) {
            problems.add(path + ": the page shows " + expected + ", the tool gives " + actual);
        }
    }

    @Test
    void everyDocumentedRequestGivesTheDocumentedResponse() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        for (Path page : pages()) {
            examples.addAll(examples(root().relativize(page).toString(), Files.readAllLines(page), problems));
        }
        assertThat(examples.size()).as("requests found in the pages").isGreaterThanOrEqualTo(45);
        assertThat(examples.stream().filter(Example::documented).count()).as("with a documented response")
                .isGreaterThanOrEqualTo(40);
        StringBuilder in = new StringBuilder();
        for (Example e : examples) {
            in.append(e.request).append('\n');
        }
        Path file = tmp.resolve("doc-examples.jsonl");
        Files.writeString(file, in, StandardCharsets.UTF_8);
        CliRun r = CliRun.run("eval", "--jsonl", file.toString());
        List<String> out = r.out.lines().toList();
        assertThat(out).as(r.toString()).hasSize(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            String line = out.get(i);
            JsonNode actual = Json.MAPPER.readTree(line);
            if (e.exactLine != null && !e.exactLine.equals(line)) {
                problems.add(e.where + ": the page shows\n    " + e.exactLine + "\n  the tool prints\n    " + line);
            }
            if (!e.documented() && actual.has("error")) {
                problems.add(e.where + ": answered with an error: " + line);
            }
            if (e.response != null) {
                compare(e.where, e.response, actual, problems);
            }
            if (e.value != null) {
                if (actual.has("error")) {
                    problems.add(e.where + ": answered with an error: " + line);
                } else {
                    compare(e.where + " value", e.value, actual.get("value"), problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theReaderFindsSplitRequestsAndMismatchedValues() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Example> ex = examples("page.md", List.of(
                "```json",
                "{\"id\": 1, \"loss\": \"l1_loss\",",
                " \"inputs\": {\"input\": [1.0], \"target\": [0.0]}}",
                "{\"id\": 2, \"loss\": \"l1_loss\", \"inputs\": {\"input\": [1.0], \"target\": [0.0]}}",
                "{\"id\": 3, \"loss\": \"l1_loss\", \"inputs\": {\"input\": [0.5], \"target\": [0.0]}}",
                "```",
                "Values 1.0 (one) and 0.5.",
                "<!-- illustrative -->",
                "```",
                "{\"loss\": \"anything\"}",
                "```"), problems);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("page.md:2: not one complete JSON line");
        assertThat(ex).hasSize(2);
        assertThat(ex.get(0).value.decimalValue()).isEqualByComparingTo("1.0");
        assertThat(ex.get(1).value.decimalValue()).isEqualByComparingTo("0.5");
        List<String> diff = new ArrayList<>();
        compare("v", DOC.readTree("0.8901986001119268"), Json.MAPPER.readTree("0.8901985883712769"), diff);
        compare("w", DOC.readTree("0.39906943"), Json.MAPPER.readTree("0.3990694314135299"), diff);
        compare("x", DOC.readTree("[0.3, 0.0]"), Json.MAPPER.readTree("[0.30000001192092896, 0.0]"), diff);
        assertThat(diff).hasSize(1);
        assertThat(diff.get(0)).startsWith("v:");
    }
}
