package org.losses4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;
import org.losses4j.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code losses4j eval --jsonl} against docs/PROTOCOL.md and the PyTorch fixtures, end to end. */
class JsonlProtocolTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void everyFixtureCaseThroughTheCommandLineAgreesWithPyTorch() throws Exception {
        List<Fixtures.Case> cases = Fixtures.all();
        assertThat(cases).isNotEmpty();
        StringBuilder requests = new StringBuilder();
        for (Fixtures.Case c : cases) {
            requests.append(Json.MAPPER.writeValueAsString(c.request())).append('\n');
        }
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, requests, StandardCharsets.UTF_8);
        CliRun r = CliRun.run("eval", "--jsonl", file.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        String[] lines = r.out.split("\n");
        assertThat(lines).hasSize(cases.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Map<String, Object> response = Json.MAPPER.readValue(lines[i], Map.class);
            Fixtures.Case c = cases.get(i);
            assertThat(response.get("id")).as("id echoed in order").isEqualTo(c.name());
            for (String p : Fixtures.check(c, response)) {
                problems.add(c.name() + ": " + p);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void specExampleFromStandardInput() throws Exception {
        String req = "{\"id\": \"c1\", \"loss\": \"huber_loss\", \"params\": {\"delta\": 1.5}, \"reduction\": "
                + "\"mean\", \"inputs\": {\"input\": [[0.5, 2.0], [1.0, -3.0]], \"target\": [[0.0, 0.0], [1.0, 1.0]]},"
                + " \"grad\": [\"input\", \"target\"]}\n"
                + "{\"id\": \"c2\", \"loss\": \"huber_loss\", \"params\": {\"delta\": -1.5}, \"inputs\": "
                + "{\"input\": [1.0], \"target\": [0.0]}}\n";
        CliRun r = CliRun.runWithStdin(req, "eval", "--jsonl", "-");
        assertThat(r.exitCode).isZero();
        String[] lines = r.out.split("\n");
        JsonNode c1 = Json.MAPPER.readTree(lines[0]);
        assertThat(c1.get("id").asText()).isEqualTo("c1");
        assertThat(c1.get("value").asDouble()).isEqualTo(1.71875);
        assertThat(c1.get("grad").get("input").toString()).isEqualTo("[[0.125,0.375],[0.0,-0.375]]");
        assertThat(c1.get("grad").get("target").get(1).get(1).asDouble()).isEqualTo(0.375);
        assertThat(lines[1]).isEqualTo("{\"id\":\"c2\",\"error\":\"huber_loss: delta must be > 0, got -1.5\"}");
    }

    @Test
    void badLinesAnswerWithAnErrorAndTheStreamGoesOn() throws Exception {
        String req = String.join("\n",
                "not json",
                "[1, 2]",
                "{\"id\": 7, \"loss\": \"no_such_loss\", \"inputs\": {}}",
                "{\"id\": 8, \"loss\": \"l1_loss\", \"inputs\": {\"input\": [[1, 2], [3]], \"target\": [1, 2]}}",
                "{\"id\": 9, \"loss\": \"l1_loss\", \"inputs\": {\"input\": [1.0], \"target\": [2.0]}, \"grads\": []}",
                "{\"id\": 10, \"loss\": \"l1_loss\", \"inputs\": {\"input\": [1.0], \"target\": [2.0]}, "
                        + "\"reduction\": \"avg\"}",
                "{\"id\": 11, \"loss\": \"l1_loss\", \"inputs\": {\"input\": [1.0], \"target\": [2.0]}, "
                        + "\"grad\": [\"weight\"]}",
                "{\"id\": 12, \"loss\": \"l1_loss\", \"inputs\": {\"input\": [0.5], \"target\": [2.0]}} trailing",
                "",
                "{\"id\": [\"any\", {\"json\": 1}], \"loss\": \"l1_loss\", \"inputs\": {\"input\": 0.5, "
                        + "\"target\": 2}}");
        CliRun r = CliRun.runWithStdin(req + "\n", "eval", "--jsonl", "-");
        assertThat(r.exitCode).as("every line was read").isZero();
        String[] lines = r.out.split("\n");
        assertThat(lines).as("one response per line, a blank one included").hasSize(10);
        assertThat(lines[0]).contains("malformed JSON on line 1");
        assertThat(lines[1]).contains("must be a JSON object");
        assertThat(lines[2]).contains("\"id\":7").contains("unknown loss 'no_such_loss'");
        assertThat(lines[3]).contains("\"id\":8").contains("not rectangular");
        assertThat(lines[4]).contains("\"id\":9").contains("unknown field 'grads'");
        assertThat(lines[5]).contains("\"id\":10").contains("reduction").contains("avg");
        assertThat(lines[6]).contains("\"id\":11").contains("cannot differentiate with respect to 'weight'");
        assertThat(lines[7]).contains("malformed JSON");
        assertThat(lines[8]).contains("line 9 is blank");
        assertThat(lines[9]).isEqualTo("{\"id\":[\"any\",{\"json\":1}],\"value\":1.5}");
        assertThat(r.err).contains("9 of 10 requests answered with an error");
    }

    @Test
    void nullParametersAreNoneAsInPyTorch() throws Exception {
        String in = "\"inputs\": {\"input\": [[0.5, 2.0]], \"target\": [1]}}\n";
        String req = "{\"id\": 1, \"loss\": \"huber_loss\", \"params\": {\"delta\": null}, \"inputs\": "
                + "{\"input\": [1.0], \"target\": [0.0]}}\n"
                + "{\"id\": 2, \"loss\": \"cross_entropy\", \"params\": {\"weight\": null}, " + in
                + "{\"id\": 3, \"loss\": \"cross_entropy\", \"params\": {\"label_smoothing\": null}, " + in
                + "{\"id\": 4, \"loss\": \"kl_div\", \"params\": {\"log_target\": null}, \"inputs\": "
                + "{\"input\": [-1.0], \"target\": [0.5]}}\n"
                + "{\"id\": 5, \"loss\": \"huber_loss\", \"params\": {\"detla\": null}, \"inputs\": "
                + "{\"input\": [1.0], \"target\": [0.0]}}\n";
        CliRun r = CliRun.runWithStdin(req, "eval", "--jsonl", "-");
        String[] lines = r.out.split("\n");
        // F.huber_loss(x, y, delta=None) raises TypeError; weight=None is the default
        assertThat(lines[0]).isEqualTo("{\"id\":1,\"error\":\"huber_loss: delta must be a number, got null\"}");
        assertThat(Json.MAPPER.readTree(lines[1]).has("value")).as(lines[1]).isTrue();
        assertThat(lines[2]).contains("label_smoothing must be a number, got null");
        assertThat(lines[3]).contains("log_target must be true or false, got null");
        assertThat(lines[4]).contains("unknown parameter 'detla'");
        assertThat(r.err).contains("4 of 5 requests answered with an error");
    }

    @Test
    void nonFiniteNumbersAreStringsBothWays() throws Exception {
        String req = "{\"loss\": \"mse_loss\", \"reduction\": \"none\", \"inputs\": {\"input\": [\"NaN\", 1e39, NaN, "
                + "\"-Infinity\"], \"target\": [0, 0, 0, 0]}, \"grad\": [\"input\"]}\n";
        CliRun r = CliRun.runWithStdin(req, "eval", "--jsonl", "-");
        assertThat(r.out.trim()).isEqualTo("{\"value\":[\"NaN\",\"Infinity\",\"NaN\",\"Infinity\"],"
                + "\"grad\":{\"input\":[\"NaN\",\"Infinity\",\"NaN\",\"-Infinity\"]}}");
    }

    @Test
    void float32ResultsAreWrittenSoTheyParseBackExactly() throws Exception {
        String req = "{\"loss\": \"l1_loss\", \"reduction\": \"none\", \"inputs\": {\"input\": [0.1, 1e-30], "
                + "\"target\": [0, 0]}}\n";
        CliRun r = CliRun.runWithStdin(req, "eval", "--jsonl", "-");
        JsonNode v = Json.MAPPER.readTree(r.out).get("value");
        assertThat((float) v.get(0).asDouble()).isEqualTo(0.1f);
        assertThat(v.get(0).asDouble()).isEqualTo((double) 0.1f);
        assertThat((float) v.get(1).asDouble()).isEqualTo(1e-30f);
    }

    @Test
    void unreadableInputFailsWithNonZeroStatus() {
        CliRun r = CliRun.run("eval", "--jsonl", dir.resolve("missing.jsonl").toString());
        assertThat(r.exitCode).isNotZero();
        assertThat(r.err).contains("cannot read").contains("missing.jsonl").contains("no such file")
                .doesNotContain("Exception");
    }
}
