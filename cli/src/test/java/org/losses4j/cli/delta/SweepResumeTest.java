package org.losses4j.cli.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code delta sweep --resume}: finished folds are kept as they finish, and a later run skips them. */
class SweepResumeTest {
    @TempDir
    Path tmp;

    private static JsonNode sweep(Path state, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("delta", "sweep", "--deltas", "1,2", "--folds", "2", "--epochs", "2",
                "--no-baselines", "--json", "--no-plots", "--resume", state.toString()));
        a.addAll(List.of(more));
        CliRun r = CliRun.run(a.toArray(new String[0]));
        assertThat(r.exitCode).as(r.toString()).isZero();
        return Json.MAPPER.readTree(r.out);
    }

    @Test
    void finishedFoldsAreKeptAndReused() throws Exception {
        Path state = tmp.resolve("sweep.jsonl");
        JsonNode first = sweep(state);
        List<String> lines = Files.readAllLines(state);
        assertThat(lines).hasSize(1 + 2 * 2); // the settings, then one line per (delta, fold)
        assertThat(lines.get(0)).startsWith("{\"settings\":{\"data\":\"boston");
        // an interrupted sweep: only one fold kept (and a line cut short), with a value no training gives
        String kept = lines.get(1).replaceAll("\"mae\":[^,]+", "\"mae\":123.0");
        Files.writeString(state, lines.get(0) + "\n" + kept + "\n{\"repeat\":0,\"con");
        JsonNode resumed = sweep(state);
        JsonNode fold = Json.MAPPER.readTree(kept);
        int config = fold.get("config").asText().equals("huber delta=1") ? 0 : 1;
        assertThat(resumed.get("results").get(config).get("fold_mae").get(fold.get("fold").asInt()).asDouble())
                .as("the kept fold is not trained again").isEqualTo(123.0);
        // the others were trained again, to the same values as the first time (the sweep is reproducible)
        int other = 1 - config;
        assertThat(resumed.get("results").get(other).get("fold_mae"))
                .isEqualTo(first.get("results").get(other).get("fold_mae"));
        assertThat(Files.readAllLines(state)).hasSize(1 + 1 + 1 + 3);
        CliRun otherSettings = CliRun.run("delta", "sweep", "--deltas", "1,2", "--folds", "2", "--epochs", "3",
                "--no-baselines", "--no-plots", "--resume", state.toString());
        assertThat(otherSettings.exitCode).isEqualTo(1);
        assertThat(otherSettings.err).contains("--resume " + state + " holds folds of a sweep with other settings");
    }
}
