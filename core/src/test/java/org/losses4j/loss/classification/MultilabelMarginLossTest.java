package org.losses4j.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Samples;

/**
 * What the PyTorch fixtures and the finite-difference samples do not cover: a plain reference implementation over
 * random targets (terminators anywhere, duplicates, ignored tails), the row-parallel path of a large batch, non-finite
 * scores, whole-number float targets, and the exact validation messages.
 */
class MultilabelMarginLossTest {
    private static final List<Reduction> NMS = List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM);

    /** Random target rows: k classes drawn with repetition, then -1 and a tail of entries in [-1, C) when k < C. */
    static Tensor randomTargets(long seed, int n, int c) {
        Random r = new Random(seed);
        long[] y = new long[n * c];
        for (int row = 0; row < n; row++) {
            int k = r.nextInt(c + 1);
            for (int j = 0; j < c; j++) {
                y[row * c + j] = j < k ? r.nextInt(c) : j == k ? -1 : r.nextInt(c + 1) - 1;
            }
        }
        return Tensor.wrapIndices(y, n, c);
    }

    /**
     * The loss of one row, written from the definition with collections: the listed classes are the prefix before the
     * first negative entry; every class not among them is compared with every listed one (duplicates included).
     * Writes the gradient of ℓ (not yet scaled by the reduction) into {@code grad}.
     */
    private static double referenceRow(float[] x, long[] y, int off, int c, double[] grad) {
        List<Integer> listed = new ArrayList<>();
        for (int j = 0; j < c && y[off + j] >= 0; j++) {
            listed.add((int) y[off + j]);
        }
        Set<Integer> targets = new HashSet<>(listed);
        double l = 0;
        for (int t : listed) {
            for (int i = 0; i < c; i++) {
                if (targets.contains(i)) {
                    continue;
                }
                double z = 1.0 - x[off + t] + x[off + i];
                if (z > 0) {
                    l += z;
                    grad[off + i] += 1.0 / c;
                    grad[off + t] -= 1.0 / c;
                }
            }
        }
        return l / c;
    }

    @Property(tries = 200)
    void agreesWithAPlainReference(@ForAll @IntRange(min = 0, max = 7) int n, @ForAll @IntRange(min = 1, max = 9) int c,
            @ForAll @LongRange(min = 0, max = 100_000) long seed) {
        Tensor x = Samples.normal(seed, 1.5, n, c);
        Tensor y = randomTargets(seed + 1, n, c);
        double[] grad = new double[n * c];
        double[] per = new double[n];
        double total = 0;
        for (int row = 0; row < n; row++) {
            per[row] = referenceRow(x.data(), y.longData(), row * c, c, grad);
            total += per[row];
        }
        for (Reduction red : NMS) {
            LossResult res = new MultilabelMarginLoss(red).valueAndGradInput(x, y);
            double scale = red == Reduction.MEAN ? 1.0 / n : 1.0;
            if (red == Reduction.NONE) {
                assertThat(res.value().shape()).containsExactly(n);
                for (int row = 0; row < n; row++) {
                    assertThat(res.value().data()[row]).isCloseTo((float) per[row], within(1e-6f));
                }
            } else if (n == 0 && red == Reduction.MEAN) {
                assertThat(res.item()).isNaN();
            } else {
                assertThat(res.item()).isCloseTo(total * scale, within(1e-12 * Math.max(1, total)));
            }
            float[] g = res.gradInput().data();
            for (int i = 0; i < g.length; i++) {
                assertThat(g[i]).as("%s grad %d", red, i).isCloseTo((float) (grad[i] * scale), within(1e-7f));
            }
        }
    }

    /** Each active term adds g to one class and takes g from another: every row's gradient sums to zero. */
    @Property(tries = 100)
    void gradientOfEachRowSumsToZero(@ForAll @IntRange(min = 1, max = 6) int n,
            @ForAll @IntRange(min = 1, max = 12) int c, @ForAll @LongRange(min = 0, max = 100_000) long seed) {
        Tensor x = Samples.normal(seed, 1.0, n, c);
        float[] g = new MultilabelMarginLoss(Reduction.SUM).valueAndGradInput(x, randomTargets(seed, n, c))
                .gradInput().data();
        for (int row = 0; row < n; row++) {
            double s = 0;
            for (int i = 0; i < c; i++) {
                s += g[row * c + i];
            }
            assertThat(s).isCloseTo(0.0, within(1e-6));
        }
    }

    /**
     * Rows split over chunks and threads: the mean is the mean of the per-row values, and a row evaluated alone gives
     * the same value and gradient, bit for bit, as inside the large batch.
     */
    @Test
    void largeBatchIsTheMeanOfItsRows() {
        int n = 30_000;
        int c = 12;
        Tensor x = Samples.normal(7, 2.0, n, c);
        Tensor y = randomTargets(8, n, c);
        double mean = new MultilabelMarginLoss().forward(x, y).item();
        double meanDouble = new MultilabelMarginLoss().valueAndGradInput(x, y).item();
        float[] none = new MultilabelMarginLoss(Reduction.NONE).forward(x, y).data();
        double s = 0;
        for (float v : none) {
            s += v;
        }
        assertThat(meanDouble).isCloseTo(s / n, within(1e-6 * Math.abs(meanDouble)));
        assertThat((double) mean).isCloseTo(meanDouble, within(1e-6 * Math.abs(meanDouble)));
        LossResult batch = new MultilabelMarginLoss(Reduction.SUM).valueAndGradInput(x, y);
        for (int row : new int[] {0, 12_345, n - 1}) {
            Tensor xr = Tensor.of(java.util.Arrays.copyOfRange(x.data(), row * c, (row + 1) * c), 1, c);
            Tensor yr = Tensor.wrapIndices(java.util.Arrays.copyOfRange(y.longData(), row * c, (row + 1) * c), 1, c);
            LossResult alone = new MultilabelMarginLoss(Reduction.NONE).valueAndGradInput(xr, yr);
            assertThat(alone.value().data()[0]).isEqualTo(none[row]);
            assertThat(alone.gradInput().data())
                    .containsExactly(java.util.Arrays.copyOfRange(batch.gradInput().data(), row * c, (row + 1) * c));
        }
    }

    /**
     * Non-finite scores behave as in PyTorch 1.13, whose kernel only adds terms with z &gt; 0: a NaN term fails the
     * comparison and vanishes, an infinite one makes the loss infinite. Reference ({@code /usr/bin/python3}, torch
     * 1.13): {@code F.multilabel_margin_loss(x, t, reduction='none')} with x = [[nan, 0.2, 0.4, 0.8]], t = [[3, -1, 0,
     * 0]] gives [0.25] and gradient [[0, 0.25, 0.25, -0.5]]; x[0] = inf gives [inf] and [[0.25, 0.25, 0.25, -0.75]];
     * t = [[0, -1, 0, 0]] with x[0] = nan gives [0] and a zero gradient.
     */
    @Test
    void nonFiniteScoresFollowPyTorchsComparison() {
        Tensor t3 = Tensor.wrapIndices(new long[] {3, -1, 0, 0}, 1, 4);
        Tensor t0 = Tensor.wrapIndices(new long[] {0, -1, 0, 0}, 1, 4);
        MultilabelMarginLoss loss = new MultilabelMarginLoss(Reduction.NONE);
        LossResult nan = loss.valueAndGradInput(Tensor.matrix(new float[][] {{Float.NaN, 0.2f, 0.4f, 0.8f}}), t3);
        assertThat(nan.value().data()[0]).isCloseTo(0.25f, within(1e-7f));
        assertThat(nan.gradInput().data()).containsExactly(0f, 0.25f, 0.25f, -0.5f);
        LossResult inf = loss.valueAndGradInput(
                Tensor.matrix(new float[][] {{Float.POSITIVE_INFINITY, 0.2f, 0.4f, 0.8f}}), t3);
        assertThat(inf.value().data()[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(inf.gradInput().data()).containsExactly(0.25f, 0.25f, 0.25f, -0.75f);
        LossResult nanTarget = loss.valueAndGradInput(
                Tensor.matrix(new float[][] {{Float.NaN, 0.2f, 0.4f, 0.8f}}), t0);
        assertThat(nanTarget.value().data()[0]).isEqualTo(0f);
        assertThat(nanTarget.gradInput().data()).containsExactly(0f, 0f, 0f, 0f);
    }

    /** Whole-number float32 targets are class indices (PyTorch requires int64; a documented extension). */
    @Test
    void wholeNumberFloatTargetsAreClassIndices() {
        Tensor x = Samples.normal(5, 2.0, 2, 4);
        Tensor asLong = Tensor.wrapIndices(new long[] {3, 0, -1, 1, 2, -1, -1, 2}, 2, 4);
        Tensor asFloat = Tensor.of(new float[] {3, 0, -1, 1, 2, -1, -1, 2}, 2, 4);
        MultilabelMarginLoss loss = new MultilabelMarginLoss();
        LossResult a = loss.compute(Map.of("input", x, "target", asFloat), Set.of("input"));
        LossResult b = loss.compute(Map.of("input", x, "target", asLong), Set.of("input"));
        assertThat(a.item()).isEqualTo(b.item());
        assertThat(a.gradInput().data()).containsExactly(b.gradInput().data());
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {3, 0.5f, -1, 1, 2, -1, -1, 2}, 2, 4)))
                .hasMessage("multilabel_margin_loss: target must hold integer class indices, got 0.5 at index 1");
    }

    @Test
    void validationMessagesNameTheArgumentTheValueAndTheRule() {
        MultilabelMarginLoss loss = new MultilabelMarginLoss();
        Tensor x = Tensor.matrix(new float[][] {{0.5f, 1f, -1f, 0f}});
        assertThatThrownBy(() -> loss.forward(x, Tensor.wrapIndices(new long[] {0, 4, -1, 0}, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multilabel_margin_loss: target 4 at index 1 is out of range for C = 4 (valid: 0 to 3, "
                        + "or -1 to end the list)");
        assertThatThrownBy(() -> loss.forward(x, Tensor.wrapIndices(new long[] {0, -1, 7, 0}, 1, 4)))
                .hasMessage("multilabel_margin_loss: target 7 at index 2 is out of range for C = 4 (valid: 0 to 3, "
                        + "or -1 to end the list); it follows the row's -1, and PyTorch checks ignored entries too");
        assertThatThrownBy(() -> loss.forward(x, Tensor.wrapIndices(new long[] {-2, 1, 2, 3}, 1, 4)))
                .hasMessage("multilabel_margin_loss: target -2 at index 0 is out of range for C = 4 (valid: 0 to 3, "
                        + "or -1 to end the list)");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(2, 3), Tensor.wrapIndices(new long[4], 2, 2)))
                .hasMessage("multilabel_margin_loss: target shape [2, 2] must be [2, 3] for input shape [2, 3] (a row "
                        + "of C class indices per sample, -1 ending each list)");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(3), Tensor.indices(0, -1)))
                .hasMessageStartingWith("multilabel_margin_loss: target shape [2] must be [3] for input shape [3]");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(1, 2, 2), Tensor.wrapIndices(new long[4], 1, 2, 2)))
                .hasMessage("multilabel_margin_loss: input must be 0-d, a non-empty (C) vector or an (N, C) matrix "
                        + "with C >= 1, got shape [1, 2, 2]");
        assertThatThrownBy(() -> new MultilabelMarginLoss(Reduction.BATCHMEAN))
                .hasMessageStartingWith("multilabel_margin_loss: reduction must be one of");
    }

    /** PyTorch's shape rule for a single class: a 0-d input takes a 0-d or (1) target, a (1) input a 0-d target. */
    @Test
    void oneClassTakesA0dOrOneElementTarget() {
        MultilabelMarginLoss loss = new MultilabelMarginLoss(Reduction.NONE);
        for (Tensor[] in : new Tensor[][] {{Tensor.scalar(0.5f), Tensor.scalarIndex(0)},
            {Tensor.scalar(0.5f), Tensor.indices(-1)}, {Tensor.vector(0.5f), Tensor.scalarIndex(0)}}) {
            LossResult r = loss.valueAndGradInput(in[0], in[1]);
            assertThat(r.value().dim()).isZero();
            assertThat(r.item()).isZero();
            assertThat(r.gradInput().shape()).isEqualTo(in[0].shape());
        }
    }

    /** The Java example of docs/losses/classification.md, as written there. */
    @Test
    void docsExample() {
        MultilabelMarginLoss loss = new MultilabelMarginLoss();
        Tensor scores = Tensor.matrix(new float[][] {{0.1f, 0.2f, 0.4f, 0.8f}});
        Tensor labels = Tensor.wrapIndices(new long[] {3, 0, -1, 1}, 1, 4);
        LossResult r = loss.valueAndGradInput(scores, labels);
        assertThat(r.item()).isEqualTo(0.8499999977648258);
        assertThat(r.gradInput().toString()).isEqualTo("tensor([[-0.5, 0.5, 0.5, -0.5]])");
    }

    @Test
    void toStringShowsTheConfiguration() {
        assertThat(new MultilabelMarginLoss().toString()).isEqualTo("MultilabelMarginLoss(reduction=mean)");
        assertThat(new MultilabelMarginLoss(Reduction.SUM).toString()).isEqualTo("MultilabelMarginLoss(reduction=sum)");
    }
}
