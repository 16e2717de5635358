package org.losses4j.loss.ranking;

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

/** Finite-difference samples of this family's losses (run by the conformance GradientCheckTest). */
public final class RankingSamples implements SampleProvider {
    private static final List<Reduction> REDUCTIONS = List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);

    @Override
    public List<LossSample> samples() {
        List<LossSample> s = new ArrayList<>();
        for (Reduction r : REDUCTIONS) {
            // hinge arguments -y(x1 - x2) + margin kept >= 0.05 away from 0
            Tensor x2 = Samples.normal(11, 1.0, 8);
            Tensor y = signs(12, 8);
            Tensor x1 = Samples.awayFromKinks(13, 1.0, x2, 0.05, 0.5);
            add(s, new MarginRankingLoss(0.5, r), Map.of("input1", x1, "input2", x2, "target", y), "input1",
                    "input2");
            Map<String, Tensor> trip = triplets(14, 6, 4);
            add(s, new TripletMarginLoss(1.0, 2.0, 1e-6, false, r), trip, "anchor", "positive", "negative");
            add(s, new TripletMarginLoss(1.5, 1.0, 1e-6, true, r), trip, "anchor", "positive", "negative");
            add(s, new TripletMarginLoss(1.0, 3.0, 1e-3, true, r), trip, "anchor", "positive", "negative");
            add(s, new TripletMarginWithDistanceLoss(TripletMarginWithDistanceLoss.Distance.PAIRWISE, 1.0, true, r),
                    trip, "anchor", "positive", "negative");
            add(s, new TripletMarginWithDistanceLoss(TripletMarginWithDistanceLoss.Distance.COSINE, 0.3, false, r),
                    trip, "anchor", "positive", "negative");
            add(s, new TripletMarginWithDistanceLoss(TripletMarginWithDistanceLoss.Distance.COSINE, 0.3, true, r),
                    trip, "anchor", "positive", "negative");
            Tensor e1 = Samples.normal(15, 1.0, 6, 3);
            Tensor e2 = Samples.normal(16, 1.0, 6, 3);
            add(s, new CosineEmbeddingLoss(0.1, r), Map.of("input1", e1, "input2", e2, "target", signs(17, 6)),
                    "input1", "input2");
            Tensor lab = Tensor.vector(0, 1, 1, 0, 1, 1);
            add(s, new ContrastiveLoss(2.5, ContrastiveLoss.LabelConvention.SIMILAR_IS_0, 1e-6, r),
                    Map.of("input1", e1, "input2", e2, "target", lab), "input1", "input2");
            add(s, new ContrastiveLoss(2.5, ContrastiveLoss.LabelConvention.SIMILAR_IS_1, 1e-6, r),
                    Map.of("input1", e1, "input2", e2, "target", lab), "input1", "input2");
            // pairwise list losses: two lists with ties and a padding item; hinge scores on a 0.3 grid so every
            // difference s_i - s_j is >= 0.1 away from the margins 1.0 and 0.5 (and from 0 unless equal items)
            Tensor grid = Tensor.of(new float[] {0.9f, 0.3f, 2.1f, 0f, 1.5f, 0.6f, 1.2f, 1.8f,
                0.3f, 2.1f, 0f, 0.9f, 1.8f, 1.2f, 0.6f, 1.5f}, 2, 8);
            Tensor rel = Tensor.of(new float[] {2, 1, 0, 1, 3, -1, 0, 2, 0, 1, 1, 2, 0, 3, -1, 1}, 2, 8);
            for (PairwiseListLoss.Normalization nz : PairwiseListLoss.Normalization.values()) {
                add(s, new PairwiseHingeLoss(1.0, nz, r), Map.of("input", grid, "target", rel), "input");
                add(s, new PairwiseHingeLoss(0.5, nz, r), Map.of("input", grid, "target", rel), "input");
                Tensor sc = Samples.normal(18, 1.5, 2, 8);
                add(s, new PairwiseLogisticLoss(0.7, nz, r), Map.of("input", sc, "target", rel), "input");
                add(s, new SoftPairwiseLoss(1.3, true, nz, r), Map.of("input", sc, "target", rel), "input");
                add(s, new SoftPairwiseLoss(1.0, false, nz, r), Map.of("input", sc, "target", rel), "input");
            }
            // softmax contrastive losses (smooth away from zero-norm rows)
            Tensor q = Samples.normal(21, 1.0, 4, 3);
            Tensor k = Samples.normal(22, 1.0, 4, 3);
            Tensor nu = Samples.normal(23, 1.0, 5, 3);
            Tensor np = Samples.normal(24, 1.0, 4, 2, 3);
            add(s, new InfoNceLoss(0.5, InfoNceLoss.NegativeMode.UNPAIRED, r),
                    Map.of("query", q, "positive_key", k), "query", "positive_key");
            add(s, new InfoNceLoss(0.3, InfoNceLoss.NegativeMode.UNPAIRED, r),
                    Map.of("query", q, "positive_key", k, "negative_keys", nu), "query", "positive_key",
                    "negative_keys");
            add(s, new InfoNceLoss(0.7, InfoNceLoss.NegativeMode.PAIRED, r),
                    Map.of("query", q, "positive_key", k, "negative_keys", np), "query", "positive_key",
                    "negative_keys");
            add(s, new NtXentLoss(0.5, r), Map.of("input", Samples.normal(25, 1.0, 6, 3)), "input");
            add(s, new MultipleNegativesRankingLoss(5.0, false, r), Map.of("anchor", q, "positive", k,
                    "negative", np.reshape(2, 4, 3)), "anchor", "positive", "negative");
            add(s, new MultipleNegativesRankingLoss(3.0, true, r), Map.of("anchor", q, "positive", k,
                    "negative", Samples.normal(26, 1.0, 4, 3)), "anchor", "positive", "negative");
            add(s, new MultipleNegativesRankingLoss(2.0, true, r), Map.of("anchor", q, "positive", k), "anchor",
                    "positive");
        }
        return s;
    }

    /** ±1 labels. */
    static Tensor signs(long seed, int n) {
        Tensor u = Samples.uniform(seed, 0, 1, n);
        float[] d = u.data();
        for (int i = 0; i < n; i++) {
            d[i] = d[i] < 0.5f ? -1f : 1f;
        }
        return u;
    }

    /**
     * Triplets whose hinge is clearly active on odd rows (negative close to the anchor) and clearly inactive on
     * even rows (negative far away), so no finite-difference step crosses the hinge.
     */
    static Map<String, Tensor> triplets(long seed, int n, int d) {
        Tensor a = Samples.normal(seed, 1.0, n, d);
        Tensor p = Samples.normal(seed + 1, 0.3, n, d);
        Tensor ng = Samples.normal(seed + 2, 1.0, n, d);
        float[] av = a.data();
        float[] pv = p.data();
        float[] nv = ng.data();
        for (int i = 0; i < n; i++) {
            float far = i % 2 == 0 ? 6f : 0.2f;
            for (int k = 0; k < d; k++) {
                int o = i * d + k;
                pv[o] += av[o];
                nv[o] = av[o] + far * nv[o] + (i % 2 == 0 ? 3f : 0f);
            }
        }
        return Map.of("anchor", a, "positive", p, "negative", ng);
    }

    static void add(List<LossSample> s, Loss loss, Map<String, Tensor> inputs, String... wrt) {
        s.add(new LossSample(loss.toString(), loss, inputs, Set.of(wrt)));
    }
}
