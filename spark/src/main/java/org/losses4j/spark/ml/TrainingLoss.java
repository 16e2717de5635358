package org.losses4j.spark.ml;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.regression.HuberConcomitantLoss;
import org.losses4j.tensor.Tensor;

/**
 * The loss {@link LossRegression} trains with: a registry name and its parameters, validated on the driver
 * ({@link #of}) and rebuilt from the registry on the executors ({@link #evaluator}), since losses are not
 * serializable.
 */
final class TrainingLoss implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The losses a linear model can be trained with: the element-wise regression losses of the registry. */
    static final List<String> SUPPORTED = List.of("l1_loss", "mse_loss", "huber_loss", "smooth_l1_loss",
            "poisson_nll_loss", "asymmetric_huber", "pseudo_huber", "log_cosh", "mape", "msle", "quantile_loss",
            "general_robust_loss", "huber_concomitant_loss");

    static final String HUBER_CONCOMITANT = "huber_concomitant_loss";

    final String name;
    final LinkedHashMap<String, Object> params;

    private TrainingLoss(String name, LinkedHashMap<String, Object> params) {
        this.name = name;
        this.params = params;
    }

    /** Whether the loss learns a scale σ (the concomitant Huber loss). */
    boolean learnsScale() {
        return name.equals(HUBER_CONCOMITANT);
    }

    /**
     * Validates the name and the parameters by building the loss once.
     *
     * @throws IllegalArgumentException with core's message for an unknown loss or a bad parameter, or naming the
     *                                  rule for a loss that is not element-wise
     */
    static TrainingLoss of(String name, Map<String, ?> params) {
        checkName(name);
        if (params.containsKey("reduction")) {
            throw new IllegalArgumentException("LossRegression: lossParams cannot set reduction, got reduction="
                    + params.get("reduction") + " (the objective is the weighted mean of the loss)");
        }
        Object q = params.get("q");
        if (q != null && !(q instanceof Number)) {
            throw new IllegalArgumentException("LossRegression: quantile_loss needs one quantile q, got q=" + q);
        }
        TrainingLoss t = new TrainingLoss(name, new LinkedHashMap<>(params));
        t.create("sum"); // core's checks, on the driver
        return t;
    }

    /** Checks that {@code name} is a loss of the registry that a linear model can be trained with. */
    static void checkName(String name) {
        LossRegistry.standard().info(name); // "unknown loss 'x'; did you mean ...?"
        if (!SUPPORTED.contains(name)) {
            throw new IllegalArgumentException("LossRegression: loss '" + name + "' is not an element-wise "
                    + "regression loss; it fits one of " + String.join(", ", SUPPORTED));
        }
    }

    private Loss create(String reduction) {
        return LossRegistry.standard().create(name, params, reduction);
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
