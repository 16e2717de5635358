package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.classification.CrossEntropyLoss;
import org.losses4j.loss.regression.AdaptiveRobustLoss;
import org.losses4j.loss.regression.GaussianNLLLoss;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.loss.regression.PoissonNLLLoss;
import org.losses4j.loss.regression.QuantileLoss;
import org.losses4j.loss.regression.RMSELoss;
import org.losses4j.tensor.Tensor;

/**
 * Validation exactly at its boundaries (the first value rejected and the last accepted), and the public API that
 * the suites over the registry do not call: builders, getters and typed convenience methods, each against the
 * general call it stands for.
 */
class BoundaryAndApiTest {
    // ------------------------------------------------------------------ boundaries

    @Test
    void crossEntropyRejectsTargetEqualToTheClassCountAndAcceptsOneLess() {
        for (int c : new int[] {3, 70}) { // narrow rows and wide rows take different kernels
            float[] x = new float[2 * c];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i);
            }
            CrossEntropyLoss loss = new CrossEntropyLoss();
            Tensor input = Tensor.of(x, 2, c);
            assertThatThrownBy(() -> loss.forward(input, Tensor.indices(0, c)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cross_entropy: target " + c + " at index 1 is out of range for C = " + c
                            + " classes (valid: 0 to " + (c - 1) + ", or ignore_index -100)");
            assertThatThrownBy(() -> loss.valueAndGradInput(x, new long[] {0, c}, new float[2 * c], 2, c))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target " + c + " at index 1 is out of range for C = " + c);
            assertThatCode(() -> loss.forward(input, Tensor.indices(0, c - 1))).doesNotThrowAnyException();
            assertThatCode(() -> loss.valueAndGradInput(x, new long[] {0, c - 1}, new float[2 * c], 2, c))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void adaptiveRobustLossScaleMustBeFiniteAndAlphaMayBeExactlyTen() {
        AdaptiveRobustLoss loss = new AdaptiveRobustLoss();
        Tensor x = Tensor.vector(0.5f, -1f);
        Tensor y = Tensor.vector(0f, 0f);
        assertThatThrownBy(() -> loss.valueAndGradient(x, y, Tensor.scalar(1f),
                Tensor.scalar(Float.POSITIVE_INFINITY)))
                .hasMessage("adaptive_robust_loss: scale must be > 0 and finite, got Infinity");
        assertThatThrownBy(() -> loss.valueAndGradient(x, y, Tensor.scalar(1f), Tensor.scalar(0f)))
                .hasMessageStartingWith("adaptive_robust_loss: scale must be > 0 and finite, got 0");
        assertThatCode(() -> loss.valueAndGradient(x, y, Tensor.scalar(1f), Tensor.scalar(Float.MIN_VALUE)))
                .doesNotThrowAnyException();
        LossResult ten = loss.valueAndGradient(x, y, Tensor.scalar(10f), Tensor.scalar(1f));
        assertThat(ten.item()).isFinite();
        assertThat(ten.grad("alpha").item()).isFinite();
        float justAbove = Math.nextUp(10f);
        assertThatThrownBy(() -> loss.valueAndGradient(x, y, Tensor.scalar(justAbove), Tensor.scalar(1f)))
                .hasMessageStartingWith("adaptive_robust_loss: alpha must be in [0, 10], got 10.0000");
    }

    @Test
    void theFastPathAcceptsArraysOfExactlyNAndRejectsShorterOnes() {
        Map<String, InputTargetLoss> losses = Map.of("huber_loss", new HuberLoss(), "rmse", new RMSELoss());
        losses.forEach((name, loss) -> {
            float[] a = {1, 2, 3};
            float[] g = new float[3];
            assertThatCode(() -> loss.valueAndGradInput(a, a.clone(), g, 3)).doesNotThrowAnyException();
            assertThatCode(() -> loss.valueAndGradInput(a, a.clone(), new float[0], 0)).doesNotThrowAnyException();
            String rule = name + ": fast path needs n >= 0 and arrays of at least n elements, got n = ";
            assertThatThrownBy(() -> loss.valueAndGradInput(new float[2], a, g, 3))
                    .hasMessage(rule + "3, input 2, target 3, gradInput 3");
            assertThatThrownBy(() -> loss.valueAndGradInput(a, new float[2], g, 3))
                    .hasMessage(rule + "3, input 3, target 2, gradInput 3");
            assertThatThrownBy(() -> loss.valueAndGradInput(a, a, new float[2], 3))
                    .hasMessage(rule + "3, input 3, target 3, gradInput 2");
            assertThatThrownBy(() -> loss.valueAndGradInput(a, a, g, -1))
                    .hasMessage(rule + "-1, input 3, target 3, gradInput 3");
        });
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float[] x = new float[6];
        long[] t = {0, 1};
        assertThatCode(() -> ce.valueAndGradInput(x, t, new float[6], 2, 3)).doesNotThrowAnyException();
        String rule = "cross_entropy: fast path needs input and gradInput of at least rows * classes = 6 elements "
                + "and target of at least rows = 2, got ";
        assertThatThrownBy(() -> ce.valueAndGradInput(new float[5], t, new float[6], 2, 3))
                .hasMessage(rule + "input 5, target 2, gradInput 6");
        assertThatThrownBy(() -> ce.valueAndGradInput(x, new long[1], new float[6], 2, 3))
                .hasMessage(rule + "input 6, target 1, gradInput 6");
        assertThatThrownBy(() -> ce.valueAndGradInput(x, t, new float[5], 2, 3))
                .hasMessage(rule + "input 6, target 2, gradInput 5");
        assertThatThrownBy(() -> ce.valueAndGradInput(x, t, new float[6], -1, 3))
                .hasMessage("cross_entropy: fast path needs rows >= 0 and classes >= 1, got rows = -1, classes = 3");
        assertThatThrownBy(() -> ce.valueAndGradInput(x, t, new float[6], 2, 0))
                .hasMessage("cross_entropy: fast path needs rows >= 0 and classes >= 1, got rows = 2, classes = 0");
    }

    @Test
    void quantileLossNeedsItsQuantilesAndTheirReduction() {
        assertThatThrownBy(() -> new QuantileLoss((Tensor) null, QuantileLoss.QuantileReduction.MEAN, Reduction.MEAN))
                .hasMessage("quantile_loss: q must be given");
        assertThatThrownBy(() -> new QuantileLoss(Tensor.vector(0.5f), null, Reduction.MEAN))
                .hasMessage("quantile_loss: quantile_reduction must be one of mean, sum, got null");
    }

    @Test
    void rmseAtZeroErrorWithoutEpsHasTheDocumentedZeroGradient() {
        // R = 0 (every error 0, eps = 0): the gradient is 0, not 0/0
        Tensor x = Tensor.vector(1f, -2f, 3f);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            LossResult res = new RMSELoss(0.0, r).valueAndGradient(x, x.copy());
            assertThat(res.item()).isEqualTo(0.0);
            for (String k : new String[] {"input", "target"}) {
                for (float g : res.grad(k).data()) {
                    assertThat(g == 0f).as("%s: gradient of %s is 0 (either sign), got %s", r, k, g).isTrue();
                }
            }
        }
    }

    // ------------------------------------------------------------------ API the suites do not call

    @Test
    void poissonNllBuilderAndGettersGiveTheConstructorsLoss() {
        PoissonNLLLoss built = PoissonNLLLoss.builder().logInput(false).full(true).eps(1e-3)
                .reduction(Reduction.SUM).build();
        PoissonNLLLoss direct = new PoissonNLLLoss(false, true, 1e-3, Reduction.SUM);
        assertThat(built.logInput()).isFalse();
        assertThat(built.full()).isTrue();
        assertThat(built.eps()).isEqualTo(1e-3);
        assertThat(built.reduction()).isEqualTo(Reduction.SUM);
        assertThat(built.config()).isEqualTo(direct.config());
        Tensor x = Tensor.vector(0.5f, 2f, 3.5f);
        Tensor y = Tensor.vector(1f, 0f, 4f);
        assertThat(built.valueAndGradient(x, y).value()).isEqualTo(direct.valueAndGradient(x, y).value());
        assertThat(built.valueAndGradient(x, y).grads()).isEqualTo(direct.valueAndGradient(x, y).grads());
        PoissonNLLLoss defaults = PoissonNLLLoss.builder().build();
        assertThat(defaults.config()).isEqualTo(new PoissonNLLLoss().config());
        assertThat(defaults.logInput()).isTrue();
        assertThat(defaults.full()).isFalse();
        assertThat(defaults.eps()).isEqualTo(1e-8);
    }

    @Test
    void gaussianNllTypedMethodsAreTheGeneralCall() {
        GaussianNLLLoss loss = new GaussianNLLLoss(true, 1e-4, Reduction.SUM);
        assertThat(loss.full()).isTrue();
        assertThat(loss.eps()).isEqualTo(1e-4);
        assertThat(new GaussianNLLLoss().full()).isFalse();
        assertThat(new GaussianNLLLoss().eps()).isEqualTo(1e-6);
        Tensor x = Tensor.of(new float[] {0.5f, -1f, 2f, 0f}, 2, 2);
        Tensor y = Tensor.of(new float[] {0f, 1f, 1.5f, -0.5f}, 2, 2);
        Tensor var = Tensor.of(new float[] {0.7f, 1.3f}, 2, 1);
        Map<String, Tensor> in = Map.of("input", x, "target", y, "var", var);
        // a Python-float var is a 0-d var, and the same as a full var of that value
        assertThat(loss.forward(x, y, 0.3)).isEqualTo(loss.forward(x, y, Tensor.scalar(0.3f)));
        assertThat(loss.forward(x, y, 0.3)).isEqualTo(loss.forward(x, y, Tensor.full(0.3f, 2, 2)));
        assertThat(loss.forward(x, y, 0.3)).isNotEqualTo(loss.forward(x, y, 0.4));
        assertThat(loss.forward(x, y, var)).isEqualTo(loss.forward(in));
        LossResult all = loss.compute(in, Set.of("input", "target", "var"));
        LossResult inputVar = loss.valueAndGradInputVar(x, y, var);
        assertThat(inputVar.grads().keySet()).containsExactly("input", "var");
        assertThat(inputVar.grad("input")).isEqualTo(all.grad("input"));
        assertThat(inputVar.grad("var")).isEqualTo(all.grad("var"));
        assertThat(inputVar.value()).isEqualTo(all.value());
        assertThat(loss.valueAndGradient(x, y, var).grads()).isEqualTo(all.grads());
    }

    @Test
    void quantileAndRmseGettersReportTheParameters() {
        QuantileLoss one = new QuantileLoss(0.25);
        assertThat(one.quantiles()).containsExactly(0.25);
        assertThat(one.isMultiQuantile()).isFalse();
        QuantileLoss many = new QuantileLoss(new double[] {0.1, 0.9}, QuantileLoss.QuantileReduction.SUM,
                Reduction.NONE);
        assertThat(many.quantiles()).containsExactly((double) 0.1f, (double) 0.9f);
        assertThat(many.isMultiQuantile()).isTrue();
        assertThat(many.quantileReduction()).isEqualTo(QuantileLoss.QuantileReduction.SUM);
        assertThat(new RMSELoss(1e-3).eps()).isEqualTo(1e-3);
        assertThat(new RMSELoss().eps()).isEqualTo(0.0);
    }
}
