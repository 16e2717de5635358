package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.loss.LossRegistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Which losses train and boston take, and how the loss's parameters are reported. */
class TrainingLossTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    /** y = 2a - b + 3 on a small grid (positive, so that every regression loss's target rules hold). */
    private Path smallCsv() throws IOException {
        StringBuilder b = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            double a = i % 7;
            double bb = (i % 5) * 0.5;
            b.append(String.format(Locale.ROOT, "%s,%s,%s%n", a, bb, 2 * a - bb + 3));
        }
        Path p = tmp.resolve("small.csv");
        Files.writeString(p, b.toString());
        return p;
    }

    private CliRun train(Path data, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--target", "y",
                "--epochs", "1", "--no-plots", "--json", "--force", "--out", tmp.resolve("out").toString()));
        args.addAll(Arrays.asList(more));
        return CliRun.run(args.toArray(new String[0]));
    }

    @Test
    void paramsAreReportedAsBuiltWithNumbersAsNumbers() throws Exception {
        Path data = smallCsv();
        CliRun r = train(data, "--loss", "huber_loss", "-p", "delta=3");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode p = M.readTree(r.out).at("/config/loss_params");
        assertThat(p.get("delta").isNumber()).as(p.toString()).isTrue();
        assertThat(p.get("delta").asDouble()).isEqualTo(3.0);
        JsonNode poisson = M.readTree(train(data, "--loss", "poisson_nll_loss", "-p", "full=true").out)
                .at("/config/loss_params");
        assertThat(poisson.get("full").isBoolean()).as(poisson.toString()).isTrue();
        assertThat(poisson.get("full").asBoolean()).isTrue();
        assertThat(poisson.get("log_input").asBoolean()).isTrue();
        assertThat(poisson.get("eps").isNumber()).isTrue();
    }

    @Test
    void theLossPlotIsTitledWithTheParametersTheLossWasBuiltWith() {
        LossRegistry reg = LossRegistry.standard();
        assertThat(TrainingJob.lossTitle(reg.create("huber_loss", Map.of("delta", 3L), null)))
                .isEqualTo("Huber loss (delta = 3)");
        assertThat(TrainingJob.lossTitle(reg.create("huber_loss", Map.of("delta", 1.5), null)))
                .isEqualTo("Huber loss (delta = 1.5)");
        assertThat(TrainingJob.lossTitle(reg.create("smooth_l1_loss", Map.of("beta", 0.5), null)))
                .isEqualTo("Smooth L1 loss (beta = 0.5)");
        assertThat(TrainingJob.lossTitle(reg.create("mse_loss"))).isEqualTo("Mean squared error");
    }

    @Test
    void deltaGivenTwiceIsRefused() throws Exception {
        CliRun r = train(smallCsv(), "--delta", "2", "-p", "delta=3");
        assertThat(r.exitCode).isNotZero();
        assertThat(r.err.strip()).isEqualTo("losses4j train: --delta 2 and --param delta=3 both set delta; give one");
        CliRun twice = train(smallCsv(), "-p", "delta=2", "-p", "delta=3");
        assertThat(twice.err.strip()).isEqualTo("losses4j train: --param delta is given twice (delta=2 and delta=3); "
                + "give it once");
    }

    @Test
    void classificationLossesAreRefusedWithTheListOfLossesThatTrain() throws Exception {
        Path data = smallCsv();
        CliRun r = train(data, "--loss", "hinge_embedding_loss");
        assertThat(r.exitCode).as(r.toString()).isNotZero();
        assertThat(r.err.lines().count()).isEqualTo(1);
        assertThat(r.err).contains("loss 'hinge_embedding_loss' cannot train on a real-valued target (it is a "
                + "classification loss); training takes l1_loss, mse_loss, huber_loss");
        assertThat(train(data, "--loss", "soft_margin_loss").err).contains("it is a classification loss");
        assertThat(train(data, "--loss", "gaussian_nll_loss").err).contains("not element-wise");
        String list = r.err.substring(r.err.indexOf("training takes ") + "training takes ".length()).strip();
        List<String> losses = List.of(list.split(", "));
        assertThat(losses).doesNotContain("sigmoid_focal_loss", "hinge_embedding_loss", "soft_margin_loss")
                .contains("huber_loss", "log_cosh");
        // every loss the message offers does train
        for (String loss : losses) {
            CliRun t = train(data, "--loss", loss);
            assertThat(t.exitCode).as(loss + ": " + t).isZero();
        }
    }
}
