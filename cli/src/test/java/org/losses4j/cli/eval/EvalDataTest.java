package org.losses4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliProcess;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code eval --data}: a file of predictions streamed, one value (or one per group), as {@code --csv} gives it. */
class EvalDataTest {
    @TempDir
    Path dir;

    private Path preds(int rows, long seed) throws IOException {
        Path p = dir.resolve("preds-" + rows + ".csv");
        Random r = new Random(seed);
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write("region,pred,y\n");
            for (int i = 0; i < rows; i++) {
                float y = (float) (r.nextGaussian() * 3);
                float pred = (float) (y + r.nextGaussian() * 2);
                w.write((i % 4 == 0 ? "north" : i % 4 == 1 ? "south" : "east") + "," + pred + "," + y + "\n");
            }
        }
        return p;
    }

    @Test
    void theStreamedValueIsTheValueOfTheWholeFile() throws Exception {
        Path p = preds(50_000, 1);
        CliRun whole = CliRun.run("eval", "--loss", "huber_loss", "-p", "delta=1.5", "--csv", p.toString(),
                "--column", "input=pred", "--column", "target=y", "--json");
        CliRun streamed = CliRun.run("eval", "--loss", "huber_loss", "-p", "delta=1.5", "--data", p.toString(),
                "--input", "pred", "--target", "y", "--json");
        assertThat(streamed.exitCode).as(streamed.toString()).isZero();
        JsonNode a = Json.MAPPER.readTree(whole.out);
        JsonNode b = Json.MAPPER.readTree(streamed.out);
        assertThat(b.get("rows").asLong()).isEqualTo(50_000);
        assertThat(b.get("value").asDouble()).isCloseTo(a.get("value").asDouble(),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        CliRun text = CliRun.run("eval", "--loss", "huber_loss", "-p", "delta=1.5", "--data", p.toString(),
                "--input", "pred", "--target", "y", "-r", "sum");
        assertThat(text.out).startsWith("HuberLoss").contains("(50000 rows of " + p + ")");
    }

    @Test
    void byGivesOneValuePerGroupInTheOrderFirstSeen() throws Exception {
        Path p = dir.resolve("g.csv");
        Files.writeString(p, "pred,g,y\n1,a,0\n3,b,0\n2,a,0\n-1,c,1\n");
        CliRun r = CliRun.run("eval", "--loss", "l1_loss", "--data", p.toString(), "--input", "pred", "--target",
                "y", "--by", "g");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.lines().toList()).containsExactly("g\tl1_loss\trows", "a\t1.5\t2", "b\t3\t1", "c\t2\t1");
        CliRun j = CliRun.run("eval", "--loss", "l1_loss", "--data", p.toString(), "--input", "pred", "--target",
                "y", "--by", "g", "-r", "sum", "--json");
        JsonNode groups = Json.MAPPER.readTree(j.out).get("groups");
        assertThat(groups.toString()).isEqualTo("[{\"key\":\"a\",\"rows\":2,\"value\":3.0},"
                + "{\"key\":\"b\",\"rows\":1,\"value\":3.0},{\"key\":\"c\",\"rows\":1,\"value\":2.0}]");
    }

    @Test
    void badRequestsAreOneLine() throws Exception {
        Path p = dir.resolve("e.csv");
        Files.writeString(p, "pred,y\n1,0\n2,x\n");
        CliRun bad = CliRun.run("eval", "--loss", "l1_loss", "--data", p.toString(), "--input", "pred", "--target",
                "y");
        assertThat(bad.exitCode).isEqualTo(1);
        assertThat(bad.err.strip()).isEqualTo("losses4j eval: " + p + ":3:2: 'x' in column y is not a number");
        CliRun rmse = CliRun.run("eval", "--loss", "rmse", "--data", p.toString(), "--input", "pred", "--target",
                "y");
        assertThat(rmse.err).contains("--data streams element-wise losses").contains("rmse");
        CliRun none = CliRun.run("eval", "--loss", "l1_loss", "-r", "none", "--data", p.toString(), "--input",
                "pred", "--target", "y");
        assertThat(none.err).contains("use --reduction mean or sum");
        CliRun col = CliRun.run("eval", "--loss", "l1_loss", "--data", p.toString(), "--input", "yhat", "--target",
                "y");
        assertThat(col.err.strip()).isEqualTo("losses4j eval: " + p + ": no column 'yhat'; columns: pred, y");
    }

    /** A 25 MB file in a 16 MB heap: the rows stream through, nothing grows with the file. */
    @Test
    void anyFileSizeStreamsInConstantMemory() throws Exception {
        Path p = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(p)) {
            w.write("pred,y\n");
            for (int i = 0; i < 2_500_000; i++) {
                w.write((i % 100) * 0.25 + "," + (i % 50) + ".5\n");
            }
        }
        assertThat(Files.size(p)).isGreaterThan(20L << 20);
        CliProcess.CliRunResult r = CliProcess.run(dir, List.of("-Xmx16m"), "eval", "--loss", "l1_loss", "--data",
                p.toString(), "--input", "pred", "--target", "y", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).get("rows").asLong()).isEqualTo(2_500_000);
    }
}
