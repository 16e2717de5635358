package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/** The one-line parameter and shape errors of the regression losses, and their toString. */
class RegressionValidationTest {

    private static void rejects(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void deltaMustBePositive() {
        rejects(() -> new AsymmetricHuberLoss(-1.5, 1.0), "asymmetric_huber: delta must be > 0, got -1.5");
        rejects(() -> new AsymmetricHuberLoss(0.0, 1.0), "asymmetric_huber: delta must be > 0, got 0");
        rejects(() -> new AsymmetricHuberLoss(1.0, 0.0), "asymmetric_huber: alpha must be > 0, got 0");
        rejects(() -> new PseudoHuberLoss(0.0), "pseudo_huber: delta must be > 0, got 0");
        rejects(() -> new PseudoHuberLoss(Double.NaN), "pseudo_huber: delta must be > 0, got NaN");
    }

    @Test
    void quantileMustLieIn0To1() {
        for (double q : new double[] {-0.25, 1.5, Math.nextUp(1.0), -Double.MIN_VALUE, Double.NaN}) {
            assertThatThrownBy(() -> new QuantileLoss(q)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("quantile_loss: q must be in [0, 1], got ")
                    .hasMessageNotContaining("\n");
        }
    }

    /** q = 0 and q = 1 are one-sided absolute errors (TF-Addons' pinball loss accepts both ends). */
    @Test
    void quantileAcceptsBothEnds() {
        Tensor x = Tensor.vector(0.5f, 2f);
        Tensor y = Tensor.vector(1f, 1f);
        // e = y - x = [0.5, -1]: q = 0 charges only over-prediction (e < 0), q = 1 only under-prediction (e > 0)
        assertThat(new QuantileLoss(0.0, Reduction.SUM).forward(x, y).item()).isEqualTo(1f);
        assertThat(new QuantileLoss(1.0, Reduction.SUM).forward(x, y).item()).isEqualTo(0.5f);
        var r = org.losses4j.loss.LossRegistry.standard().create("quantile_loss", java.util.Map.of("q", 1.0), "sum")
                .valueAndGradient(java.util.Map.of("input", x, "target", y));
        assertThat(r.item()).isEqualTo(0.5);
        assertThat(r.gradInput().toFloatArray()).containsExactly(-1f, 0f);
        assertThat(new QuantileLoss(Tensor.vector(0f, 1f), QuantileLoss.QuantileReduction.SUM, Reduction.SUM)
                .forward(Tensor.of(new float[] {0.5f, 0.5f, 2f, 2f}, 2, 2), y).item()).isEqualTo(1.5f);
        // a value that rounds to an end in float32 is that end
        assertThat(new QuantileLoss(0.99999999).quantiles()[0]).isEqualTo(1.0);
        assertThat(new QuantileLoss(1e-46).quantiles()[0]).isEqualTo(0.0);
    }

    /**
     * Parameters the kernels use in float32 are checked as the float32 they become: a value that passes in double
     * but rounds out of range is rejected, naming the given value and its rounding.
     */
    @Test
    void float32ParametersAreCheckedAfterRounding() {
        rejects(() -> new QuantileLoss(new double[] {0.5, 1.25}, QuantileLoss.QuantileReduction.MEAN,
                Reduction.MEAN),
                "quantile_loss: q must be in [0, 1], got 1.25 at index 1");
        rejects(() -> new AsymmetricHuberLoss(1.0, 1e-46),
                "asymmetric_huber: alpha must be > 0 in float32, got 1.0E-46 (rounds to 0.0)");
        rejects(() -> new AsymmetricHuberLoss(1e-46, 1.0),
                "asymmetric_huber: delta must be > 0 in float32, got 1.0E-46 (rounds to 0.0)");
        rejects(() -> new HuberLoss(1e-46), "huber_loss: delta must be > 0 in float32, got 1.0E-46 (rounds to 0.0)");
        rejects(() -> new AdaptiveHuberLoss(1e-46, Reduction.MEAN),
                "adaptive_huber_loss: delta must be > 0 in float32, got 1.0E-46 (rounds to 0.0)");
        rejects(() -> new AdaptiveHuberLoss().setDelta(1e-46),
                "adaptive_huber_loss: delta must be > 0 in float32, got 1.0E-46 (rounds to 0.0)");
        // the given value is judged first: a negative beta is an error even if it rounds to -0
        rejects(() -> new SmoothL1Loss(-1e-46), "smooth_l1_loss: beta must be >= 0, got -1.0E-46");
        // a subnormal float32 is a valid value (smooth_l1 handles it; 1e-300, which rounds to 0, is L1)
        assertThat(new QuantileLoss(1e-40).quantiles()[0]).isEqualTo((double) 1e-40f);
        assertThat(new AsymmetricHuberLoss(1.0, 1e-40).alpha()).isEqualTo((double) 1e-40f);
    }

    /** The registry takes a number q as given, so its message names what the request said, not its rounding. */
    @Test
    void theRegistryNamesTheGivenQuantile() {
        var registry = org.losses4j.loss.LossRegistry.standard();
        rejects(() -> registry.create("quantile_loss", java.util.Map.of("q", 1.0000001), "mean"),
                "quantile_loss: q must be in [0, 1], got 1.0000001");
        rejects(() -> registry.create("asymmetric_huber", java.util.Map.of("alpha", 1e-46), "mean"),
                "asymmetric_huber: alpha must be > 0 in float32, got 1.0E-46 (rounds to 0.0)");
        // a list is a float32 tensor by the time the loss sees it
        rejects(() -> registry.create("quantile_loss", java.util.Map.of("q", Tensor.vector(0.5f, 1.5f)), "mean"),
                "quantile_loss: q must be in [0, 1], got 1.5 at index 1");
        assertThat(registry.create("quantile_loss", java.util.Map.of("q", 0.9), "mean").toString())
                .isEqualTo("QuantileLoss(q=0.9, reduction=mean)");
    }

    /** Infinity is rejected where the loss means nothing with it, accepted where PyTorch (or the maths) has a use. */
    @Test
    void infiniteParameters() {
        double inf = Double.POSITIVE_INFINITY;
        rejects(() -> new AsymmetricHuberLoss(1.0, inf),
                "asymmetric_huber: alpha must be a finite number, got Infinity");
        rejects(() -> new AsymmetricHuberLoss(1.0, 1e39),
                "asymmetric_huber: alpha must be a finite number in float32, got 1.0E39 (rounds to Infinity)");
        rejects(() -> new AdaptiveHuberLoss(inf, Reduction.MEAN),
                "adaptive_huber_loss: delta must be a finite number, got Infinity");
        rejects(() -> new AdaptiveHuberLoss().setDelta(1e39),
                "adaptive_huber_loss: delta must be a finite number in float32, got 1.0E39 (rounds to Infinity)");
        rejects(() -> new RMSELoss(inf), "rmse: eps must be a finite number, got Infinity");
        rejects(() -> new NMAELoss(NMAELoss.Normalizer.RANGE, inf, Reduction.MEAN),
                "nmae: eps must be a finite number, got Infinity");
        rejects(() -> new MAPELoss(inf, Reduction.MEAN), "mape: eps must be a finite number, got Infinity");
        rejects(() -> new PoissonNLLLoss(true, false, inf, Reduction.MEAN),
                "poisson_nll_loss: eps must be a finite number, got Infinity");
        rejects(() -> new GaussianNLLLoss(false, inf, Reduction.MEAN),
                "gaussian_nll_loss: eps must be a finite number, got Infinity");
        // PyTorch accepts delta = inf (1/2 d^2 everywhere) and beta = inf (0 for finite d); so do we
        Tensor x = Tensor.vector(3f, -0.5f);
        Tensor y = Tensor.vector(0f, 0f);
        assertThat(new HuberLoss(inf, Reduction.NONE).forward(x, y).data()).containsExactly(4.5f, 0.125f);
        assertThat(new HuberLoss(1e39, Reduction.NONE).forward(x, y).data()).containsExactly(4.5f, 0.125f);
        assertThat(new SmoothL1Loss(inf, Reduction.NONE).forward(x, y).data()).containsExactly(0f, 0f);
        assertThat(new AsymmetricHuberLoss(inf, 2.0, Reduction.NONE).forward(x, y).data())
                .containsExactly(4.5f, 0.25f);
    }

    @Test
    void scaleAndAlphaOfTheGeneralRobustLoss() {
        rejects(() -> new GeneralRobustLoss(1.0, 0.0), "general_robust_loss: scale must be > 0, got 0");
        rejects(() -> new GeneralRobustLoss(1.0, -1.0), "general_robust_loss: scale must be > 0, got -1");
        assertThatThrownBy(() -> new GeneralRobustLoss(Double.NaN, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("general_robust_loss: alpha")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new GeneralRobustLoss(1.0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("general_robust_loss: scale");
    }

    @Test
    void epsMustBePositiveWhereItGuardsADivisionOrALog() {
        rejects(() -> new PoissonNLLLoss(false, false, 0.0, Reduction.MEAN),
                "poisson_nll_loss: eps must be > 0, got 0");
        rejects(() -> new GaussianNLLLoss(false, -1.0, Reduction.MEAN), "gaussian_nll_loss: eps must be > 0, got -1");
        rejects(() -> new MAPELoss(0.0, Reduction.MEAN), "mape: eps must be > 0, got 0");
        rejects(() -> new MSLELoss(0.0, Reduction.MEAN), "msle: eps must be > 0, got 0");
        rejects(() -> new MSLELoss(Double.NaN, Reduction.MEAN), "msle: eps must be > 0, got NaN");
        rejects(() -> new MSLELoss(Double.POSITIVE_INFINITY, Reduction.MEAN),
                "msle: eps must be a finite number, got Infinity");
        // eps = 0 means "no eps" for rmse and nmae; negative is still an error
        rejects(() -> new RMSELoss(-1.0), "rmse: eps must be >= 0, got -1");
        rejects(() -> new NMAELoss(NMAELoss.Normalizer.RANGE, -0.5, Reduction.MEAN),
                "nmae: eps must be >= 0, got -0.5");
    }

    @Test
    void mismatchedShapesAreErrorsNeverBroadcast() {
        Tensor col = Tensor.matrix(new float[][] {{1}, {2}, {3}});
        Tensor row = Tensor.vector(1, 2, 3);
        for (var loss : new org.losses4j.loss.InputTargetLoss[] {new RMSELoss(), new NMAELoss(),
                new AsymmetricHuberLoss(), new PseudoHuberLoss(), new LogCoshLoss(), new MAPELoss(), new MSLELoss(),
                new QuantileLoss(), new GeneralRobustLoss(), new PoissonNLLLoss()}) {
            assertThatThrownBy(() -> loss.forward(col, row)).as(loss.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(loss.name() + ":")
                    .hasMessageContaining("[3, 1]").hasMessageContaining("[3]").hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> new GaussianNLLLoss().forward(col, row, Tensor.vector(1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gaussian_nll_loss:");
        assertThatThrownBy(() -> new GaussianNLLLoss().forward(row, row, Tensor.vector(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("var is of incorrect size");
        assertThatThrownBy(() -> new GaussianNLLLoss().forward(row, row, Tensor.vector(1, -1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("var has negative entry");
    }

    @Test
    void toStringShowsTheParameters() {
        assertThat(new AsymmetricHuberLoss(1.5, 2.0, Reduction.SUM).toString())
                .isEqualTo("AsymmetricHuberLoss(delta=1.5, alpha=2.0, reduction=sum)");
        assertThat(new GeneralRobustLoss()).hasToString("GeneralRobustLoss(alpha=1.0, scale=1.0, reduction=mean)");
        assertThat(new PoissonNLLLoss().toString()).contains("log_input=true").contains("eps=1.0E-8");
    }

    @Test
    void smoothL1WithABetaBelowFloat32IsL1NotNaN() {
        Tensor x = Tensor.vector(0.5f, -2f, 3f, 0f);
        Tensor y = Tensor.vector(0f, 1f, 3f, 0f);
        for (Reduction r : new Reduction[] {Reduction.NONE, Reduction.MEAN, Reduction.SUM}) {
            var tiny = new SmoothL1Loss(1e-300, r).valueAndGradient(x, y);
            var l1 = new L1Loss(r).valueAndGradient(x, y);
            assertThat(tiny.value()).isEqualTo(l1.value());
            assertThat(tiny.gradInput()).isEqualTo(l1.gradInput());
        }
    }

    @Test
    void choiceParametersNameTheChoices() {
        rejects(() -> NMAELoss.Normalizer.parse("nmae", "rnage"),
                "nmae: normalizer must be one of range, mean_abs, mean, got 'rnage'");
        rejects(() -> QuantileLoss.QuantileReduction.parse("quantile_loss", null),
                "quantile_loss: quantile_reduction must be one of mean, sum, got null");
        assertThat(NMAELoss.Normalizer.parse("nmae", "mean_abs")).isEqualTo(NMAELoss.Normalizer.MEAN_ABS);
        // names are exact, as PyTorch's string options are
        rejects(() -> NMAELoss.Normalizer.parse("nmae", " Mean_Abs "),
                "nmae: normalizer must be one of range, mean_abs, mean, got ' Mean_Abs '");
    }
}
