package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.kernel.Parallel;
import org.losses4j.loss.classification.BinaryCrossEntropyLoss;
import org.losses4j.loss.classification.BinaryCrossEntropyWithLogitsLoss;
import org.losses4j.loss.classification.HingeEmbeddingLoss;
import org.losses4j.loss.classification.KLDivLoss;
import org.losses4j.loss.classification.SigmoidFocalLoss;
import org.losses4j.loss.classification.SoftMarginLoss;
import org.losses4j.loss.regression.AdaptiveHuberLoss;
import org.losses4j.loss.regression.AsymmetricHuberLoss;
import org.losses4j.loss.regression.GeneralRobustLoss;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.loss.regression.L1Loss;
import org.losses4j.loss.regression.LogCoshLoss;
import org.losses4j.loss.regression.MAPELoss;
import org.losses4j.loss.regression.MSELoss;
import org.losses4j.loss.regression.MSLELoss;
import org.losses4j.loss.regression.PoissonNLLLoss;
import org.losses4j.loss.regression.PseudoHuberLoss;
import org.losses4j.loss.regression.QuantileLoss;
import org.losses4j.loss.regression.SmoothL1Loss;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Allocations;
import org.losses4j.testing.Tolerances;

/**
 * The second derivatives against finite differences of the gradient, the split over the cores, allocation and bad
 * arguments. Agreement with PyTorch's double backward is {@code conformance.SecondOrderConformanceTest}.
 */
class SecondOrderLossTest {
    private static final int N = 64;
    /** The registered losses with second derivatives (conformance.SecondOrderConformanceTest lists them). */
    private static final int SECOND_ORDER_LOSSES = 18;

    /** A loss with data that keeps every element farther than the finite-difference step from a kink. */
    private record Sample(String label, SecondOrderLoss loss, float[] x, float[] y) {
    }

    /** x = y + d, y and d normal with standard deviation {@code s}, d kept 0.05·max(1, |x|) off every kink. */
    private static Sample residuals(String label, SecondOrderLoss loss, double s, double... kinks) {
        Random r = new Random(label.hashCode());
        float[] x = new float[N];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            for (;;) {
                y[i] = (float) (r.nextGaussian() * s);
                x[i] = (float) (y[i] + r.nextGaussian() * s);
                double d = (double) x[i] - y[i];
                boolean near = false;
                for (double k : kinks) {
                    near |= Math.abs(d - k) < 0.05 * Math.max(1, Math.abs(x[i]));
                }
                if (!near) {
                    break;
                }
            }
        }
        return new Sample(label, loss, x, y);
    }

    /** x uniform in [lo, hi]; y from {@code target}: "unit" uniform in [0, 1], "sign" ±1, "binary" 0 or 1, "count". */
    private static Sample uniform(String label, SecondOrderLoss loss, double lo, double hi, String target) {
        Random r = new Random(label.hashCode());
        float[] x = new float[N];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (lo + (hi - lo) * r.nextDouble());
            switch (target) {
                case "unit" -> y[i] = r.nextFloat();
                case "sign" -> y[i] = r.nextBoolean() ? 1f : -1f;
                case "binary" -> y[i] = r.nextBoolean() ? 1f : 0f;
                case "count" -> y[i] = r.nextInt(6);
                default -> y[i] = (float) (r.nextGaussian() * 2);
            }
        }
        return new Sample(label, loss, x, y);
    }

    private static List<Sample> samples() {
        Reduction sum = Reduction.SUM;
        List<Sample> s = new ArrayList<>();
        s.add(residuals("huber_loss delta=1", new HuberLoss(1.0, sum), 2, 1, -1));
        s.add(residuals("huber_loss delta=1.5 mean", new HuberLoss(1.5), 2, 1.5, -1.5));
        s.add(residuals("adaptive_huber_loss delta=0.5", new AdaptiveHuberLoss(0.5, sum), 2, 0.5, -0.5));
        s.add(residuals("pseudo_huber delta=1", new PseudoHuberLoss(1.0, sum), 2));
        s.add(residuals("pseudo_huber delta=3", new PseudoHuberLoss(3.0, sum), 3));
        s.add(residuals("mse_loss", new MSELoss(sum), 2));
        s.add(residuals("l1_loss", new L1Loss(sum), 2, 0));
        s.add(residuals("log_cosh", new LogCoshLoss(sum), 2));
        s.add(residuals("quantile_loss q=0.3", new QuantileLoss(0.3, sum), 2, 0));
        s.add(residuals("asymmetric_huber delta=1 alpha=2", new AsymmetricHuberLoss(1, 2, sum), 2, 0, 1, -1));
        s.add(residuals("smooth_l1_loss beta=1", new SmoothL1Loss(1, sum), 2, 1, -1));
        s.add(residuals("smooth_l1_loss beta=0.5", new SmoothL1Loss(0.5, sum), 2, 0.5, -0.5));
        s.add(residuals("smooth_l1_loss beta=0", new SmoothL1Loss(0, sum), 2, 0));
        s.add(residuals("smooth_l1_loss beta=1e30", new SmoothL1Loss(1e30, sum), 2));
        s.add(residuals("mape", new MAPELoss(sum), 2, 0));
        s.add(uniform("poisson_nll_loss", new PoissonNLLLoss(sum), -2, 2, "count"));
        s.add(uniform("poisson_nll_loss log_input=false", new PoissonNLLLoss(false, false, 1e-8, sum), 0.3, 3,
                "count"));
        s.add(uniform("poisson_nll_loss full", new PoissonNLLLoss(true, true, 1e-8, sum), -2, 2, "count"));
        s.add(uniform("msle", new MSLELoss(sum), 0.05, 5, "normal"));
        for (double alpha : new double[] {1, 2, 0, 1e-120, -2, 0.5, 4, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY}) {
            s.add(residuals("general_robust_loss alpha=" + alpha, new GeneralRobustLoss(alpha, 1.5, sum), 1));
        }
        s.add(uniform("binary_cross_entropy", new BinaryCrossEntropyLoss(sum), 0.1, 0.9, "unit"));
        s.add(uniform("binary_cross_entropy weight", new BinaryCrossEntropyLoss(Tensor.vector(2.5f), sum), 0.1, 0.9,
                "unit"));
        s.add(uniform("binary_cross_entropy_with_logits", new BinaryCrossEntropyWithLogitsLoss(sum), -6, 6, "unit"));
        s.add(uniform("binary_cross_entropy_with_logits weight pos_weight",
                new BinaryCrossEntropyWithLogitsLoss(Tensor.vector(0.5f), sum, Tensor.vector(3f)), -6, 6, "unit"));
        s.add(uniform("soft_margin_loss", new SoftMarginLoss(sum), -6, 6, "sign"));
        s.add(uniform("hinge_embedding_loss", new HingeEmbeddingLoss(1, sum), -0.9, 0.9, "sign"));
        s.add(uniform("sigmoid_focal_loss", new SigmoidFocalLoss(0.25, 2, sum), -5, 5, "binary"));
        s.add(uniform("sigmoid_focal_loss gamma=1", new SigmoidFocalLoss(0.25, 1, sum), -5, 5, "binary"));
        s.add(uniform("sigmoid_focal_loss gamma=0.5 soft", new SigmoidFocalLoss(-1, 0.5, sum), -5, 5, "unit"));
        s.add(uniform("sigmoid_focal_loss gamma=3", new SigmoidFocalLoss(0.75, 3, sum), -5, 5, "unit"));
        s.add(uniform("kl_div", new KLDivLoss(sum, false), -3, 0, "unit"));
        s.add(uniform("kl_div log_target", new KLDivLoss(sum, true), -3, 0, "normal"));
        return s;
    }

    /**
     * The central difference of the gradient, (g(x + h) − g(x − h))/(2h) element by element (the losses are
     * element-wise, so every element can be moved at once), against the second derivative at x:
     * |numeric − analytic| ≤ {@link Tolerances#FD_RELATIVE}·|analytic| + {@link Tolerances#FD_ABSOLUTE}·max|analytic|.
     */
    @TestFactory
    Stream<DynamicTest> secondDerivativesMatchFiniteDifferencesOfTheGradient() {
        return samples().stream().map(s -> DynamicTest.dynamicTest(s.label(), () -> {
            float[] g = new float[N];
            float[] h = new float[N];
            s.loss().valueGradHess(s.x(), s.y(), g, h, N);
            float[] xp = new float[N];
            float[] xm = new float[N];
            for (int i = 0; i < N; i++) {
                double step = Tolerances.FD_STEP * Math.max(1, Math.abs(s.x()[i]));
                xp[i] = (float) (s.x()[i] + step);
                xm[i] = (float) (s.x()[i] - step);
            }
            float[] gp = new float[N];
            float[] gm = new float[N];
            float[] unused = new float[N];
            s.loss().valueGradHess(xp, s.y(), gp, unused, N);
            s.loss().valueGradHess(xm, s.y(), gm, unused, N);
            double hmax = 1e-30;
            for (float v : h) {
                hmax = Math.max(hmax, Math.abs(v));
            }
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                double numeric = ((double) gp[i] - gm[i]) / ((double) xp[i] - xm[i]);
                double tol = Tolerances.FD_RELATIVE * Math.abs(h[i]) + Tolerances.FD_ABSOLUTE * hmax;
                if (!(Math.abs(numeric - h[i]) <= tol)) {
                    bad.add(String.format("[%d] x=%s y=%s: analytic %.8g, numeric %.8g", i, s.x()[i], s.y()[i], h[i],
                            numeric));
                }
            }
            assertThat(bad).as(s.label()).isEmpty();
        }));
    }

    @Test
    void theSamplesCoverEveryRegisteredSecondOrderLoss() {
        List<String> covered = samples().stream().map(s -> s.loss().name()).toList();
        for (LossInfo info : LossRegistry.standard().list()) {
            if (LossRegistry.standard().create(info.name()) instanceof SecondOrderLoss) {
                assertThat(covered).as("finite-difference samples").contains(info.name());
            }
        }
    }

    /**
     * Above {@link Parallel#BLOCK} elements the work is split across the cores: the value and gradient are bit for
     * bit those of the first-order fast path, and each second derivative is that of the element alone.
     */
    @Test
    void largeInputsSplitAcrossTheCoresGiveTheSameNumbers() {
        int n = 3 * Parallel.BLOCK + 123;
        Random r = new Random(11);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
            y[i] = r.nextFloat();
        }
        for (SecondOrderLoss loss : List.of(new HuberLoss(1.0), new PseudoHuberLoss(2.0, Reduction.SUM),
                new LogCoshLoss(), new BinaryCrossEntropyWithLogitsLoss(), new QuantileLoss(0.9),
                new MSELoss(Reduction.NONE))) {
            float[] g = new float[n];
            float[] h = new float[n];
            double v = loss.valueGradHess(x, y, g, h, n);
            float[] g1 = new float[n];
            double v1 = ((InputTargetLoss) loss).valueAndGradInput(x, y, g1, n);
            assertThat(v).as(loss.toString()).isEqualTo(v1);
            assertThat(g).as(loss.toString()).isEqualTo(g1);
            SecondOrderResult t = loss.valueGradHess(Tensor.wrap(x, n), Tensor.wrap(y, n));
            assertThat(h).as(loss.toString()).isEqualTo(t.hessInput().data());
            assertThat(g).as(loss.toString()).isEqualTo(t.gradInput().data());
            // element by element: the second derivative of one element, times the reduction's scale
            float[] g2 = new float[1];
            float[] h2 = new float[1];
            for (int i = 0; i < n; i += 997) {
                loss.valueGradHess(new float[] {x[i]}, new float[] {y[i]}, g2, h2, 1);
                float scale = loss.reduction() == Reduction.MEAN ? (float) (1.0 / n) : 1f;
                double expected = h2[0] * (double) scale;
                assertThat((double) h[i]).as("%s [%d]", loss, i)
                        .isCloseTo(expected, Offset.offset(1e-6 * Math.abs(expected) + 1e-30));
            }
        }
    }

    @Test
    void everyReductionOfTheTensorForm() {
        Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0f, 0.5f, 3f, 1.25f}, 2, 3);
        Tensor y = Tensor.of(new float[] {0f, 0f, 0f, 1f, 0.5f, 1.25f}, 2, 3);
        SecondOrderResult none = new HuberLoss(1.0, Reduction.NONE).valueGradHess(x, y);
        SecondOrderResult sum = new HuberLoss(1.0, Reduction.SUM).valueGradHess(x, y);
        SecondOrderResult mean = new HuberLoss(1.0, Reduction.MEAN).valueGradHess(x, y);
        assertThat(none.isScalar()).isFalse();
        assertThat(none.value().shape()).containsExactly(2, 3);
        assertThat(none.value().data()).containsExactly(1.5f, 0.125f, 0f, 0.125f, 2f, 0f);
        assertThat(none.hessInput().shape()).containsExactly(2, 3);
        // |d| = 2, 0.5, 0, 0.5, 2.5, 0: 1 inside δ = 1, 0 beyond
        assertThat(none.hessInput().data()).containsExactly(0f, 1f, 1f, 1f, 0f, 1f);
        assertThat(sum.item()).isEqualTo(3.75);
        assertThat(sum.hessInput().data()).containsExactly(none.hessInput().data());
        assertThat(mean.item()).isEqualTo(3.75 / 6);
        for (int i = 0; i < 6; i++) {
            assertThat(mean.hessInput().data()[i]).isEqualTo(none.hessInput().data()[i] * (float) (1.0 / 6));
            assertThat(mean.gradInput().data()[i]).isEqualTo(none.gradInput().data()[i] * (float) (1.0 / 6));
        }
    }

    @Test
    void adaptiveHuberHasHubersSecondDerivativeForItsCurrentDelta() {
        AdaptiveHuberLoss adaptive = new AdaptiveHuberLoss(1.0, Reduction.SUM);
        adaptive.setDelta(0.75);
        float[] x = {-2f, -0.7f, 0f, 0.75f, 0.8f, 0.5f};
        float[] y = new float[6];
        float[] g = new float[6];
        float[] h = new float[6];
        float[] gh = new float[6];
        float[] hh = new float[6];
        adaptive.valueGradHess(x, y, g, h, 6);
        new HuberLoss(0.75, Reduction.SUM).valueGradHess(x, y, gh, hh, 6);
        assertThat(h).containsExactly(hh);
        assertThat(h).containsExactly(0f, 1f, 1f, 0f, 0f, 1f);
    }

    @Test
    void theDocumentedConventionsAtTheKinks() {
        float[] y = new float[5];
        float[] g = new float[5];
        float[] h = new float[5];
        float[] x = {0f, 1f, -1f, 1.5f, Float.NaN};
        new L1Loss(Reduction.SUM).valueGradHess(x, y, g, h, 5);
        assertThat(h).containsExactly(0f, 0f, 0f, 0f, 0f);                // 0 everywhere, the kink and NaN included
        new HuberLoss(1.0, Reduction.SUM).valueGradHess(x, y, g, h, 5);
        assertThat(h).containsExactly(1f, 0f, 0f, 0f, Float.NaN);         // |d| = δ takes the linear side
        new SmoothL1Loss(0.0, Reduction.SUM).valueGradHess(x, y, g, h, 5);
        assertThat(h).containsExactly(0f, 0f, 0f, 0f, 0f);                // β = 0 is L1
        new SmoothL1Loss(2.0, Reduction.SUM).valueGradHess(x, y, g, h, 5);
        assertThat(h).containsExactly(0.5f, 0.5f, 0.5f, 0.5f, Float.NaN); // 1/β inside
        new QuantileLoss(0.9, Reduction.SUM).valueGradHess(x, y, g, h, 5);
        assertThat(h).containsExactly(0f, 0f, 0f, 0f, 0f);
        new AsymmetricHuberLoss(1.0, 3.0, Reduction.SUM).valueGradHess(new float[] {0f, -0.5f, 0.5f, -1f, 1f}, y, g,
                h, 5);
        assertThat(h).containsExactly(1f, 3f, 1f, 0f, 0f);                // α on the under-estimation side
        new MSELoss(Reduction.MEAN).valueGradHess(x, y, g, h, 5);
        assertThat(h).containsExactly(0.4f, 0.4f, 0.4f, 0.4f, 0.4f);      // 2/n
    }

    /**
     * Far in the tails the second derivatives keep their relative accuracy (PyTorch's double backward cancels
     * there, so the fixtures check them only within the absolute tolerance): against the closed forms in double.
     */
    @Test
    void tailsKeepTheirRelativeAccuracy() {
        float[] x = {30f, -30f, 60f, -85f, 5f};
        float[] y = new float[5];
        float[] g = new float[5];
        float[] h = new float[5];
        new BinaryCrossEntropyWithLogitsLoss(Reduction.SUM).valueGradHess(x, y, g, h, 5);
        for (int i = 0; i < 5; i++) {
            double e = Math.exp(-Math.abs((double) x[i]));
            assertThat((double) h[i]).as("bce with logits at %s", x[i]).isCloseTo(e / ((1 + e) * (1 + e)),
                    Offset.offset(1e-6 * e));
        }
        float[] d = {20f, -30f, 0.5f, 40f, -1f};
        new LogCoshLoss(Reduction.SUM).valueGradHess(d, y, g, h, 5);
        for (int i = 0; i < 5; i++) {
            double c = Math.cosh(d[i]);
            assertThat((double) h[i]).as("log_cosh at %s", d[i]).isCloseTo(1 / (c * c), Offset.offset(1e-6 / (c * c)));
        }
        float[] t = {1e3f, -1e5f, 1e6f, 3f, 1e9f};
        new PseudoHuberLoss(0.5, Reduction.SUM).valueGradHess(t, y, g, h, 5);
        for (int i = 0; i < 5; i++) {
            double u = 1 + 4.0 * t[i] * t[i];
            double expected = 1 / (u * Math.sqrt(u));
            assertThat((double) h[i]).as("pseudo_huber at %s", t[i]).isCloseTo(expected,
                    Offset.offset(1e-6 * expected));
        }
    }

    @Test
    void badBuffersAreRefusedWithOneLine() {
        SecondOrderLoss huber = new HuberLoss();
        assertThatThrownBy(() -> huber.valueGradHess(new float[3], new float[3], new float[3], null, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("huber_loss: fast path needs four arrays, got null for hessInput");
        assertThatThrownBy(() -> huber.valueGradHess(new float[3], new float[3], new float[3], new float[2], 3))
                .hasMessage("huber_loss: fast path needs arrays of at least n elements, got n = 3, hessInput 2");
        assertThatThrownBy(() -> huber.valueGradHess(new float[3], new float[2], new float[3], new float[3], 3))
                .hasMessageStartingWith("huber_loss: fast path needs n >= 0 and arrays of at least n elements");
        assertThatThrownBy(() -> huber.valueGradHess(Tensor.vector(1, 2), Tensor.vector(1, 2, 3)))
                .hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> huber.valueGradHess(null, Tensor.vector(1)))
                .hasMessage("huber_loss: missing input 'input'");
        SecondOrderLoss bce = new BinaryCrossEntropyLoss();
        assertThatThrownBy(() -> bce.valueGradHess(new float[] {1.5f}, new float[] {0f}, new float[1], new float[1], 1))
                .hasMessage("binary_cross_entropy: input must hold probabilities in [0, 1], got 1.5 at index 0");
        SecondOrderLoss multi = new QuantileLoss(new double[] {0.1, 0.9}, QuantileLoss.QuantileReduction.MEAN,
                Reduction.MEAN);
        assertThatThrownBy(() -> multi.valueGradHess(new float[3], new float[3], new float[3], new float[3], 3))
                .hasMessageStartingWith("quantile_loss: input must hold one prediction per quantile");
    }

    @Test
    void theBufferFormAllocatesNothing() {
        Assumptions.assumeTrue(Allocations.meaningful());
        Random r = new Random(5);
        int n = 1000;
        float[] x = new float[n];
        float[] p = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 3);
            p[i] = r.nextFloat();
            y[i] = r.nextFloat();
        }
        float[] g = new float[n];
        float[] h = new float[n];
        int checked = 0;
        for (LossInfo info : LossRegistry.standard().list()) {
            Loss created = LossRegistry.standard().create(info.name());
            if (!(created instanceof SecondOrderLoss loss)) {
                continue;
            }
            float[] in = info.name().equals("binary_cross_entropy") ? p : x;
            long least = Allocations.leastPerRound(() -> loss.valueGradHess(in, y, g, h, n), 100, 200);
            assertThat(least).as("bytes allocated by 200 calls of %s", info.name()).isLessThan(200);
            checked++;
        }
        assertThat(checked).isEqualTo(SECOND_ORDER_LOSSES);
    }
}
