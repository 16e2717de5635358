package org.losses4j.loss.classification;

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

/** Finite-difference samples of the Dice, GE2E and ArcFace losses (run by the conformance GradientCheckTest). */
public final class ClassificationExtraSamples implements SampleProvider {
    private static final List<Reduction> REDUCTIONS = List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);

    @Override
    public List<LossSample> samples() {
        List<LossSample> s = new ArrayList<>();
        // Dice: smooth everywhere (no kinks); probabilities, one-hot / soft / index targets
        Tensor p = Samples.uniform(31, 0.05, 0.95, 2, 3, 4, 3);
        Tensor soft = Samples.uniform(32, 0.0, 1.0, 2, 3, 4, 3);
        Tensor labels = labels(33, 3, 2, 4, 3);
        for (Reduction r : REDUCTIONS) {
            for (boolean squared : new boolean[] {true, false}) {
                add(s, new DiceLoss(1.0, squared, true, r), Map.of("input", p, "target", soft), "input");
                add(s, new DiceLoss(0.5, squared, false, r), Map.of("input", p, "target", labels), "input");
            }
        }
        add(s, new DiceLoss(0.0, true, true, Reduction.MEAN), Map.of("input", p, "target", labels), "input");
        // GE2E: embeddings, and w, b through the probe; the contrast max has no ties on random data
        Tensor e = Samples.normal(41, 1.0, 3, 4, 5);
        Tensor clustered = clustered(42, 4, 3, 6);
        for (Ge2eLoss.Variant v : Ge2eLoss.Variant.values()) {
            for (Reduction r : REDUCTIONS) {
                add(s, new Ge2eLoss(10.0, -5.0, v, r), Map.of("embeddings", e), "embeddings");
                add(s, new Ge2eLoss(3.5, -1.0, v, r), Map.of("embeddings", clustered), "embeddings");
                add(s, new Ge2eParameterProbe(v, r), Map.of("embeddings", e, "w", Tensor.scalar(10f),
                        "b", Tensor.scalar(-5f)), "embeddings", "w", "b");
                add(s, new Ge2eParameterProbe(v, r), Map.of("embeddings", clustered, "w", Tensor.scalar(2.5f),
                        "b", Tensor.scalar(0.75f)), "w", "b");
            }
        }
        // ArcFace: features and weights with target cosines away from the thresholds cos(π − m) and 0 and from ±1
        Tensor x = Samples.normal(51, 1.0, 6, 5);
        Tensor w = Samples.normal(52, 1.0, 4, 5);
        Tensor y = Tensor.indices(0, 1, 2, 3, 1, 2);
        for (Reduction r : REDUCTIONS) {
            for (boolean easy : new boolean[] {false, true}) {
                add(s, new ArcFaceLoss(64.0, 0.5, easy, r), Map.of("input", x, "weight", w, "target", y),
                        "input", "weight");
                add(s, new ArcFaceLoss(8.0, 0.3, easy, r), Map.of("input", x, "weight", w, "target", y),
                        "input", "weight");
            }
        }
        // the fallback branch: target at about 160 degrees with m = 0.5 (θ + m > π)
        Tensor xf = Tensor.matrix(new float[][] {{-0.94f, 0.34f, 0.05f}, {0.3f, 0.9f, -0.2f}});
        Tensor wf = Tensor.matrix(new float[][] {{1f, 0f, 0f}, {0f, 1f, 0.1f}});
        add(s, new ArcFaceLoss(16.0, 0.5, false, Reduction.SUM),
                Map.of("input", xf, "weight", wf, "target", Tensor.indices(0, 1)), "input", "weight");
        return s;
    }

    private static void add(List<LossSample> s, Loss loss, Map<String, Tensor> inputs, String... wrt) {
        s.add(new LossSample(loss.toString() + " wrt " + String.join(",", wrt), loss, inputs, Set.of(wrt)));
    }

    /** int64 class indices in [0, c) of the given shape. */
    static Tensor labels(long seed, int c, int... shape) {
        float[] u = Samples.uniform(seed, 0, c, shape).data();
        long[] l = new long[u.length];
        for (int i = 0; i < u.length; i++) {
            l[i] = Math.min(c - 1, (long) Math.floor(u[i]));
        }
        return Tensor.wrapIndices(l, shape);
    }

    /** Speakers around well-separated centres (a trained encoder's output). */
    static Tensor clustered(long seed, int n, int m, int d) {
        Tensor centres = Samples.normal(seed, 3.0, n, d);
        Tensor noise = Samples.normal(seed + 1, 0.4, n, m, d);
        float[] c = centres.data();
        float[] e = noise.data();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                for (int q = 0; q < d; q++) {
                    e[(j * m + i) * d + q] += c[j * d + q];
                }
            }
        }
        return noise;
    }
}
