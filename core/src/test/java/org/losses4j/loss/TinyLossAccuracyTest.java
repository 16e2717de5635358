package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.classification.BinaryCrossEntropyWithLogitsLoss;
import org.losses4j.loss.classification.SoftMarginLoss;
import org.losses4j.tensor.Tensor;

/**
 * The logistic losses keep the relative accuracy of a tiny loss: for a confident, correct prediction (margin 11.6 to
 * 40) the loss log(1 + e<sup>−m</sup>) and its gradient are within float32 rounding of the double reference, not
 * merely within the conformance suite's absolute tolerance. This is where log1p is evaluated by its series.
 */
class TinyLossAccuracyTest {
    private static final float[] MARGINS = {11.6f, 12f, 12.5f, 13f, 14f, 17f, 25f, 40f};
    /** A few float32 ulps. */
    private static final Percentage RTOL = Percentage.withPercentage(1e-4);

    @Test
    void softMarginLossOfAConfidentCorrectPrediction() {
        int n = MARGINS.length;
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        LossResult r = new SoftMarginLoss(Reduction.NONE).valueAndGradient(Tensor.of(MARGINS, n), Tensor.of(ones, n));
        for (int i = 0; i < n; i++) {
            double m = MARGINS[i];
            double e = Math.exp(-m);
            assertThat((double) r.value().data()[i]).as("loss at margin %s", m).isCloseTo(Math.log1p(e), RTOL);
            assertThat((double) r.grad("input").data()[i]).as("gradient at margin %s", m)
                    .isCloseTo(-e / (1 + e), RTOL);
        }
    }

    @Test
    void weightedBceWithLogitsOfAConfidentCorrectPrediction() {
        // with a weight the general formula runs (in double); target 0 with logit −m, target 1 with logit +m
        int n = MARGINS.length;
        float[] x = new float[2 * n];
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = -MARGINS[i];
            x[n + i] = MARGINS[i];
            y[n + i] = 1f;
        }
        LossResult r = new BinaryCrossEntropyWithLogitsLoss(Tensor.vector(2f), Reduction.NONE, null)
                .valueAndGradient(Tensor.of(x, 2 * n), Tensor.of(y, 2 * n));
        for (int i = 0; i < 2 * n; i++) {
            double m = MARGINS[i % n];
            double e = Math.exp(-m);
            assertThat((double) r.value().data()[i]).as("loss at logit %s", x[i]).isCloseTo(2 * Math.log1p(e), RTOL);
            assertThat((double) r.grad("input").data()[i]).as("gradient at logit %s", x[i])
                    .isCloseTo(2 * (i < n ? e / (1 + e) : -e / (1 + e)), RTOL);
        }
    }
}
