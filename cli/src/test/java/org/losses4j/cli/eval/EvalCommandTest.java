package org.losses4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.CliRun;
import org.losses4j.cli.Json;

import com.fasterxml.jackson.databind.JsonNode;

class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void seedExample() {
        CliRun r = CliRun.run("eval", "--loss", "l1_loss", "--input", "2.5,4.8,6.9,9.5", "--target", "3,5,7,9");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.trim()).isEqualTo("L1Loss(reduction=mean) = 0.325");
    }

    @Test
    void jsonOutputWithGradients() throws Exception {
        CliRun r = CliRun.run("eval", "--loss", "huber_loss", "-p", "delta=1.5", "--input", "0,2,-3",
                "--target", "0,0,0", "--reduction", "sum", "--grad", "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out);
        assertThat(n.get("loss").asText()).isEqualTo("huber_loss");
        assertThat(n.get("config").get("delta").asDouble()).isEqualTo(1.5);
        assertThat(n.get("value").asDouble()).isEqualTo(0 + 1.5 * (2 - 0.75) + 1.5 * (3 - 0.75));
        assertThat(n.get("grad").get("input").toString()).isEqualTo("[0.0,1.5,-1.5]");
    }

    @Test
    void csvColumns() throws Exception {
        Path csv = dir.resolve("preds.csv");
        Files.writeString(csv, "y,yhat\n3,2.5\n5,4.8\n7,6.9\n9,9.5\n");
        CliRun r = CliRun.run("eval", "--loss", "l1_loss", "--csv", csv.toString(), "--column", "input=yhat",
                "--column", "target=y");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("= 0.325");
    }

    @Test
    void csvErrorsNameTheLineAndColumn() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "y,yhat\n3,2.5\n5,abc\n");
        CliRun r = CliRun.run("eval", "--loss", "l1_loss", "--csv", csv.toString(), "--column", "input=yhat",
                "--column", "target=y");
        assertThat(r.exitCode).isNotZero();
        assertThat(r.err.trim()).isEqualTo("losses4j eval: " + csv + ":3:2: 'abc' in column yhat is not a number");

        CliRun missing = CliRun.run("eval", "--loss", "l1_loss", "--csv", csv.toString(), "--column",
                "input=pred", "--column", "target=y");
        assertThat(missing.err).contains("no column 'pred'").contains("columns: y, yhat");
    }

    @Test
    void invalidParametersAreOneLineErrorsWithNonZeroStatus() {
        CliRun r = CliRun.run("eval", "--loss", "huber_loss", "-p", "delta=-1.5", "--input", "1", "--target", "2");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err.trim()).isEqualTo("losses4j eval: huber_loss: delta must be > 0, got -1.5");
        assertThat(r.out).isEmpty();

        CliRun unknown = CliRun.run("eval", "--loss", "hubr_loss", "--input", "1", "--target", "2");
        assertThat(unknown.err).contains("unknown loss 'hubr_loss'").contains("did you mean 'huber_loss'");

        CliRun shape = CliRun.run("eval", "--loss", "mse_loss", "--input", "1,2", "--target", "2");
        assertThat(shape.err).contains("mse_loss: target shape [1] must match input shape [2]");

        CliRun param = CliRun.run("eval", "--loss", "mse_loss", "-p", "delta=1", "--input", "1", "--target", "2");
        assertThat(param.err).contains("mse_loss: unknown parameter 'delta'");

        CliRun number = CliRun.run("eval", "--loss", "mse_loss", "--input", "1,x", "--target", "2,3");
        assertThat(number.err).contains("--input must be comma-separated numbers, got 'x'");
    }

    @Test
    void classIndexTargetsAsAJsonBatchOfOne() throws Exception {
        // PyTorch: F.cross_entropy(torch.tensor([[0.1, 0.2, 0.7]]), torch.tensor([2])) = 0.76794955
        CliRun r = CliRun.run("eval", "--loss", "cross_entropy", "--input", "[[0.1,0.2,0.7]]", "--target", "[2]",
                "--json");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(Json.MAPPER.readTree(r.out).get("value").asDouble()).isCloseTo(0.76794955,
                org.assertj.core.data.Offset.offset(1e-6));
        CliRun nll = CliRun.run("eval", "--loss", "nll_loss", "--input", "[[-1,-2,-0.5],[-0.1,-3,-4]]",
                "--target", "[2,0]");
        assertThat(nll.exitCode).as(nll.toString()).isZero();
        assertThat(nll.out).isEqualTo("NLLLoss(ignore_index=-100, reduction=mean) = 0.3\n");
    }

    @Test
    void usageErrors() {
        CliRun none = CliRun.run("eval");
        assertThat(none.exitCode).isEqualTo(2);
        assertThat(none.err).contains("give --loss NAME");
        CliRun both = CliRun.run("eval", "--jsonl", "-", "--loss", "l1_loss");
        assertThat(both.err).contains("--jsonl takes every setting from the requests");
        CliRun bogus = CliRun.run("eval", "--bogus");
        assertThat(bogus.exitCode).isEqualTo(2);
        assertThat(bogus.err).contains("Unknown option: '--bogus'").contains("losses4j eval --help");
    }

    @Test
    void listShowsEveryLoss() throws Exception {
        CliRun r = CliRun.run("list");
        assertThat(r.out).contains("huber_loss").contains("delta=1.0");
        JsonNode n = Json.MAPPER.readTree(CliRun.run("list", "--json").out);
        assertThat(n.isArray()).isTrue();
        assertThat(n.findValuesAsText("name")).contains("l1_loss", "mse_loss", "huber_loss", "smooth_l1_loss");
        assertThat(CliRun.run("list", "--family", "nope").err).contains("--family must be one of");
    }

    @Test
    void listOfOneLossShowsItsDeclaredInputsReductionsAndParameters() throws Exception {
        CliRun r = CliRun.run("list", "triplet_margin_loss");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("inputs: anchor (float32, differentiable), positive (float32, differentiable), "
                + "negative (float32, differentiable)\n").contains("reductions: none, mean, sum (default mean)")
                .contains(">= 0.001, or Infinity");
        assertThat(CliRun.run("list", "info_nce").out).contains("negative_keys (float32, differentiable, optional)");
        JsonNode nll = Json.MAPPER.readTree(CliRun.run("list", "nll_loss", "--json").out);
        assertThat(nll.get("inputs").get(0).get("name").asText()).isEqualTo("input");
        assertThat(nll.get("inputs").get(1).get("kind").asText()).isEqualTo("index");
        assertThat(nll.get("inputs").get(1).get("differentiable").asBoolean()).isFalse();
        JsonNode all = Json.MAPPER.readTree(CliRun.run("list", "--json").out);
        for (JsonNode loss : all) {
            assertThat(loss.get("inputs").size()).as(loss.get("name").asText()).isPositive();
        }
    }
}
