package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.nn.io.ModelIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** losses4j boston, train and outliers, end to end in-process (few epochs for speed), and their errors. */
class TrainingCommandsTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    private static void assertPng(Path p) throws IOException {
        assertThat(p).exists();
        byte[] b = Files.readAllBytes(p);
        assertThat(Arrays.copyOf(b, 8)).as(p.toString()).containsExactly(PNG);
        assertThat(b.length).isGreaterThan(5000);
    }

    private static void assertNoTempFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private Path csv(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** y = 2a - b + 0.5c + 3 on a small grid. */
    private Path smallCsv() throws IOException {
        StringBuilder b = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < 60; i++) {
            double a = (i % 7) - 3;
            double bb = (i % 5) * 0.5;
            double c = ((i * 13) % 11) - 5;
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", a, bb, c, 2 * a - bb + 0.5 * c + 3));
        }
        return csv("small.csv", b.toString());
    }

    @Test
    void bostonRunsTheTutorialAndWritesEveryOutput() throws Exception {
        Path out = tmp.resolve("boston");
        CliRun r = CliRun.run("boston", "--epochs", "3", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.err).isEmpty();
        assertThat(r.out).contains("Feature shape: (13,)").contains("x_train (404, 13), x_test (102, 13)")
                .containsPattern("Test results - Loss: [0-9.]+ - MAE: [0-9.]+");
        for (String png : List.of("loss.png", "mae.png", "targets_boxplot.png")) {
            assertPng(out.resolve(png));
        }
        JsonNode s = M.readTree(out.resolve("summary.json").toFile());
        assertThat(s.at("/config/loss").asText()).isEqualTo("huber_loss");
        assertThat(s.at("/config/loss_params/delta").asDouble()).isEqualTo(1.5);
        assertThat(s.at("/config/optimizer/name").asText()).isEqualTo("adam");
        assertThat(s.at("/config/optimizer/learning_rate").asDouble()).isEqualTo(1e-3);
        assertThat(s.at("/config/batch_size").asInt()).isEqualTo(1);
        assertThat(s.at("/config/validation_split").asDouble()).isEqualTo(0.2);
        assertThat(s.at("/config/standardize").asBoolean()).isFalse();
        assertThat(s.at("/training/train_samples").asInt()).isEqualTo(323);
        assertThat(s.at("/training/validation_samples").asInt()).isEqualTo(81);
        assertThat(s.at("/training/steps_per_epoch").asInt()).isEqualTo(323);
        assertThat(s.at("/history/loss").size()).isEqualTo(3);
        assertThat(s.at("/history/val_mae").size()).isEqualTo(3);
        assertThat(s.at("/targets/all/high_outliers").asInt()).isEqualTo(38);
        assertThat(s.at("/model/parameters").asInt()).isEqualTo(13 * 16 + 16 + 16 * 8 + 8 + 8 + 1);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<img alt=").contains("data:image/png;base64,iVBORw0KGgo")
                .contains("huber_loss").contains("Test results - Loss: ").contains("Ethics note");
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(7);
        assertNoTempFiles(out);
    }

    @Test
    void sameSeedSameNumbersAndJsonOutput() throws Exception {
        CliRun a = CliRun.run("boston", "--epochs", "2", "--batch-size", "32", "--json", "--no-plots", "--out",
                tmp.resolve("a").toString());
        CliRun b = CliRun.run("boston", "--epochs", "2", "--batch-size", "32", "--json", "--quiet", "--no-plots",
                "--out", tmp.resolve("b").toString());
        assertThat(a.exitCode).as(a.toString()).isZero();
        JsonNode ja = M.readTree(a.out);
        JsonNode jb = M.readTree(b.out);
        assertThat(ja.get("test")).isEqualTo(jb.get("test"));
        assertThat(ja.at("/test/mae").asDouble()).isPositive();
        assertThat(ja.at("/config/batch_size").asInt()).isEqualTo(32);
        assertThat(tmp.resolve("a/loss.png")).doesNotExist();
        CliRun q = CliRun.run("boston", "--epochs", "1", "--quiet", "--out", tmp.resolve("q").toString());
        assertThat(q.exitCode).isZero();
        assertThat(q.out).isEmpty();
        assertThat(q.err).isEmpty();
    }

    @Test
    void standardizationIsAnOption() throws Exception {
        CliRun r = CliRun.run("boston", "--epochs", "2", "--standardize", "--json", "--no-plots", "--out",
                tmp.resolve("s").toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode j = M.readTree(r.out);
        assertThat(j.at("/config/standardize").asBoolean()).isTrue();
        assertThat(j.at("/standardizer/mean").size()).isEqualTo(13);
    }

    @Test
    void trainOnASmallCsvWithAnyLossAndSaveTheModel() throws Exception {
        Path data = smallCsv();
        Path out = tmp.resolve("t");
        CliRun r = CliRun.run("train", "--data", data.toString(), "--target", "y", "--loss", "mse_loss",
                "--optimizer", "sgd", "--lr", "0.01", "--momentum", "0.9", "--nesterov", "--epochs", "30",
                "--batch-size", "8", "--validation-split", "0.25", "--test-split", "0.2", "--seed", "7",
                "--standardize", "--save-model", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("Feature shape: (3,)").contains("x_train (48, 3), x_test (12, 3)")
                .contains("Test results - Loss: ");
        assertPng(out.resolve("loss.png"));
        ModelIO.Loaded m = ModelIO.load(out, "model");
        assertThat(m.model().inputDim()).isEqualTo(3);
        assertThat(m.training()).containsKey("standardizer_mean");
        JsonNode s = M.readTree(out.resolve("summary.json").toFile());
        assertThat(s.at("/config/optimizer/nesterov").asBoolean()).isTrue();
        double[] loss = M.convertValue(s.at("/history/loss"), double[].class);
        assertThat(loss[loss.length - 1]).isLessThan(loss[0]);

        CliRun h = CliRun.run("train", "--data", data.toString(), "--target", "y", "--loss", "huber_loss",
                "--delta", "1.5", "--epochs", "2", "--json", "--no-plots", "--out", tmp.resolve("h").toString());
        assertThat(h.exitCode).as(h.toString()).isZero();
        assertThat(M.readTree(h.out).at("/config/loss_params/delta").asDouble()).isEqualTo(1.5);
        CliRun p = CliRun.run("train", "--data", data.toString(), "--target", "y", "--loss", "smooth_l1_loss",
                "--param", "beta=0.5", "--epochs", "2", "--json", "--no-plots", "--out", tmp.resolve("p").toString());
        assertThat(p.exitCode).as(p.toString()).isZero();
        assertThat(M.readTree(p.out).at("/config/loss").asText()).isEqualTo("smooth_l1_loss");
    }

    /** As Keras: SGD(nesterov=True) with momentum 0 is plain SGD, the same run as without --nesterov. */
    @Test
    void sgdNesterovWithoutMomentumIsPlainSgd() throws Exception {
        Path data = smallCsv();
        String[] args = {"train", "--data", data.toString(), "--target", "y", "--optimizer", "sgd", "--epochs", "3",
                "--seed", "3", "--json", "--no-plots", "--out"};
        CliRun n = CliRun.run(concat(args, tmp.resolve("n").toString(), "--nesterov"));
        CliRun p = CliRun.run(concat(args, tmp.resolve("p").toString()));
        assertThat(n.exitCode).as(n.toString()).isZero();
        assertThat(p.exitCode).as(p.toString()).isZero();
        JsonNode jn = M.readTree(n.out);
        assertThat(jn.at("/config/optimizer/nesterov").asBoolean()).isTrue();
        JsonNode jp = M.readTree(p.out);
        assertThat(jn.at("/final_epoch")).isEqualTo(jp.at("/final_epoch"));
        assertThat(jn.at("/test")).isEqualTo(jp.at("/test"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void outliersOfBostonAsNumpy() throws Exception {
        Path out = tmp.resolve("o");
        CliRun r = CliRun.run("outliers", "--json", "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode j = M.readTree(r.out);
        // numpy.percentile (linear) on Keras's split: tools/training/generate.py boston_outliers
        assertThat(j.at("/parts/all/q1").asDouble()).isEqualTo(17.025);
        assertThat(j.at("/parts/all/median").asDouble()).isEqualTo(21.2);
        assertThat(j.at("/parts/all/q3").asDouble()).isEqualTo(25.0);
        assertThat(j.at("/parts/all/low_outliers").asInt()).isEqualTo(2);
        assertThat(j.at("/parts/all/high_outliers").asInt()).isEqualTo(38);
        assertThat(j.at("/parts/train/low_outliers").asInt()).isZero();
        assertThat(j.at("/parts/train/high_outliers").asInt()).isEqualTo(32);
        assertThat(j.at("/parts/test/n").asInt()).isEqualTo(102);
        assertThat(j.at("/parts/test/low_outliers").asInt()).isEqualTo(1);
        assertThat(j.at("/parts/test/high_outliers").asInt()).isEqualTo(6);
        assertPng(out.resolve("targets_boxplot.png"));
        CliRun text = CliRun.run("outliers", "--no-plots");
        assertThat(text.out).contains("part").contains("upper_fence").containsPattern("all\\s+506 .* 2\\s+38");
        CliRun c = CliRun.run("outliers", "--data", smallCsv().toString(), "--target", "y", "--no-plots", "--json");
        assertThat(c.exitCode).as(c.toString()).isZero();
        assertThat(M.readTree(c.out).at("/parts/all/n").asInt()).isEqualTo(60);
    }

    private static void assertOneLineError(CliRun r, String... words) {
        assertThat(r.exitCode).as(r.toString()).isNotZero();
        assertThat(r.err.strip().lines().count()).as(r.toString()).isEqualTo(1);
        for (String w : words) {
            assertThat(r.err).as(r.toString()).contains(w);
        }
    }

    @Test
    void errorsAreOneLineAndNonZero() throws Exception {
        String out = tmp.resolve("e").toString();
        assertOneLineError(CliRun.run("boston", "--loss", "hubber_loss", "--out", out), "unknown loss 'hubber_loss'",
                "huber_loss");
        assertOneLineError(CliRun.run("boston", "--optimizer", "rmsprop", "--out", out), "unknown optimizer 'rmsprop'");
        assertOneLineError(CliRun.run("boston", "--epochs", "0", "--out", out), "epochs must be > 0, got 0");
        assertOneLineError(CliRun.run("boston", "--batch-size", "-1", "--out", out), "batch size must be > 0, got -1");
        assertOneLineError(CliRun.run("boston", "--lr", "0", "--out", out), "learning rate must be > 0");
        assertOneLineError(CliRun.run("boston", "--lr", "-0.5", "--optimizer", "sgd", "--out", out),
                "learning rate must be > 0");
        assertOneLineError(CliRun.run("boston", "--validation-split", "1", "--out", out),
                "validation split must be in [0, 1), got 1");
        assertOneLineError(CliRun.run("boston", "--validation-split", "-0.2", "--out", out), "validation split");
        assertOneLineError(CliRun.run("boston", "--delta", "-1", "--out", out), "huber_loss", "delta", "-1");
        assertThat(Path.of(out)).as("nothing written for invalid settings").doesNotExist();

        Path data = smallCsv();
        assertOneLineError(CliRun.run("train", "--data", data.toString(), "--target", "price", "--out", out),
                "no target column 'price'", "a, b, c, y");
        Path bad = csv("bad.csv", "a,b,y\n1,2,3\n4,5,6\n7,x7,9\n");
        assertOneLineError(CliRun.run("train", "--data", bad.toString(), "--target", "y", "--out", out),
                "bad.csv:4:2", "'x7'", "column b");
        Path nan = csv("nan.csv", "a,b,y\n1,2,3\n4,NaN,6\n");
        assertOneLineError(CliRun.run("train", "--data", nan.toString(), "--target", "y", "--out", out),
                "nan.csv:3:2", "'NaN' in column b is not a finite number");
        assertOneLineError(CliRun.run("train", "--data", tmp.resolve("missing.csv").toString(), "--target", "y",
                "--out", out), "missing.csv", "no such file");
        // outliers reads only its target: a bad cell elsewhere does not matter, one in the target does
        assertOneLineError(CliRun.run("outliers", "--data", bad.toString(), "--target", "b", "--no-plots"),
                "bad.csv:4:2");
    }

    @Test
    void nanLossStopsNamingEpochAndBatchAndKeepsEarlierFiles() throws Exception {
        StringBuilder b = new StringBuilder("a,y\n");
        for (int i = 0; i < 20; i++) {
            b.append(i).append("e30,").append(i).append("e30\n");
        }
        Path data = csv("huge.csv", b.toString());
        Path out = tmp.resolve("nan");
        Files.createDirectories(out);
        Files.writeString(out.resolve("loss.png"), "an earlier run");
        Files.writeString(out.resolve("targets_boxplot.png"), "an earlier run");
        CliRun r = CliRun.run("train", "--data", data.toString(), "--target", "y", "--loss", "mse_loss",
                "--epochs", "5", "--batch-size", "4", "--force", "--out", out.toString());
        assertOneLineError(r, "training stopped", "at epoch 1 of 5, batch", "of 3", "no output written");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(Files.readString(out.resolve("loss.png"))).isEqualTo("an earlier run");
        assertThat(Files.readString(out.resolve("targets_boxplot.png"))).isEqualTo("an earlier run");
        assertThat(out.resolve("summary.json")).doesNotExist();
        assertThat(out.resolve("mae.png")).doesNotExist();
        assertNoTempFiles(out);
    }

    private static java.util.Map<String, String> snapshot(Path dir) throws IOException {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    @Test
    void aRunThatFailsLeavesEveryEarlierOutputAsItWas() throws Exception {
        Path data = smallCsv();
        Path out = tmp.resolve("good");
        CliRun good = CliRun.run("train", "--data", data.toString(), "--target", "y", "--epochs", "2", "--out",
                out.toString());
        assertThat(good.exitCode).as(good.toString()).isZero();
        java.util.Map<String, String> before = snapshot(out);
        assertThat(before).containsOnlyKeys("targets_boxplot.png", "loss.png", "mae.png", "predicted_vs_actual.png",
                "residuals.png", "residual_histogram.png", "summary.json", "report.html");
        // another target (another box plot) and a validation split that leaves nothing to train on
        CliRun bad = CliRun.run("train", "--data", data.toString(), "--target", "a", "--epochs", "2",
                "--validation-split", "0.99", "--force", "--out", out.toString());
        assertThat(bad.exitCode).as(bad.toString()).isNotZero();
        assertThat(snapshot(out)).as("every earlier output unchanged").isEqualTo(before);
        assertOneLineError(bad, "--validation-split 0.99", "0 for training");
        assertThat(bad.out).as("checked before the work").doesNotContain("Feature shape");
    }

    @Test
    void badOutputFoldersAreOneLineErrorsBeforeAnyWork() throws Exception {
        Path afile = tmp.resolve("afile");
        Files.writeString(afile, "not a folder");
        for (List<String> cmd : List.of(List.of("boston", "--epochs", "1"), List.of("outliers"))) {
            CliRun r = CliRun.run(concat(cmd, "--out", afile.toString()));
            assertOneLineError(r, "--out " + afile + ": is a file, not a folder");
            assertThat(r.exitCode).isEqualTo(2);
            assertThat(r.out).as("checked before the work").isEmpty();
            assertThat(r.err).doesNotContain("Exception");
            CliRun under = CliRun.run(concat(cmd, "--out", afile + "/sub"));
            assertOneLineError(under, "--out " + afile + "/sub: " + afile + " is a file, not a folder");
            assertThat(under.out).isEmpty();
        }
        assertThat(Files.readString(afile)).isEqualTo("not a folder");
        CliRun empty = CliRun.run("boston", "--epochs", "1", "--out", "");
        assertOneLineError(empty, "--out needs a folder name ('.' for the current folder), got ''");
        assertThat(empty.out).isEmpty();
        Path folderAsFile = tmp.resolve("f");
        Files.createDirectories(folderAsFile.resolve("summary.json"));
        CliRun clash = CliRun.run("boston", "--epochs", "1", "--out", folderAsFile.toString());
        assertOneLineError(clash, "summary.json is a folder");
        assertThat(clash.out).isEmpty();
        Path modelFolder = tmp.resolve("m");
        Files.createDirectories(modelFolder.resolve("model.json"));
        CliRun noModel = CliRun.run("boston", "--epochs", "1", "--batch-size", "64", "--no-plots", "-q", "--out",
                modelFolder.toString());
        assertThat(noModel.exitCode).as("model.json is not written without --save-model").isZero();
        assertOneLineError(CliRun.run("boston", "--epochs", "1", "--save-model", "--out", modelFolder.toString()),
                "model.json is a folder");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            CliRun proc = CliRun.run("boston", "--epochs", "1", "--out", "/proc/nope");
            assertOneLineError(proc, "--out /proc/nope: cannot create files in /proc");
            assertThat(proc.out).isEmpty();
        }
    }

    private static String[] concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all.toArray(new String[0]);
    }
}
