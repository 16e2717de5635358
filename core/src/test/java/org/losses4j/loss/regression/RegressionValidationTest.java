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
    void quantileMustLieStrictlyBetween0And1() {
        for (double q : new double[] {0.0, 1.0, -0.25, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new QuantileLoss(q)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("quantile_loss: q").hasMessageContaining("(0, 1)")
                    .hasMessageNotContaining("\n");
        }
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
