package org.losses4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.kernel.Parallel;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.classification.CrossEntropyLoss;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Allocations;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.VectorApiRun;

/**
 * {@code valueAndGradInput(input, target, gradInput)}, the gradient into a tensor the caller owns, gives the numbers
 * of the allocating {@code valueAndGradInput(input, target)} bit for bit, writes every element, and refuses a
 * gradient tensor it cannot use with a one-line message.
 */
@Tag(VectorApiRun.TAG)
class CallerOwnedGradientTest {
    /** Every sample of a two-input loss whose input is differentiable: the same value and gradient, bit for bit. */
    @TestFactory
    Stream<DynamicTest> sameNumbersAsTheAllocatingFormForEverySample() {
        return GradientCheckTest.allSamples().stream().filter(CallerOwnedGradientTest::twoInputs)
                .map(s -> DynamicTest.dynamicTest(s.label(), () -> {
                    InputTargetLoss loss = (InputTargetLoss) s.loss();
                    Tensor x = s.inputs().get("input");
                    Tensor y = s.inputs().get(loss.inputs().get(1).name());
                    assertSame(loss, x, y, s.label());
                }));
    }

    private static boolean twoInputs(LossSample s) {
        if (!(s.loss() instanceof InputTargetLoss)) {
            return false;
        }
        InputTargetLoss l = (InputTargetLoss) s.loss();
        return l.inputs().size() == 2 && l.inputs().get(0).differentiable() && s.inputs().size() == 2
                && s.inputs().containsKey("input") && s.inputs().containsKey(l.inputs().get(1).name());
    }

    /** Sizes that take one block, several blocks on the calling thread, and the split across the cores. */
    @Test
    void sameNumbersAtEverySizeAndReductionOfTheFastLosses() {
        Random r = new Random(3);
        for (String name : new String[] {"huber_loss", "l1_loss", "mse_loss", "smooth_l1_loss",
                "binary_cross_entropy_with_logits", "binary_cross_entropy"}) {
            for (String red : new String[] {"mean", "sum", "none"}) {
                InputTargetLoss loss = LossRegistry.standard().createInputTarget(name, Map.of(), red);
                for (int n : new int[] {0, 1, 1000, Parallel.BLOCK + 3, 3 * Parallel.BLOCK + 5}) {
                    boolean probabilities = name.equals("binary_cross_entropy");
                    Tensor x = Tensor.wrap(values(r, n, probabilities), n);
                    Tensor y = Tensor.wrap(values(r, n, name.startsWith("binary")), n);
                    assertSame(loss, x, y, name + " " + red + " n=" + n);
                }
            }
        }
    }

    @Test
    void sameNumbersForCrossEntropyWithIndicesProbabilitiesWeightsAndIgnoredRows() {
        Random r = new Random(4);
        int rows = 3000;
        int c = 10;
        Tensor x = Tensor.wrap(values(r, rows * c, false), rows, c);
        long[] idx = new long[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = i % 7 == 0 ? -100 : r.nextInt(c);
        }
        Tensor target = Tensor.wrapIndices(idx, rows);
        float[] p = new float[rows * c];
        for (int i = 0; i < rows; i++) {
            p[i * c + r.nextInt(c)] = 1f;
        }
        Tensor probs = Tensor.wrap(p, rows, c);
        Tensor w = Tensor.wrap(values(r, c, true), c);
        for (CrossEntropyLoss ce : new CrossEntropyLoss[] {new CrossEntropyLoss(),
                CrossEntropyLoss.builder().weight(w).build(),
                CrossEntropyLoss.builder().labelSmoothing(0.1).reduction(org.losses4j.loss.Reduction.SUM).build(),
                CrossEntropyLoss.builder().reduction(org.losses4j.loss.Reduction.NONE).build()}) {
            assertSame(ce, x, target, ce + " indices");
            assertSame(ce, x, probs, ce + " probabilities");
        }
        // (N, C, d): the strided row kernel
        Tensor x3 = Tensor.wrap(values(r, 4 * 5 * 6, false), 4, 5, 6);
        long[] t3 = new long[4 * 6];
        for (int i = 0; i < t3.length; i++) {
            t3[i] = i % 5 == 0 ? -100 : r.nextInt(5);
        }
        assertSame(new CrossEntropyLoss(), x3, Tensor.wrapIndices(t3, 4, 6), "cross_entropy (4, 5, 6)");
    }

    /** The caller's tensor is reused: a second call on other data leaves nothing of the first. */
    @Test
    void aReusedGradientHoldsOnlyTheLastCall() {
        HuberLoss huber = new HuberLoss(1.5);
        Random r = new Random(5);
        Tensor grad = Tensor.zeros(50);
        for (int k = 0; k < 3; k++) {
            Tensor x = Tensor.wrap(values(r, 50, false), 50);
            Tensor y = Tensor.wrap(values(r, 50, false), 50);
            LossResult into = huber.valueAndGradInput(x, y, grad);
            LossResult fresh = huber.valueAndGradInput(x, y);
            assertThat(into.gradInput()).isSameAs(grad);
            assertThat(grad.data()).isEqualTo(fresh.gradInput().data());
            assertThat(into.item()).isEqualTo(fresh.item());
        }
    }

    private static void assertSame(InputTargetLoss loss, Tensor x, Tensor y, String what) {
        LossResult fresh = loss.valueAndGradInput(x, y);
        Tensor grad = Tensor.full(Float.NaN, x.shape()); // every element must be overwritten
        LossResult into = loss.valueAndGradInput(x, y, grad);
        assertThat(into.gradInput()).as(what).isSameAs(grad);
        assertThat(into.grads().keySet()).as(what).containsExactly("input");
        assertThat(bits(grad.data())).as(what + ": gradient").isEqualTo(bits(fresh.gradInput().data()));
        assertThat(into.isScalar()).as(what).isEqualTo(fresh.isScalar());
        if (fresh.isScalar()) {
            assertThat(Double.doubleToRawLongBits(into.item())).as(what + ": value " + into.item() + " against "
                    + fresh.item()).isEqualTo(Double.doubleToRawLongBits(fresh.item()));
        } else {
            assertThat(into.value().shape()).as(what).isEqualTo(fresh.value().shape());
            assertThat(bits(into.value().data())).as(what + ": values").isEqualTo(bits(fresh.value().data()));
        }
    }

    private static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    private static float[] values(Random r, int n, boolean unit) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = unit ? r.nextFloat() : (float) (r.nextGaussian() * 2);
        }
        return f;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bad arguments

    @Test
    void aMissingGradientTensorIsNamed() {
        HuberLoss huber = new HuberLoss();
        assertThatThrownBy(() -> huber.valueAndGradInput(Tensor.vector(1, 2), Tensor.vector(1, 3), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber_loss: gradInput must be a float32 tensor of the input's shape [2], got null");
    }

    @Test
    void aGradientOfAnotherShapeIsRefusedEvenWithTheSameNumberOfElements() {
        HuberLoss huber = new HuberLoss();
        Tensor x = Tensor.zeros(2, 3);
        Tensor y = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> huber.valueAndGradInput(x, y, Tensor.zeros(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber_loss: gradInput shape [6] must match input shape [2, 3]");
        assertThatThrownBy(() -> huber.valueAndGradInput(x, y, Tensor.zeros(2, 4)))
                .hasMessage("huber_loss: gradInput shape [2, 4] must match input shape [2, 3]");
        CrossEntropyLoss ce = new CrossEntropyLoss();
        assertThatThrownBy(() -> ce.valueAndGradInput(Tensor.zeros(4, 3), Tensor.indices(0, 1, 2, 0),
                Tensor.zeros(4)))
                .hasMessage("cross_entropy: gradInput shape [4] must match input shape [4, 3]");
    }

    @Test
    void anInt64GradientIsRefused() {
        HuberLoss huber = new HuberLoss();
        assertThatThrownBy(() -> huber.valueAndGradInput(Tensor.vector(1, 2), Tensor.vector(1, 3),
                Tensor.indices(0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber_loss: gradInput must be a float32 tensor of the input's shape [2], got int64 [2]");
    }

    @Test
    void aGradientSharingStorageWithAnInputIsRefused() {
        HuberLoss huber = new HuberLoss();
        Tensor x = Tensor.vector(1, 2, 3, 4);
        Tensor y = Tensor.vector(1, 3, 3, 9);
        assertThatThrownBy(() -> huber.valueAndGradInput(x, y, x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber_loss: gradInput must not share storage with input (the inputs are read while the "
                        + "gradient is written)");
        // a view of the same storage is the same storage
        assertThatThrownBy(() -> huber.valueAndGradInput(x, y, Tensor.wrap(y.data(), 4)))
                .hasMessage("huber_loss: gradInput must not share storage with target (the inputs are read while the "
                        + "gradient is written)");
        // a loss without a kernel of its own (it copies the gradient in) refuses it too
        InputTargetLoss margin = LossRegistry.standard().createInputTarget("soft_margin_loss", Map.of(), null);
        assertThatThrownBy(() -> margin.valueAndGradInput(x, Tensor.vector(1, -1, 1, -1), x))
                .hasMessageStartingWith("soft_margin_loss: gradInput must not share storage with input");
    }

    @Test
    void theInputsAreCheckedAsByTheAllocatingForm() {
        HuberLoss huber = new HuberLoss();
        assertThatThrownBy(() -> huber.valueAndGradInput(Tensor.zeros(3), Tensor.zeros(4), Tensor.zeros(3)))
                .hasMessage("huber_loss: target shape [4] must match input shape [3] (losses4j does not broadcast "
                        + "them)");
        assertThatThrownBy(() -> huber.valueAndGradInput(null, Tensor.zeros(4), Tensor.zeros(4)))
                .hasMessage("huber_loss: missing input 'input'");
        assertThatThrownBy(() -> huber.valueAndGradInput(Tensor.zeros(4), null, Tensor.zeros(4)))
                .hasMessage("huber_loss: missing input 'target'");
    }

    /** The buffer paths refuse a gradient (or second-derivative) array that is one of their inputs. */
    @Test
    void theBufferPathsRefuseAnAliasedArray() {
        ElementwiseLoss huber = new HuberLoss();
        float[] x = {1, 2, 3};
        float[] y = {1, 5, 3};
        assertThatThrownBy(() -> huber.valueAndGradInput(x, y, x, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber_loss: fast path needs a gradInput array of its own, got the input array (the "
                        + "inputs are read while the gradient is written)");
        assertThatThrownBy(() -> huber.valueAndGradInput(x, y, y, 3))
                .hasMessage("huber_loss: fast path needs a gradInput array of its own, got the target array (the "
                        + "inputs are read while the gradient is written)");
        float[] g = new float[3];
        assertThatThrownBy(() -> huber.valueGradHess(x, y, g, g, 3))
                .hasMessage("huber_loss: fast path needs a hessInput array of its own, got the gradInput array");
        assertThatThrownBy(() -> huber.valueGradHess(x, y, g, x, 3))
                .hasMessage("huber_loss: fast path needs a hessInput array of its own, got the input array");
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float[] logits = {1, 2, 3, 4};
        assertThatThrownBy(() -> ce.valueAndGradInput(logits, new long[] {0, 1}, logits, 2, 2))
                .hasMessage("cross_entropy: fast path needs a gradInput array of its own, got the input array (the "
                        + "inputs are read while the gradient is written)");
    }

    /** Nothing of the size of the data is allocated: only the small result object. */
    @Test
    void theCallerOwnedFormAllocatesOnlyTheResult() {
        Assumptions.assumeTrue(Allocations.meaningful());
        Random r = new Random(6);
        int n = 1000;
        Tensor x = Tensor.wrap(values(r, n, false), n);
        Tensor y = Tensor.wrap(values(r, n, false), n);
        Tensor grad = Tensor.zeros(n);
        HuberLoss huber = new HuberLoss();
        long least = Allocations.leastPerRound(() -> huber.valueAndGradInput(x, y, grad), 50, 100);
        assertThat(least).as("bytes allocated by 100 calls (a fresh gradient would be 4,016 B per call)")
                .isLessThan(100 * 400);
    }
}
