package org.losses4j.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Samples;
import org.losses4j.testing.Tolerances;
import org.losses4j.testing.VectorApiRun;

/**
 * What the fixtures and the finite-difference samples of the classification family do not cover: empty (0, C)
 * batches (JSON cannot write that shape), the multi-threaded paths of large inputs, identities between the losses,
 * and the validation messages of the Java constructors.
 */
@Tag(VectorApiRun.TAG)
@net.jqwik.api.Tag(VectorApiRun.TAG)
class ClassificationLossesTest {

    /**
     * PyTorch 1.13: {@code F.cross_entropy(torch.zeros(0, 3), torch.zeros(0, dtype=torch.long), reduction=r)} (and
     * nll_loss, probability targets, multilabel_soft_margin_loss) give NaN for mean, 0 for sum, an empty tensor for
     * none. (multi_margin_loss and multilabel_margin_loss return uninitialised memory for mean and sum in 1.13; we
     * follow the same rule.)
     */
    @Test
    void emptyBatchOfClassDimensionLosses() {
        Tensor x = Tensor.zeros(0, 3);
        Tensor idx = Tensor.wrapIndices(new long[0], 0);
        Tensor prob = Tensor.zeros(0, 3);
        for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
            List<Object[]> cases = List.of(new Object[] {new CrossEntropyLoss(r), idx},
                    new Object[] {CrossEntropyLoss.builder().labelSmoothing(0.2).reduction(r).build(), idx},
                    new Object[] {new CrossEntropyLoss(r), prob}, new Object[] {new NLLLoss(r), idx},
                    new Object[] {new MultilabelSoftMarginLoss(null, r), prob},
                    new Object[] {new SoftmaxFocalLoss(null, 2.0, r), idx},
                    new Object[] {new Poly1CrossEntropyLoss(2.0, 0.1, r), idx},
                    new Object[] {new MultiMarginLoss(1, 1.0, null, r), idx},
                    new Object[] {new MultilabelMarginLoss(r), Tensor.wrapIndices(new long[0], 0, 3)});
            for (Object[] c : cases) {
                InputTargetLoss loss = (InputTargetLoss) c[0];
                LossResult res = loss.compute(x, (Tensor) c[1], true, false);
                assertThat(res.gradInput().shape()).as("%s", loss).containsExactly(0, 3);
                switch (r) {
                    case NONE:
                        assertThat(res.value().shape()).as("%s", loss).containsExactly(0);
                        break;
                    case MEAN:
                        assertThat(res.item()).as("%s", loss).isNaN();
                        break;
                    default:
                        assertThat(res.item()).as("%s", loss).isEqualTo(0.0);
                }
            }
        }
    }

    /** The unweighted (N) path of BCE with logits (one pass, no weights) agrees with the weighted path. */
    @Test
    void bceWithLogitsFastPathAgreesWithTheWeightedPath() {
        int n = 300_000; // above the parallel threshold
        Tensor x = Samples.normal(1, 5.0, n);
        Tensor y = Samples.uniform(2, 0, 1, n);
        Tensor ones = Tensor.full(1f, n);
        for (Reduction r : List.of(Reduction.MEAN, Reduction.SUM)) {
            LossResult fast = new BinaryCrossEntropyWithLogitsLoss(r).valueAndGradient(x, y);
            LossResult weighted = new BinaryCrossEntropyWithLogitsLoss(ones, r, Tensor.scalar(1f))
                    .valueAndGradient(x, y);
            double ref = 0;
            for (int i = 0; i < n; i++) {
                double xi = x.data()[i];
                ref += Math.max(xi, 0) - xi * y.data()[i] + Math.log1p(Math.exp(-Math.abs(xi)));
            }
            ref = r == Reduction.MEAN ? ref / n : ref;
            // The weight-free path computes in float32 (FastMath.exp within 2 ulp, a float log1p series), as
            // PyTorch's kernel does; the weighted path in double. Float32 level is the bar for the fast one.
            assertThat(fast.item()).isCloseTo(ref, within(1e-6 * Math.abs(ref)));
            assertThat(weighted.item()).isCloseTo(ref, within(1e-12 * Math.abs(ref)));
            float[] ga = fast.gradInput().data();
            float[] gb = weighted.gradInput().data();
            float[] ta = fast.gradTarget().data();
            float[] tb = weighted.gradTarget().data();
            // σ(x) − y cancels: the float32 σ's rounding is absolute, on the scale of the reduction's factor.
            double unit = r == Reduction.MEAN ? 1.0 / n : 1.0;
            for (int i = 0; i < n; i++) {
                assertThat(ga[i]).isCloseTo(gb[i],
                        within((float) (Tolerances.FLOAT_ROUNDING * (Math.abs(gb[i]) + unit))));
                assertThat(ta[i]).isCloseTo(tb[i], within((float) (Tolerances.FLOAT_ROUNDING * Math.abs(tb[i]))));
            }
        }
    }

    /**
     * The weight-free path element by element against a double reference, whichever implementation runs: the plain
     * loops in the default test run, the Vector API kernel in the {@code vector-api} run. Logits from 1e-8 to 120
     * in magnitude (tiny losses and tiny σ keep their relative accuracy), labels, soft labels, a length that leaves
     * a partial last vector, and every reduction's scale.
     */
    @Test
    void bceWithLogitsWeightFreePathIsAccurateElementByElement() {
        int n = 5003;
        java.util.Random r = new java.util.Random(21);
        Tensor x = Tensor.zeros(n);
        Tensor y = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            x.data()[i] = (float) (i % 2 == 0 ? (r.nextBoolean() ? 1 : -1) * Math.exp(-18.4 + 23.2 * r.nextDouble())
                    : 4 * r.nextGaussian());
            y.data()[i] = r.nextInt(3) == 0 ? r.nextFloat() : r.nextInt(2);
        }
        for (Reduction red : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
            LossResult res = new BinaryCrossEntropyWithLogitsLoss(red).valueAndGradient(x, y);
            float s = red == Reduction.MEAN ? 1f / n : 1f;
            float[] values = red == Reduction.NONE ? res.value().data() : null;
            float[] gx = res.gradInput().data();
            float[] gy = res.gradTarget().data();
            for (int i = 0; i < n; i++) {
                org.losses4j.testing.BceWithLogitsReference.check(x.data()[i], y.data()[i], s, values, gx, gy, i,
                        red.name());
            }
        }
    }

    /** A data-dependent error in a large (multi-threaded) input names the lowest offending index. */
    @Test
    void bceNamesTheFirstOffendingIndexOfALargeInput() {
        int n = 400_000;
        Tensor x = Tensor.full(0.5f, n);
        x.data()[150_000] = 1.5f;
        x.data()[390_000] = -2f;
        assertThatThrownBy(() -> new BinaryCrossEntropyLoss().forward(x, Tensor.full(1f, n)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("binary_cross_entropy: input must hold probabilities in [0, 1], got 1.5 at index 150000");
    }

    /** Rows split over chunks and threads: the mean is the double sum of the per-row values over the rows. */
    @Test
    void crossEntropyOfALargeBatchIsTheMeanOfItsRows() {
        int rows = 100_000;
        Tensor x = Samples.normal(3, 3.0, rows, 5);
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = (i * 7L) % 5;
        }
        Tensor target = Tensor.wrapIndices(t, rows);
        CrossEntropyLoss.Builder b = CrossEntropyLoss.builder().labelSmoothing(0.1);
        double mean = b.reduction(Reduction.MEAN).build().compute(x, target, false, false).item();
        float[] none = b.reduction(Reduction.NONE).build().forward(x, target).data();
        double s = 0;
        for (float v : none) {
            s += v;
        }
        assertThat(mean).isCloseTo(s / rows, within(1e-6 * mean));
        // one row evaluated alone gives the same value as inside the large batch
        Tensor row = Tensor.of(java.util.Arrays.copyOfRange(x.data(), 5 * 77_777, 5 * 77_778), 1, 5);
        float alone = b.reduction(Reduction.NONE).build().forward(row, Tensor.indices(t[77_777])).data()[0];
        assertThat(none[77_777]).isEqualTo(alone);
    }

    /**
     * The fast path (index targets, no weight, no smoothing: float exponentials) against the general path (forced by
     * all-one weights, which change nothing): every reduction, value only and with the gradient, ignored rows, a
     * single class, wide rows over the parallel threshold, extreme and infinite logits.
     */
    @Test
    void crossEntropyFastPathAgreesWithTheGeneralPath() {
        for (int[] nc : new int[][] {{1, 1}, {7, 3}, {300, 10}, {40, 1000}, {200, 1000}}) {
            int n = nc[0];
            int c = nc[1];
            Tensor x = Samples.normal(n * 31L + c, 5.0, n, c);
            float[] xd = x.data();
            long[] t = new long[n];
            for (int i = 0; i < n; i++) {
                t[i] = i % 5 == 4 ? -100 : (i * 7L + 3) % c;
            }
            if (n >= 7) {
                xd[2 * c] = 1e4f; // a huge logit: softmax one-hot, finite loss
                xd[3 * c + (int) t[3]] = -1e4f; // the target's logit tiny: loss about 1e4
                xd[5 * c] = Float.NEGATIVE_INFINITY; // a class with probability exactly 0
            }
            Tensor target = Tensor.wrapIndices(t, n);
            Tensor ones = Tensor.full(1f, c);
            for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
                CrossEntropyLoss fast = CrossEntropyLoss.builder().reduction(r).build();
                CrossEntropyLoss general = CrossEntropyLoss.builder().reduction(r).weight(ones).build();
                LossResult a = fast.valueAndGradInput(x, target);
                LossResult b = general.valueAndGradInput(x, target);
                float[] va = a.value().data();
                float[] vb = b.value().data();
                float[] valueOnly = fast.forward(x, target).data();
                assertThat(va).hasSameSizeAs(vb);
                for (int i = 0; i < va.length; i++) {
                    assertThat(va[i]).as("%s %s value %d", r, java.util.Arrays.toString(nc), i)
                            .isCloseTo(vb[i], within(2e-6f * Math.max(1, Math.abs(vb[i]))));
                    assertThat(valueOnly[i]).isEqualTo(va[i]);
                }
                float[] ga = a.gradInput().data();
                float[] gb = b.gradInput().data();
                float scale = r == Reduction.MEAN ? 1f / n : 1f;
                for (int i = 0; i < ga.length; i++) {
                    assertThat(ga[i]).as("%s %s grad %d", r, java.util.Arrays.toString(nc), i)
                            .isCloseTo(gb[i], within(1e-6f * scale));
                    if (t[i / c] == -100) {
                        assertThat(ga[i]).isZero();
                    }
                }
            }
        }
    }

    /** γ = 0 without α is cross-entropy; ε = 0 Poly-1 is cross-entropy; a one-hot probability target is its index. */
    @Property(tries = 50)
    void lossesThatReduceToCrossEntropy(@ForAll @IntRange(min = 1, max = 6) int c,
            @ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor x = Samples.normal(seed, 4.0, n, c);
        long[] t = new long[n];
        float[] oh = new float[n * c];
        for (int i = 0; i < n; i++) {
            t[i] = (seed + 3L * i) % c;
            oh[i * c + (int) t[i]] = 1f;
        }
        Tensor idx = Tensor.wrapIndices(t, n);
        LossResult ce = new CrossEntropyLoss().valueAndGradInput(x, idx);
        List<LossResult> same = List.of(new SoftmaxFocalLoss(null, 0.0, Reduction.MEAN).valueAndGradInput(x, idx),
                new Poly1CrossEntropyLoss(0.0, 0.0, Reduction.MEAN).valueAndGradInput(x, idx),
                new CrossEntropyLoss().valueAndGradInput(x, Tensor.wrap(oh, n, c)));
        // Plain index-target cross-entropy takes the fast path (float exponentials, FastMath, within 2 ulp); the
        // others evaluate e^x in double: they agree to float32 precision, not to the last double bit.
        for (LossResult r : same) {
            assertThat(r.item()).isCloseTo(ce.item(), within(1e-6 * Math.max(1, ce.item())));
            float[] g = r.gradInput().data();
            float[] ref = ce.gradInput().data();
            for (int i = 0; i < g.length; i++) {
                assertThat(g[i]).isCloseTo(ref[i], within(1e-6f));
            }
        }
    }

    @Test
    void constructorsRejectInvalidParametersWithOneLineMessages() {
        assertThatThrownBy(() -> new MultiMarginLoss(3, 1.0, null, Reduction.MEAN))
                .hasMessage("multi_margin_loss: p must be 1 or 2, got 3");
        assertThatThrownBy(() -> new SigmoidFocalLoss(0.25, -1, Reduction.NONE))
                .hasMessage("sigmoid_focal_loss: gamma must be >= 0, got -1");
        assertThatThrownBy(() -> new SoftmaxFocalLoss(null, -0.5, Reduction.MEAN))
                .hasMessage("softmax_focal_loss: gamma must be >= 0, got -0.5");
        assertThatThrownBy(() -> CrossEntropyLoss.builder().labelSmoothing(1.5).build())
                .hasMessage("cross_entropy: label_smoothing must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new HingeEmbeddingLoss(Double.NaN, Reduction.MEAN))
                .hasMessage("hinge_embedding_loss: margin must be a finite number, got NaN");
        assertThatThrownBy(() -> new NLLLoss(Tensor.zeros(2, 2), -100, Reduction.MEAN))
                .hasMessageStartingWith("nll_loss: weight must be a 1-d tensor");
        assertThatThrownBy(() -> new KLDivLoss(Reduction.BATCHMEAN, false).forward(Tensor.vector(-1f),
                Tensor.vector(-0.5f))).hasMessage(
                "kl_div: target must hold probabilities >= 0 (log_target=false), got -0.5 at index 0");
        assertThatThrownBy(() -> new BinaryCrossEntropyLoss(Reduction.BATCHMEAN))
                .hasMessageStartingWith("binary_cross_entropy: reduction must be one of");
    }

    /** Whole-number float32 class indices are accepted (PyTorch requires int64; a documented extension). */
    @Test
    void wholeNumberFloatTargetsAreClassIndices() {
        Tensor x = Samples.normal(5, 2.0, 3, 4);
        Tensor asFloat = Tensor.vector(0f, 3f, 2f);
        Tensor asLong = Tensor.indices(0, 3, 2);
        for (Loss l : List.of(new CrossEntropyLoss(), new NLLLoss(), new MultiMarginLoss(),
                new SoftmaxFocalLoss(), new Poly1CrossEntropyLoss())) {
            LossResult a = l.compute(Map.of("input", x, "target", asFloat), Set.of("input"));
            LossResult b = l.compute(Map.of("input", x, "target", asLong), Set.of("input"));
            assertThat(a.item()).as("%s", l).isEqualTo(b.item());
            assertThat(a.gradInput().data()).as("%s", l).containsExactly(b.gradInput().data());
        }
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(x, Tensor.vector(0f, 2.5f, 1f)))
                .hasMessage("cross_entropy: target must hold integer class indices, got 2.5 at index 1");
    }

    @Test
    void toStringShowsTheConfiguration() {
        assertThat(CrossEntropyLoss.builder().labelSmoothing(0.1).build().toString())
                .isEqualTo("CrossEntropyLoss(ignore_index=-100, label_smoothing=0.1, reduction=mean)");
        assertThat(new SigmoidFocalLoss().toString())
                .isEqualTo("SigmoidFocalLoss(alpha=0.25, gamma=2.0, reduction=none)");
        assertThat(new MultiMarginLoss().toString())
                .isEqualTo("MultiMarginLoss(p=1, margin=1.0, reduction=mean)");
    }

    /** Logits of ±1000 (far beyond float32's exp range) stay finite and exact in every logit-based loss. */
    @Test
    void extremeLogitsStayFinite() {
        Tensor x = Tensor.matrix(new float[][] {{1000f, -1000f, 0f}, {-1000f, 1000f, 1000f}});
        Tensor idx = Tensor.indices(0, 0);
        Tensor y = Tensor.matrix(new float[][] {{1f, 0f, 0f}, {1f, 0f, 1f}});
        List<Loss> losses = List.of(new CrossEntropyLoss(Reduction.SUM), new SoftmaxFocalLoss(null, 2, Reduction.SUM),
                new Poly1CrossEntropyLoss(2, 0.1, Reduction.SUM));
        for (Loss l : losses) {
            LossResult r = l.compute(Map.of("input", x, "target", idx), Set.of("input"));
            assertThat(r.item()).as("%s", l).isFinite();
            for (float g : r.gradInput().data()) {
                assertThat(g).as("%s", l).isFinite();
            }
        }
        LossResult ce = new CrossEntropyLoss(Reduction.SUM).valueAndGradInput(x, idx);
        assertThat(ce.item()).isCloseTo(2000 + Math.log(2), within(1e-9));
        for (Loss l : List.of(new BinaryCrossEntropyWithLogitsLoss(Reduction.SUM),
                new MultilabelSoftMarginLoss(null, Reduction.SUM), new SigmoidFocalLoss(0.25, 2, Reduction.SUM),
                new SoftMarginLoss(Reduction.SUM))) {
            LossResult r = l.compute(Map.of("input", x, "target", y), Set.of("input"));
            assertThat(r.item()).as("%s", l).isFinite();
        }
        assertThat(new BinaryCrossEntropyWithLogitsLoss(Reduction.SUM).forward(x, y).item()).isCloseTo(2000.6931f,
                within(1e-3f));
    }
}
