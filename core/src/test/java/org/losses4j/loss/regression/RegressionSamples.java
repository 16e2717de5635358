package org.losses4j.loss.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.Loss;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.SampleProvider;
import org.losses4j.testing.Samples;

/** Finite-difference samples of the regression losses (run by the conformance GradientCheckTest). */
public final class RegressionSamples implements SampleProvider {
    private static final double GAP = 0.05;

    @Override
    public List<LossSample> samples() {
        List<LossSample> s = new ArrayList<>();
        Tensor y = Samples.normal(1, 2.0, 4, 5);
        for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
            pair(s, new L1Loss(r), Samples.awayFromKinks(2, 2.0, y, GAP, 0), y);
            pair(s, new MSELoss(r), Samples.normal(3, 2.0, 4, 5), y);
            for (double delta : new double[] {0.5, 1.0, 1.5}) {
                pair(s, new HuberLoss(delta, r), Samples.awayFromKinks(4, 2.0, y, GAP, delta), y);
            }
            for (double beta : new double[] {0.0, 0.5, 2.0}) {
                pair(s, new SmoothL1Loss(beta, r), Samples.awayFromKinks(5, 2.0, y, GAP, beta, 0), y);
            }
        }
        return s;
    }

    /** A sample of an (input, target) loss differentiated with respect to both. */
    static void pair(List<LossSample> s, Loss loss, Tensor input, Tensor target) {
        s.add(new LossSample(loss.toString(), loss, Map.of("input", input, "target", target),
                Set.of("input", "target")));
    }
}
