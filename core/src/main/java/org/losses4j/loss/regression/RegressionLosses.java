package org.losses4j.loss.regression;

import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/** Registers the regression losses under their JSON-lines names. */
public final class RegressionLosses {
    private RegressionLosses() {
    }

    /**
     * Adds every regression loss to {@code registry}.
     *
     * @param registry the registry the losses are added to
     */
    public static void register(LossRegistry.Builder registry) {
        registry.add("l1_loss", "regression", "Mean absolute error |x - y| (PyTorch L1Loss).", "",
                p -> new L1Loss(p.reduction(Reduction.MEAN)));
        registry.add("mse_loss", "regression", "Mean squared error (x - y)^2 (PyTorch MSELoss).", "",
                p -> new MSELoss(p.reduction(Reduction.MEAN)));
        registry.add("huber_loss", "regression",
                "Quadratic within delta, linear beyond (PyTorch HuberLoss).", "delta=1.0",
                p -> new HuberLoss(p.getDouble("delta", 1.0), p.reduction(Reduction.MEAN)));
        registry.add("smooth_l1_loss", "regression",
                "Huber divided by beta; beta=0 is L1 (PyTorch SmoothL1Loss).", "beta=1.0",
                p -> new SmoothL1Loss(p.getDouble("beta", 1.0), p.reduction(Reduction.MEAN)));
        registry.add("poisson_nll_loss", "regression",
                "Poisson negative log-likelihood of counts (PyTorch PoissonNLLLoss).",
                "log_input=true, full=false, eps=1e-8",
                p -> new PoissonNLLLoss(p.getBoolean("log_input", true), p.getBoolean("full", false),
                        p.getDouble("eps", 1e-8), p.reduction(Reduction.MEAN)));
        registry.add("gaussian_nll_loss", "regression",
                "Gaussian negative log-likelihood with predicted variance; inputs input, target, var "
                        + "(PyTorch GaussianNLLLoss).", "full=false, eps=1e-6",
                p -> new GaussianNLLLoss(p.getBoolean("full", false), p.getDouble("eps", 1e-6),
                        p.reduction(Reduction.MEAN)));
        registry.add("rmse", "regression",
                "Root mean squared error sqrt(mean((x - y)^2) + eps); zero gradient at 0.", "eps=0.0",
                p -> new RMSELoss(p.getDouble("eps", 0.0), p.reduction(Reduction.MEAN)));
        registry.add("nmae", "regression",
                "Mean absolute error divided by the target's range, mean |y| or mean y (constant normaliser).",
                "normalizer=range, eps=0.0",
                p -> new NMAELoss(NMAELoss.Normalizer.parse("nmae", p.getString("normalizer", "range")),
                        p.getDouble("eps", 0.0), p.reduction(Reduction.MEAN)));
        registry.add("asymmetric_huber", "regression",
                "Huber with under-estimation (x < y) weighted by alpha; continuous.", "delta=1.0, alpha=1.0",
                p -> new AsymmetricHuberLoss(p.getDouble("delta", 1.0), p.getDouble("alpha", 1.0),
                        p.reduction(Reduction.MEAN)));
        registry.add("pseudo_huber", "regression",
                "Smooth Huber: delta^2 (sqrt(1 + (d/delta)^2) - 1).", "delta=1.0",
                p -> new PseudoHuberLoss(p.getDouble("delta", 1.0), p.reduction(Reduction.MEAN)));
        registry.add("log_cosh", "regression",
                "log(cosh(x - y)), evaluated stably (Keras log_cosh).", "",
                p -> new LogCoshLoss(p.reduction(Reduction.MEAN)));
        registry.add("mape", "regression",
                "Mean absolute percentage error 100 |y - x| / max(|y|, eps) (Keras).", "eps=1e-7",
                p -> new MAPELoss(p.getDouble("eps", 1e-7), p.reduction(Reduction.MEAN)));
        registry.add("msle", "regression",
                "Mean squared logarithmic error of log(max(., eps) + 1) (Keras).", "eps=1e-7",
                p -> new MSLELoss(p.getDouble("eps", 1e-7), p.reduction(Reduction.MEAN)));
        registry.add("quantile_loss", "regression",
                "Pinball loss max(q e, (q - 1) e), e = y - x; q a number or a list of quantiles (TF-Addons).",
                "q=0.5, quantile_reduction=mean",
                p -> {
                    QuantileLoss.QuantileReduction qr = QuantileLoss.QuantileReduction.parse("quantile_loss",
                            p.getString("quantile_reduction", "mean"));
                    // A number is checked as given (and as the float32 it becomes); a list arrives as a tensor.
                    if (!p.has("q") || p.isNumber("q")) {
                        return new QuantileLoss(p.getDouble("q", 0.5), p.reduction(Reduction.MEAN));
                    }
                    return new QuantileLoss(p.getTensor("q", Tensor.scalar(0.5f)), qr, p.reduction(Reduction.MEAN));
                });
        registry.add("general_robust_loss", "regression",
                "Barron's general robust loss with shape alpha and scale (CVPR 2019).", "alpha=1.0, scale=1.0",
                p -> new GeneralRobustLoss(p.getDouble("alpha", 1.0), p.getDouble("scale", 1.0),
                        p.reduction(Reduction.MEAN)));
    }
}
