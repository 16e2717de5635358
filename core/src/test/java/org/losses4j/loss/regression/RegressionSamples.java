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
        for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
            poisson(s, r);
            gaussian(s, r);
            library(s, r, y);
        }
        return s;
    }

    private static void poisson(List<LossSample> s, Reduction r) {
        Tensor x = Samples.normal(11, 1.0, 3, 4);
        Tensor rate = Samples.uniform(12, 0.1, 4.0, 3, 4);
        Tensor counts = Samples.uniform(13, 0.0, 6.0, 3, 4);
        // full=True adds a term of the target only where target > 1: keep targets away from that kink
        Tensor above1 = Samples.uniform(14, 1.2, 9.0, 3, 4);
        Tensor below1 = Samples.uniform(15, 0.05, 0.9, 3, 4);
        pair(s, new PoissonNLLLoss(true, false, 1e-8, r), x, counts);
        pair(s, new PoissonNLLLoss(true, true, 1e-8, r), x, above1);
        pair(s, new PoissonNLLLoss(true, true, 1e-8, r), x, below1);
        pair(s, new PoissonNLLLoss(false, false, 1e-8, r), rate, counts);
        pair(s, new PoissonNLLLoss(false, true, 0.5, r), rate, above1);
    }

    private static void gaussian(List<LossSample> s, Reduction r) {
        Tensor x = Samples.normal(21, 1.5, 3, 4);
        Tensor t = Samples.normal(22, 1.5, 3, 4);
        Set<String> all = Set.of("input", "target", "var");
        for (boolean full : new boolean[] {false, true}) {
            GaussianNLLLoss loss = new GaussianNLLLoss(full, 1e-6, r);
            // var of the input's shape, one per row (minus the last dim), one per row with a trailing 1
            for (Tensor var : List.of(Samples.uniform(23, 0.2, 3.0, 3, 4), Samples.uniform(24, 0.2, 3.0, 3),
                    Samples.uniform(25, 0.2, 3.0, 3, 1))) {
                s.add(new LossSample(loss + " var" + var.shapeString(), loss,
                        Map.of("input", x, "target", t, "var", var), all));
            }
        }
        // a large eps, variances above it (below it the var gradient is PyTorch's straight-through one, which a
        // finite difference cannot confirm; the fixtures check it)
        GaussianNLLLoss clamped = new GaussianNLLLoss(false, 0.5, r);
        s.add(new LossSample(clamped.toString(), clamped,
                Map.of("input", x, "target", t, "var", Samples.uniform(26, 0.6, 2.0, 3, 4)), all));
    }

    private static void library(List<LossSample> s, Reduction r, Tensor y) {
        pair(s, new RMSELoss(0.0, r), Samples.normal(31, 2.0, 4, 5), y);
        pair(s, new RMSELoss(0.25, r), Samples.normal(32, 2.0, 4, 5), y);
        // the normaliser is a constant (detached): only the input's gradient is the true derivative
        Tensor yPos = Samples.uniform(33, 0.5, 5.0, 4, 5);
        for (NMAELoss.Normalizer z : NMAELoss.Normalizer.values()) {
            NMAELoss nmae = new NMAELoss(z, 0.0, r);
            s.add(new LossSample(nmae.toString(), nmae,
                    Map.of("input", Samples.awayFromKinks(34, 2.0, yPos, GAP, 0), "target", yPos),
                    Set.of("input")));
        }
        for (double[] da : new double[][] {{1.0, 1.0}, {1.0, 2.0}, {0.5, 0.25}, {2.0, 3.0}}) {
            pair(s, new AsymmetricHuberLoss(da[0], da[1], r), Samples.awayFromKinks(35, 2.0, y, GAP, da[0], 0), y);
        }
        for (double delta : new double[] {0.5, 1.0, 3.0}) {
            pair(s, new PseudoHuberLoss(delta, r), Samples.normal(36, 2.0, 4, 5), y);
        }
        pair(s, new LogCoshLoss(r), Samples.normal(37, 3.0, 4, 5), y);
        // MAPE: targets away from 0 (the max(|y|, eps) kink) and inputs away from the targets
        Tensor yMape = Samples.uniform(38, 0.5, 4.0, 4, 5);
        float[] yd = yMape.data();
        for (int i = 0; i < yd.length; i += 3) {
            yd[i] = -yd[i];
        }
        pair(s, new MAPELoss(1e-7, r), Samples.awayFromKinks(39, 2.0, yMape, GAP, 0), yMape);
        pair(s, new MAPELoss(0.5, r), Samples.awayFromKinks(40, 2.0, yMape, GAP, 0), yMape);
        // MSLE: both sides above eps (the clip), and below it for the input (gradient 0)
        pair(s, new MSLELoss(1e-7, r), Samples.uniform(41, 0.05, 8.0, 4, 5), Samples.uniform(42, 0.05, 8.0, 4, 5));
        pair(s, new MSLELoss(0.5, r), Samples.uniform(43, -1.0, 0.4, 4, 5), Samples.uniform(44, 0.6, 8.0, 4, 5));
        for (double q : new double[] {0.5, 0.1, 0.9}) {
            pair(s, new QuantileLoss(q, r), Samples.awayFromKinks(45, 2.0, y, GAP, 0), y);
        }
        // several quantiles: input (N, K), target (N); every quantile's residual away from 0
        Tensor qTarget = Samples.normal(46, 2.0, 4, 1);
        Tensor qInput = Samples.awayFromKinks(47, 2.0,
                Tensor.wrap(repeat(qTarget.data(), 3), new int[] {4, 3}), GAP, 0);
        for (QuantileLoss.QuantileReduction agg : QuantileLoss.QuantileReduction.values()) {
            pair(s, new QuantileLoss(new double[] {0.1, 0.5, 0.9}, agg, r), qInput, qTarget);
        }
        // several quantiles with a target per quantile: input and target (N, K), so each target has its own gradient
        Tensor qkTarget = Samples.normal(49, 2.0, 4, 3);
        pair(s, new QuantileLoss(new double[] {0.2, 0.5, 0.7}, QuantileLoss.QuantileReduction.SUM, r),
                Samples.awayFromKinks(50, 2.0, qkTarget, GAP, 0), qkTarget);
        for (double[] ac : new double[][] {{1.0, 1.0}, {2.0, 1.0}, {0.0, 0.5}, {Double.NEGATIVE_INFINITY, 1.5},
                {Double.POSITIVE_INFINITY, 2.0}, {-2.0, 0.5}, {4.0, 3.0}, {0.5, 1.0}, {-10.0, 1.5},
                {2.0 - 1e-7, 1.0}, {1e-7, 1.0}, {-1e-7, 0.7}}) {
            pair(s, new GeneralRobustLoss(ac[0], ac[1], r), Samples.normal(48, 1.5, 4, 5), y);
        }
    }

    private static float[] repeat(float[] v, int k) {
        float[] out = new float[v.length * k];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i / k];
        }
        return out;
    }

    /** A sample of an (input, target) loss differentiated with respect to both. */
    static void pair(List<LossSample> s, Loss loss, Tensor input, Tensor target) {
        s.add(new LossSample(loss.toString(), loss, Map.of("input", input, "target", target),
                Set.of("input", "target")));
    }
}
