package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** outliers --data analyses the target column alone: other columns may be missing or hold text. */
class OutliersDataTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path csv(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static JsonNode ok(CliRun r) throws IOException {
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).as(r.toString()).isEmpty();
        return M.readTree(r.out);
    }

    @Test
    void onlyTheTargetColumnIsRead() throws Exception {
        Path only = csv("only.csv", "price\n1\n2\n3\n4\n5\n");
        JsonNode j = ok(CliRun.run("outliers", "--data", only.toString(), "--target", "price", "--no-plots",
                "--json"));
        assertThat(j.at("/parts/all/n").asInt()).isEqualTo(5);
        assertThat(j.at("/parts/all/median").asDouble()).isEqualTo(3.0);
        assertThat(j.at("/parts/train/n").asInt() + j.at("/parts/test/n").asInt()).isEqualTo(5);
        Path text = csv("text.csv", "name,price\nA,1\nB,2\nC,3\nD,4\nE,50\n");
        JsonNode t = ok(CliRun.run("outliers", "--data", text.toString(), "--target", "price", "--no-plots",
                "--json", "--drop", "name"));
        assertThat(t.at("/parts/all/high_outliers").asInt()).isEqualTo(1);
        CliRun drop = CliRun.run("outliers", "--data", text.toString(), "--target", "price", "--no-plots",
                "--drop", "nope");
        assertThat(drop.exitCode).isNotZero();
        assertThat(drop.err.strip()).isEqualTo("losses4j outliers: " + text + ": --drop: no column 'nope'; columns: "
                + "name, price");
    }

    @Test
    void valuesBeyondFloat32AreAnalysedInDouble() throws Exception {
        Path big = csv("big.csv", "a,price\n1,1e+39\n2,3\n3,4\n4,5\n5,6\n");
        JsonNode j = ok(CliRun.run("outliers", "--data", big.toString(), "--target", "price", "--no-plots",
                "--json"));
        assertThat(j.at("/parts/all/max").asDouble()).isEqualTo(1e39);
        assertThat(j.at("/parts/all/high_outliers").asInt()).isEqualTo(1);
        CliRun nan = CliRun.run("outliers", "--data", csv("nan.csv", "price\n1\nNaN\n").toString(), "--target",
                "price", "--no-plots");
        assertThat(nan.exitCode).isNotZero();
        assertThat(nan.err).contains("nan.csv:3:1: 'NaN' in column price is not a finite number");
    }
}
