package org.losses4j.spark.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.regression.HuberConcomitantLoss;
import org.losses4j.spark.LossSpec;
import org.losses4j.tensor.Tensor;

/**
 * The loss {@link LossRegression} trains with: a {@link LossSpec} (validated on the driver, rebuilt from the registry
 * on the executors, since losses are not serializable) of an element-wise regression loss or of
 * {@code huber_concomitant_loss}.
 */
final class TrainingLoss implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String HUBER_CONCOMITANT = "huber_concomitant_loss";

    /** The losses a linear model can be trained with: the element-wise regression losses, and the concomitant one. */
    static final List<String> SUPPORTED = supported();

    private static List<String> supported() {
        List<String> names = new ArrayList<>();
        for (String name : LossSpec.elementwiseNames()) {
            if (LossRegistry.standard().info(name).family().equals("regression")) {
                names.add(name);
            }
        }
        names.add(HUBER_CONCOMITANT);
        return List.copyOf(names);
    }

    final LossSpec spec;

    private TrainingLoss(LossSpec spec) {
        this.spec = spec;
    }

    /** The losses that are functions of the residual x − y alone. */
    private static final Set<String> OF_RESIDUAL = Set.of("l1_loss", "mse_loss", "huber_loss", "smooth_l1_loss",
            "asymmetric_huber", "pseudo_huber", "log_cosh", "quantile_loss", "general_robust_loss", HUBER_CONCOMITANT);

    /**
     * Whether ℓ(x, y) depends on x − y alone, so that it can be evaluated at (x − y, 0) with the residual formed in
     * double and rounded to float32 once (rather than x and y rounded each, whose errors are the size of the
     * larger of them, not of the residual).
     */
    boolean ofResidual() {
        return OF_RESIDUAL.contains(spec.name());
    }

    /** Whether the prediction is a log rate: {@code poisson_nll_loss} with {@code log_input} (its default). */
    boolean logLink() {
        return spec.name().equals("poisson_nll_loss") && !Boolean.FALSE.equals(spec.params().get("log_input"));
    }

    /** Whether the loss learns a scale σ (the concomitant Huber loss). */
    boolean learnsScale() {
        return spec.name().equals(HUBER_CONCOMITANT);
    }

    /**
     * The loss and its parameters in the CLI's syntax ({@code delta=1.5}), validated by building it once.
     *
     * @throws IllegalArgumentException with core's message for an unknown loss or a bad parameter; naming the rule
     *                                  for a loss that is not element-wise, one quantile_loss with several quantiles,
     *                                  or a reduction
     */
    static TrainingLoss of(String name, String params) {
        checkName(name);
        LossSpec spec = LossSpec.parse(name, params);
        if (spec.reduction() != null) {
            throw new IllegalArgumentException("LossRegression: lossParams cannot set reduction, got reduction="
                    + spec.reduction() + " (the objective is the weighted mean of the loss)");
        }
        if (!spec.name().equals(HUBER_CONCOMITANT)) {
            spec.requireElementwise("LossRegression");
        }
        return new TrainingLoss(spec);
    }

    /** Checks that {@code name} is a loss of the registry that a linear model can be trained with. */
    static void checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("LossRegression: loss must be a registry name, got null");
        }
        LossRegistry.standard().info(name); // core's "unknown loss 'x'; did you mean ...?"
        if (!SUPPORTED.contains(name)) {
            throw new IllegalArgumentException("LossRegression: loss '" + name + "' is not an element-wise "
                    + "regression loss; it fits one of " + String.join(", ", SUPPORTED));
        }
    }

    private Loss create(String reduction) {
        return spec.withReduction(reduction).loss();
    }

    /** The per-block evaluation, built on an executor. */
    BlockLoss evaluator() {
        return learnsScale() ? new Concomitant((HuberConcomitantLoss) create("sum"),
                (HuberConcomitantLoss) create("none"))
                : new Elementwise((InputTargetLoss) create("sum"), (InputTargetLoss) create("none"));
    }

    /** The loss of one block: Σ w<sub>i</sub>·ℓ<sub>i</sub>, its gradient in the predictions, and in σ. */
    abstract static class BlockLoss {
        /**
         * @param pred   predictions, {@code n} used
         * @param y      labels
         * @param w      weights, or null for unit weights
         * @param g      receives ∂(Σ w·ℓ)/∂pred<sub>i</sub>
         * @param sigma  the scale (the concomitant loss only)
         * @param dSigma receives ∂(Σ w·ℓ)/∂σ in element 0 (the concomitant loss only)
         * @return Σ w<sub>i</sub>·ℓ<sub>i</sub>
         */
        abstract double eval(float[] pred, float[] y, float[] w, int n, float[] g, double sigma, double[] dSigma);
    }

    /** An element-wise loss: the allocation-free fast path without weights, the per-element values with. */
    private static final class Elementwise extends BlockLoss {
        private final InputTargetLoss sum;
        private final InputTargetLoss none;

        Elementwise(InputTargetLoss sum, InputTargetLoss none) {
            this.sum = sum;
            this.none = none;
        }

        @Override
        double eval(float[] pred, float[] y, float[] w, int n, float[] g, double sigma, double[] dSigma) {
            if (w == null) {
                return sum.valueAndGradInput(pred, y, g, n);
            }
            LossResult r = none.valueAndGradInput(Tensor.wrap(pred, n), Tensor.wrap(y, n));
            float[] l = r.value().data();
            float[] gi = r.gradInput().data();
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (double) w[i] * l[i];
                g[i] = w[i] * gi[i];
            }
            return s;
        }
    }

    /** The concomitant Huber loss: core's value and gradients in the input and in σ. */
    private static final class Concomitant extends BlockLoss {
        private static final Set<String> WRT = Set.of("input", "sigma");
        private final HuberConcomitantLoss sum;
        private final HuberConcomitantLoss none;

        Concomitant(HuberConcomitantLoss sum, HuberConcomitantLoss none) {
            this.sum = sum;
            this.none = none;
        }

        @Override
        double eval(float[] pred, float[] y, float[] w, int n, float[] g, double sigma, double[] dSigma) {
            Tensor in = Tensor.wrap(pred, n);
            Tensor tg = Tensor.wrap(y, n);
            if (w == null) {
                LossResult r = sum.compute(Map.of("input", in, "target", tg, "sigma", Tensor.scalar((float) sigma)),
                        WRT);
                System.arraycopy(r.gradInput().data(), 0, g, 0, n);
                dSigma[0] = r.grad("sigma").item();
                return r.item();
            }
            // A scale per element, so that its gradient comes per element and can be weighted.
            LossResult r = none.compute(Map.of("input", in, "target", tg, "sigma", Tensor.full((float) sigma, n)),
                    WRT);
            float[] l = r.value().data();
            float[] gi = r.gradInput().data();
            float[] gs = r.grad("sigma").data();
            double s = 0;
            double ds = 0;
            for (int i = 0; i < n; i++) {
                s += (double) w[i] * l[i];
                g[i] = w[i] * gi[i];
                ds += (double) w[i] * gs[i];
            }
            dSigma[0] = ds;
            return s;
        }
    }
}
