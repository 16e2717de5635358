package org.losses4j.loss.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.SampleProvider;
import org.losses4j.testing.Samples;

/** Finite-difference samples of the delta group (HuberConcomitantLoss, AdaptiveRobustLoss). */
public final class DeltaSamples implements SampleProvider {
    private static final double GAP = 0.05;
    private static final Set<String> INPUT_TARGET_SIGMA = Set.of("input", "target", "sigma");

    @Override
    public List<LossSample> samples() {
        List<LossSample> s = new ArrayList<>();
        Tensor y = Samples.normal(11, 2.0, 4, 5);
        for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
            for (double eps : new double[] {1.0, 1.35, 2.0}) {
                double sigma = 1.2;
                HuberConcomitantLoss loss = new HuberConcomitantLoss(eps, r);
                // |r| stays GAP·(1 + eps) away from eps·sigma, so a step in sigma cannot cross the threshold either
                Tensor x = Samples.awayFromKinks(12, 2.0, y, GAP * (1 + eps), eps * sigma);
                s.add(new LossSample(loss + " sigma=" + sigma, loss,
                        Map.of("input", x, "target", y, "sigma", Tensor.scalar((float) sigma)), INPUT_TARGET_SIGMA));
            }
            // a sigma per element; residuals at 0.3·eps·sigma (inside) or 2·eps·sigma (outside)
            HuberConcomitantLoss loss = new HuberConcomitantLoss(1.35, r);
            Tensor sig = Samples.uniform(13, 0.5, 2.0, 4, 5);
            float[] x = new float[20];
            for (int i = 0; i < 20; i++) {
                double f = (i % 3 == 0 ? 2.0 : 0.3) * (i % 2 == 0 ? 1 : -1);
                x[i] = (float) (y.data()[i] + f * 1.35 * sig.data()[i]);
            }
            s.add(new LossSample(loss + " sigma per element", loss,
                    Map.of("input", Tensor.wrap(x, 4, 5), "target", y, "sigma", sig), INPUT_TARGET_SIGMA));
            // Barron's NLL: alpha away from 0 (not allowed below) and 2 (log-singular in alpha)
            for (double alpha : new double[] {0.5, 1.0, 1.5, 3.0}) {
                AdaptiveRobustLoss ar = new AdaptiveRobustLoss(r);
                s.add(new LossSample(ar + " alpha=" + alpha, ar, Map.of("input", Samples.normal(14, 2.0, 4, 5),
                        "target", y, "alpha", Tensor.scalar((float) alpha), "scale", Tensor.scalar(0.8f)),
                        Set.of("input", "target", "alpha", "scale")));
            }
        }
        return s;
    }
}
