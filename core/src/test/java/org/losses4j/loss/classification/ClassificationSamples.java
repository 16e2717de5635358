package org.losses4j.loss.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import org.losses4j.loss.Loss;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.SampleProvider;
import org.losses4j.testing.Samples;

/**
 * Finite-difference samples of the classification losses (run by the conformance GradientCheckTest): every loss,
 * every reduction, with and without its parameters, differentiated with respect to every differentiable input.
 * Inputs of the losses with kinks (hinges, margins, maxima) are drawn until every kink is at least {@link #GAP}
 * away, so a central difference never straddles one.
 */
public final class ClassificationSamples implements SampleProvider {
    private static final double GAP = 0.05;
    private static final List<Reduction> NMS = List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);
    private static final Tensor ML_TARGET = Tensor.wrapIndices(new long[] {
        0, 3, -1, 2, 2, 5,
        5, -1, 0, 0, 1, -1,
        1, 1, 4, -1, 0, 3,
        2, 0, 4, 1, 3, -1}, 4, 6);
    private static final Tensor ML_VECTOR = Tensor.indices(4, 1, -1, 0, 0);

    @Override
    public List<LossSample> samples() {
        List<LossSample> s = new ArrayList<>();
        Tensor x34 = Samples.normal(11, 2.0, 3, 4);
        Tensor p34 = Samples.uniform(12, 0.05, 0.95, 3, 4);
        Tensor y34 = Samples.uniform(13, 0.05, 0.95, 3, 4);
        Tensor w4 = Samples.uniform(14, 0.2, 2.0, 4);
        Tensor pw4 = Samples.uniform(15, 0.5, 3.0, 4);
        Tensor col3 = Tensor.of(new float[] {0.5f, 1f, 2f}, 3, 1);
        Tensor x54 = Samples.normal(16, 2.0, 5, 4);
        Tensor t5 = Tensor.indices(0, 3, 1, 1, 2);
        Tensor t5ignored = Tensor.indices(0, -100, 1, 3, -100);
        Tensor prob54 = softmaxRows(Samples.normal(17, 1.0, 5, 4));
        Tensor xk = Samples.normal(18, 1.5, 2, 3, 2, 2);
        Tensor tk = Tensor.wrapIndices(new long[] {0, 2, 1, 1, 2, 0, 0, 1}, 2, 2, 2);
        Tensor w3 = Tensor.vector(0.5f, 1f, 2f);

        for (Reduction r : NMS) {
            // binary_cross_entropy: input and target, with and without weights
            both(s, new BinaryCrossEntropyLoss(r), p34, y34);
            both(s, new BinaryCrossEntropyLoss(w4, r), p34, y34);
            both(s, new BinaryCrossEntropyLoss(col3, r), p34, y34);
            // binary_cross_entropy_with_logits
            both(s, new BinaryCrossEntropyWithLogitsLoss(r), x34, y34);
            both(s, new BinaryCrossEntropyWithLogitsLoss(null, r, pw4), x34, y34);
            both(s, new BinaryCrossEntropyWithLogitsLoss(w4, r, pw4), x34, y34);
            both(s, new BinaryCrossEntropyWithLogitsLoss(col3, r, null), x34, y34);
            // cross_entropy: index and probability targets, weights, ignore_index, smoothing, K dimensions
            input(s, new CrossEntropyLoss(r), x54, t5);
            input(s, CrossEntropyLoss.builder().weight(w4).reduction(r).build(), x54, t5ignored);
            input(s, CrossEntropyLoss.builder().weight(w4).labelSmoothing(0.2).reduction(r).build(), x54, t5ignored);
            input(s, CrossEntropyLoss.builder().ignoreIndex(3).labelSmoothing(0.1).reduction(r).build(), x54, t5);
            input(s, CrossEntropyLoss.builder().weight(w4).labelSmoothing(0.3).reduction(r).build(), x54, prob54);
            input(s, CrossEntropyLoss.builder().weight(w3).labelSmoothing(0.1).reduction(r).build(), xk, tk);
            input(s, new CrossEntropyLoss(r), Tensor.vector(1f, -0.5f, 2f), Tensor.scalarIndex(2));
            // nll_loss
            input(s, new NLLLoss(r), x54, t5);
            input(s, new NLLLoss(w4, -100, r), x54, t5ignored);
            input(s, new NLLLoss(w3, 1, r), xk, tk);
            // kl_div (target away from 0, where its gradient is unbounded)
            Tensor logp = logSoftmaxRows(Samples.normal(19, 1.0, 3, 4));
            Tensor q = softmaxRows(Samples.normal(20, 1.0, 3, 4));
            both(s, new KLDivLoss(r, false), logp, q);
            both(s, new KLDivLoss(r, true), logp, logSoftmaxRows(Samples.normal(21, 1.0, 3, 4)));
            // hinge_embedding_loss: labels +-1, inputs away from margin - x = 0
            Tensor pm = signs(Samples.normal(22, 1.0, 3, 4));
            for (double margin : new double[] {1.0, -0.5}) {
                double m = margin;
                Tensor hx = draw(23, seed -> Samples.uniform(seed, -1.0, 3.0, 3, 4), t -> awayFrom(t, m));
                input(s, new HingeEmbeddingLoss(margin, r), hx, pm);
            }
            // multi_margin_loss: away from margin - x_y + x_i = 0
            for (int p : new int[] {1, 2}) {
                for (Tensor w : new Tensor[] {null, w4}) {
                    double margin = p == 1 ? 1.0 : 0.5;
                    Tensor mx = draw(24, seed -> Samples.normal(seed, 1.0, 5, 4), t -> marginsClear(t, t5, margin));
                    input(s, new MultiMarginLoss(p, margin, w, r), mx, t5);
                }
            }
            // soft_margin_loss
            input(s, new SoftMarginLoss(r), x34, pm);
            // multilabel_soft_margin_loss
            both(s, new MultilabelSoftMarginLoss(r == Reduction.MEAN ? null : w4, r), x34, y34);
            both(s, new MultilabelSoftMarginLoss(col3, r), x34, binary(y34));
            // multilabel_margin_loss: -1 at several positions, a duplicate, ignored tails; away from 1 - x_j + x_i = 0
            Tensor mlx = draw(32, seed -> Samples.normal(seed, 1.0, 4, 6), t -> multilabelMarginsClear(t, ML_TARGET));
            input(s, new MultilabelMarginLoss(r), mlx, ML_TARGET);
            Tensor mlv = draw(33, seed -> Samples.normal(seed, 1.0, 5), t -> multilabelMarginsClear(t, ML_VECTOR));
            input(s, new MultilabelMarginLoss(r), mlv, ML_VECTOR);
            // sigmoid_focal_loss: soft and hard labels, several alpha and gamma
            both(s, new SigmoidFocalLoss(0.25, 2.0, r), x34, y34);
            both(s, new SigmoidFocalLoss(-1.0, 0.5, r), x34, binary(y34));
            both(s, new SigmoidFocalLoss(0.8, 0.0, r), x34, y34);
            both(s, new SigmoidFocalLoss(0.4, 3.5, r), x34, binary(y34));
            // softmax_focal_loss
            input(s, new SoftmaxFocalLoss(null, 2.0, r), x54, t5);
            input(s, new SoftmaxFocalLoss(w4, 0.5, r), x54, t5);
            input(s, new SoftmaxFocalLoss(Tensor.scalar(0.25f), 1.0, r), x54, prob54);
            input(s, new SoftmaxFocalLoss(w3, 3.0, r), xk, tk);
            // squared_hinge: {0, 1} and +-1 labels, away from 1 - y x = 0
            Tensor y01 = binary(y34);
            Tensor sx = draw(25, seed -> Samples.normal(seed, 1.5, 3, 4), t -> hingeClear(t, y01, true));
            input(s, new SquaredHingeLoss(r), sx, y01);
            Tensor sx2 = draw(26, seed -> Samples.normal(seed, 1.5, 3, 4), t -> hingeClear(t, pm, false));
            input(s, new SquaredHingeLoss(r), sx2, pm);
            // categorical_hinge: one-hot targets, away from z = 0 and from ties in the max
            Tensor oh = oneHot(t5, 4);
            Tensor cx = draw(27, seed -> Samples.normal(seed, 1.0, 5, 4), t -> categoricalClear(t, oh));
            input(s, new CategoricalHingeLoss(r), cx, oh);
            // poly1_cross_entropy
            input(s, new Poly1CrossEntropyLoss(2.0, 0.0, r), x54, t5);
            input(s, new Poly1CrossEntropyLoss(-1.0, 0.2, r), x54, t5);
            input(s, new Poly1CrossEntropyLoss(1.0, 0.1, r), x54, prob54);
            input(s, new Poly1CrossEntropyLoss(3.0, 0.0, r), xk, tk);
        }
        // kl_div's own reduction
        both(s, new KLDivLoss(Reduction.BATCHMEAN, false), logSoftmaxRows(Samples.normal(28, 1.0, 3, 4)),
                softmaxRows(Samples.normal(29, 1.0, 3, 4)));
        both(s, new KLDivLoss(Reduction.BATCHMEAN, true), logSoftmaxRows(Samples.normal(30, 1.0, 3, 4)),
                logSoftmaxRows(Samples.normal(31, 1.0, 3, 4)));
        return s;
    }

    private static void both(List<LossSample> s, Loss loss, Tensor input, Tensor target) {
        s.add(new LossSample(loss + " wrt input, target", loss, Map.of("input", input, "target", target),
                Set.of("input", "target")));
    }

    private static void input(List<LossSample> s, Loss loss, Tensor input, Tensor target) {
        s.add(new LossSample(loss + " wrt input", loss, Map.of("input", input, "target", target), Set.of("input")));
    }

    /** The first tensor from seeds base, base + 1000, ... that satisfies {@code ok}. */
    private static Tensor draw(long base, LongFunction<Tensor> make, Predicate<Tensor> ok) {
        for (int i = 0; i < 1000; i++) {
            Tensor t = make.apply(base + 1000L * i);
            if (ok.test(t)) {
                return t;
            }
        }
        throw new IllegalStateException("no sample away from the kinks");
    }

    private static boolean awayFrom(Tensor t, double kink) {
        for (float v : t.data()) {
            if (Math.abs(v - kink) < GAP) {
                return false;
            }
        }
        return true;
    }

    private static boolean marginsClear(Tensor x, Tensor target, double margin) {
        int c = x.size(1);
        float[] d = x.data();
        for (int r = 0; r < x.size(0); r++) {
            int y = (int) target.longData()[r];
            for (int i = 0; i < c; i++) {
                if (i != y && Math.abs(margin - d[r * c + y] + d[r * c + i]) < GAP) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every hinge 1 − x_j + x_i of a listed class j and a class i outside the list is at least GAP from 0. */
    private static boolean multilabelMarginsClear(Tensor x, Tensor target) {
        int c = x.size(-1);
        float[] d = x.data();
        long[] y = target.longData();
        for (int base = 0; base < d.length; base += c) {
            boolean[] listed = new boolean[c];
            int k = 0;
            while (k < c && y[base + k] >= 0) {
                listed[(int) y[base + k++]] = true;
            }
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < c; i++) {
                    if (!listed[i] && Math.abs(1 - d[base + (int) y[base + j]] + d[base + i]) < GAP) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean hingeClear(Tensor x, Tensor y, boolean convert) {
        float[] d = x.data();
        float[] l = y.data();
        for (int i = 0; i < d.length; i++) {
            double yi = convert ? 2.0 * l[i] - 1 : l[i];
            if (Math.abs(1 - yi * d[i]) < GAP) {
                return false;
            }
        }
        return true;
    }

    private static boolean categoricalClear(Tensor x, Tensor oh) {
        int k = x.size(1);
        float[] d = x.data();
        float[] y = oh.data();
        for (int r = 0; r < x.size(0); r++) {
            double pos = 0;
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int i = r * k; i < (r + 1) * k; i++) {
                pos += y[i] * d[i];
                double v = (1 - y[i]) * d[i];
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            if (Math.abs(first - pos + 1) < GAP || first - second < GAP) {
                return false;
            }
        }
        return true;
    }

    private static Tensor signs(Tensor t) {
        float[] d = t.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] >= 0 ? 1f : -1f;
        }
        return Tensor.wrap(d, t.shape());
    }

    private static Tensor binary(Tensor t) {
        float[] d = t.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] > 0.5f ? 1f : 0f;
        }
        return Tensor.wrap(d, t.shape());
    }

    private static Tensor oneHot(Tensor idx, int c) {
        long[] y = idx.longData();
        float[] d = new float[y.length * c];
        for (int r = 0; r < y.length; r++) {
            d[r * c + (int) y[r]] = 1f;
        }
        return Tensor.wrap(d, y.length, c);
    }

    private static Tensor softmaxRows(Tensor t) {
        Tensor l = logSoftmaxRows(t);
        float[] d = l.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.exp(d[i]);
        }
        return l;
    }

    private static Tensor logSoftmaxRows(Tensor t) {
        int c = t.size(1);
        float[] d = t.data().clone();
        for (int r = 0; r < t.size(0); r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int i = r * c; i < (r + 1) * c; i++) {
                m = Math.max(m, d[i]);
            }
            double s = 0;
            for (int i = r * c; i < (r + 1) * c; i++) {
                s += Math.exp(d[i] - m);
            }
            double lse = m + Math.log(s);
            for (int i = r * c; i < (r + 1) * c; i++) {
                d[i] = (float) (d[i] - lse);
            }
        }
        return Tensor.wrap(d, t.shape());
    }
}
