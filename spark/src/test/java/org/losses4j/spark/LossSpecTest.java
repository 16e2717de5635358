package org.losses4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.tensor.Tensor;

class LossSpecTest {
    private static LossSpec roundTrip(LossSpec s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (LossSpec) in.readObject();
        }
    }

    @Test
    void survivesSerializationAndRebuildsTheSameLoss() throws Exception {
        LossSpec s = LossSpec.parse("asymmetric_huber", "delta=1.5, alpha=2,reduction=sum");
        LossSpec back = roundTrip(s);
        assertThat(back).isEqualTo(s);
        assertThat(back.toString()).isEqualTo("asymmetric_huber(delta=1.5,alpha=2,reduction=sum)");
        assertThat(back.loss().config()).isEqualTo(s.loss().config());
        assertThat(back.loss().config()).containsEntry("delta", 1.5).containsEntry("reduction", "sum");
        float[] x = {0.5f, -3f, 2f};
        float[] y = {0f, 0f, 0f};
        float[] g = new float[3];
        assertThat(back.chunkSum(x, y, g, 3)).isEqualTo(0.125 + 2 * (1.5 * (3 - 0.75)) + 1.5 * (2 - 0.75));
    }

    @Test
    void parsesTheCliSyntax() {
        Map<String, Object> p = LossSpec.parseParams("log_input=false, full=true,eps=1e-6,reduction=sum");
        assertThat(p).containsExactly(Map.entry("log_input", false), Map.entry("full", true),
                Map.entry("eps", 1e-6), Map.entry("reduction", "sum"));
        assertThat(LossSpec.parseParams("delta=3")).containsEntry("delta", 3L);
        assertThat(LossSpec.parseParams("delta=-inf")).containsEntry("delta", Double.NEGATIVE_INFINITY);
        assertThat(LossSpec.parseParams(" ")).isEmpty();
        assertThat(LossSpec.parse("poisson_nll_loss", "log_input=false,full=true,eps=1e-6,reduction=sum").reduction())
                .isEqualTo("sum");
    }

    @Test
    void badInputGetsCoresOneLineMessage() {
        assertThatThrownBy(() -> LossSpec.of("hubr_loss", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown loss 'hubr_loss'; did you mean 'huber_loss'? (see 'losses4j list' for all names)");
        assertThatThrownBy(() -> LossSpec.parse("huber_loss", "delta=-1.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("huber_loss: delta must be > 0, got -1.5");
        assertThatThrownBy(() -> LossSpec.parse("huber_loss", "detla=1"))
                .hasMessage("huber_loss: unknown parameter 'detla'; parameters: delta");
        assertThatThrownBy(() -> LossSpec.parse("huber_loss", "delta=1.5,reduction=MEAN"))
                .hasMessage("huber_loss: reduction must be one of none, mean, sum, got 'MEAN'");
        assertThatThrownBy(() -> LossSpec.parse("huber_loss", "delta"))
                .hasMessage("loss parameters must be NAME=VALUE pairs separated by commas, got 'delta' in 'delta'");
        assertThatThrownBy(() -> LossSpec.parse("huber_loss", "delta=1,delta=2"))
                .hasMessage("loss parameter delta is given twice in 'delta=1,delta=2'; give it once");
        assertThatThrownBy(() -> LossSpec.of("binary_cross_entropy", Map.of("weight", Tensor.scalar(1f))))
                .hasMessage("binary_cross_entropy: weight must be a number, a boolean or a string on Spark, got Tensor");
        assertThatThrownBy(() -> LossSpec.of(null, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void elementwiseLossesAreTheRegressionOnesAndBothBinaryCrossEntropies() {
        assertThat(LossSpec.elementwiseNames()).contains("l1_loss", "mse_loss", "huber_loss", "smooth_l1_loss",
                "poisson_nll_loss", "asymmetric_huber", "pseudo_huber", "log_cosh", "mape", "msle", "quantile_loss",
                "general_robust_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits")
                .doesNotContain("rmse", "nmae", "gaussian_nll_loss", "huber_concomitant_loss", "cross_entropy");
        assertThatThrownBy(() -> LossSpec.of("rmse").requireElementwise("SparkLosses.mean"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SparkLosses.mean: loss 'rmse' is not element-wise (one prediction and one "
                        + "label per row); element-wise losses: l1_loss, mse_loss, huber_loss,");
    }

    /**
     * The chunk sums of every element-wise loss are core's reduced values on the same data: to the rounding of core's
     * float32 groups of four for the element-wise kernels, exactly where core adds double terms.
     */
    @Test
    void chunkSumAgreesWithCore() {
        Random r = new Random(3);
        for (String name : LossSpec.elementwiseNames()) {
            boolean probabilities = name.equals("binary_cross_entropy");
            int n = 999;
            float[] x = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = probabilities ? r.nextFloat() : (float) (3 * r.nextGaussian());
                y[i] = name.startsWith("binary") ? r.nextFloat() : (float) (3 * r.nextGaussian());
            }
            InputTargetLoss core = (InputTargetLoss) LossRegistry.standard().create(name, new LinkedHashMap<>(), "sum");
            double expected = core.compute(Tensor.wrap(x.clone(), n), Tensor.wrap(y.clone(), n), false, false).item();
            double got = LossSpec.of(name).chunkSum(x, y, new float[n], n);
            if (LossRegistry.standard().create(name) instanceof org.losses4j.loss.ElementwiseLoss) {
                assertThat(got).as(name).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-5));
            } else {
                assertThat(got).as(name).isEqualTo(expected);
            }
        }
    }
}
