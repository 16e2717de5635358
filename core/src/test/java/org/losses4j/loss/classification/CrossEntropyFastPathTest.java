package org.losses4j.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Allocations;
import org.losses4j.testing.VectorApiRun;

/**
 * {@link CrossEntropyLoss#valueAndGradInput(float[], long[], float[], int, int)}: the same value and the same
 * gradient, bit for bit, as the tensor API, into a buffer that starts full of garbage (so every element, ignored rows
 * included, must be written), and one-line errors for bad arguments.
 */
@Tag(VectorApiRun.TAG)
class CrossEntropyFastPathTest {
    private static final int[] ROWS = {0, 1, 5, 37, 300};
    private static final int[] CLASSES = {1, 3, 10, 63, 64, 100, 1000};

    private static void agreesWithTheTensorApi(CrossEntropyLoss loss, long seed) {
        Random r = new Random(seed);
        for (int rows : ROWS) {
            for (int classes : CLASSES) {
                float[] x = new float[rows * classes];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (r.nextGaussian() * 3);
                }
                long[] t = new long[rows];
                for (int i = 0; i < rows; i++) {
                    t[i] = r.nextInt(7) == 0 ? -100 : r.nextInt(classes);
                }
                LossResult ref = loss.compute(Tensor.wrap(x.clone(), rows, classes), Tensor.wrapIndices(t, rows),
                        true, false);
                double expected = ref.isScalar() ? ref.item() : sum(ref.value().data());
                float[] g = new float[rows * classes + 3];
                Arrays.fill(g, Float.NaN);
                double v = loss.valueAndGradInput(x, t, g, rows, classes);
                String at = loss + " rows=" + rows + " classes=" + classes;
                if (ref.isScalar()) {
                    assertThat(Double.doubleToLongBits(v)).as(at + ": value " + v + ", tensor API " + expected)
                            .isEqualTo(Double.doubleToLongBits(expected));
                } else {
                    // none: the fast path adds the row losses in double, the tensor API's rows are float32
                    assertThat(v).as(at).isCloseTo(expected, org.assertj.core.api.Assertions.within(
                            1e-6 * Math.max(1, Math.abs(expected))));
                }
                float[] eg = ref.gradInput().data();
                for (int i = 0; i < eg.length; i++) {
                    assertThat(Float.floatToIntBits(g[i])).as(at + " gradient[" + i + "]")
                            .isEqualTo(Float.floatToIntBits(eg[i]));
                }
                assertThat(Float.isNaN(g[eg.length])).as(at + ": nothing written past rows·classes").isTrue();
            }
        }
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(value = Reduction.class, names = {"MEAN", "SUM", "NONE"})
    void plainCaseIsTheTensorApiBitForBit(Reduction reduction) {
        agreesWithTheTensorApi(new CrossEntropyLoss(reduction), 1);
    }

    @ParameterizedTest
    @EnumSource(value = Reduction.class, names = {"MEAN", "SUM"})
    void weightsAndLabelSmoothingGoThroughTheTensorApi(Reduction reduction) {
        agreesWithTheTensorApi(CrossEntropyLoss.builder().reduction(reduction).labelSmoothing(0.1).build(), 2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "null-input|cross_entropy: fast path needs input, target and gradInput, got null for input",
        "rows|cross_entropy: fast path needs rows >= 0 and classes >= 1, got rows = -1, classes = 3",
        "classes|cross_entropy: fast path needs rows >= 0 and classes >= 1, got rows = 2, classes = 0",
        "short|cross_entropy: fast path needs input and gradInput of at least rows * classes = 6 elements and target "
                + "of at least rows = 2, got input 6, target 2, gradInput 5",
        "target|cross_entropy: target 3 at index 1 is out of range for C = 3 classes (valid: 0 to 2, or ignore_index "
                + "-100)"})
    void badArgumentsGetOneLineErrors(String what, String message) {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        float[] x = new float[6];
        long[] t = {0, 1};
        float[] g = new float[6];
        Runnable call = switch (what) {
            case "null-input" -> () -> loss.valueAndGradInput(null, t, g, 2, 3);
            case "rows" -> () -> loss.valueAndGradInput(x, t, g, -1, 3);
            case "classes" -> () -> loss.valueAndGradInput(x, t, g, 2, 0);
            case "short" -> () -> loss.valueAndGradInput(x, t, new float[5], 2, 3);
            default -> () -> loss.valueAndGradInput(x, new long[] {0, 3}, g, 2, 3);
        };
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    /**
     * Narrow rows (C &lt; 64) skip the shift by the row maximum when every logit of the block is within ±80, and take
     * it otherwise: both against a double log-sum-exp, per row, value and gradient; a NaN row is NaN and leaves the
     * other rows of its block exact.
     */
    @ParameterizedTest
    @CsvSource({"3, 20", "10, 20", "10, 79.9", "63, 5", "10, 500", "10, NaN"})
    void narrowRowsWithAndWithoutTheShiftAgreeWithADoubleReference(int classes, float extreme) {
        int rows = 300;
        Random r = new Random(classes);
        float[] x = new float[rows * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.max(-79.9, Math.min(79.9, r.nextGaussian() * 20));
        }
        x[7 * classes + 1] = extreme; // within ±80 (unshifted path), beyond (shifted), or NaN (shifted)
        x[9 * classes] = -Math.abs(extreme);
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = r.nextInt(classes);
        }
        LossResult res = CrossEntropyLoss.builder().reduction(Reduction.NONE).build()
                .compute(Tensor.wrap(x, rows, classes), Tensor.wrapIndices(t, rows), true, false);
        float[] loss = res.value().data();
        float[] g = res.gradInput().data();
        for (int row = 0; row < rows; row++) {
            double m = Double.NEGATIVE_INFINITY;
            boolean nan = false;
            for (int j = 0; j < classes; j++) {
                float v = x[row * classes + j];
                nan |= Float.isNaN(v);
                m = Math.max(m, v);
            }
            String at = "C=" + classes + " extreme=" + extreme + " row " + row;
            if (nan) {
                assertThat(loss[row]).as(at).isNaN();
                continue;
            }
            double se = 0;
            for (int j = 0; j < classes; j++) {
                se += Math.exp(x[row * classes + j] - m);
            }
            double ref = m + Math.log(se) - x[row * classes + (int) t[row]];
            assertThat((double) loss[row]).as(at).isCloseTo(ref,
                    org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, Math.abs(ref))));
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(x[row * classes + j] - m) / se - (j == t[row] ? 1 : 0);
                assertThat((double) g[row * classes + j]).as(at + " class " + j).isCloseTo(p,
                        org.assertj.core.api.Assertions.within(1e-6));
            }
        }
    }

    @ParameterizedTest(name = "({0}, {1})")
    @CsvSource({"32, 10", "64, 1", "16, 100", "3, 1000"}) // (3, 1000): two chunks, not split across cores
    void aTrainingStepAllocatesNothing(int rows, int classes) {
        Assumptions.assumeTrue(Allocations.meaningful());
        Random r = new Random(rows * 31L + classes);
        float[] x = new float[rows * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * (classes == 10 ? 3 : 100)); // ±100: the shifted narrow rows too
        }
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = r.nextInt(classes);
        }
        float[] g = new float[x.length];
        CrossEntropyLoss loss = CrossEntropyLoss.builder().build();
        long least = Allocations.leastPerRound(() -> loss.valueAndGradInput(x, t, g, rows, classes), 100, 200);
        assertThat(least).as("bytes allocated by 200 fast-path calls").isLessThan(200);
    }
}
