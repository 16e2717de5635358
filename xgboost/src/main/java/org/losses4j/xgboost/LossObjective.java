package org.losses4j.xgboost;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IObjective;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.losses4j.loss.SecondOrderLoss;

/**
 * Any element-wise losses4j loss as an XGBoost4J custom objective: the per-row gradient and second derivative of
 * ℓ(margin, label) with respect to the margin, by registry name and parameters.
 *
 * <pre>{@code
 * IObjective huber = new LossObjective("huber_loss", Map.of("delta", 2.0), HessianPolicy.constant());
 * Booster booster = XGBoost.train(dtrain, params, 200, Map.of("valid", dvalid), huber,
 *         new LossMetric("huber_loss", Map.of("delta", 2.0)));
 * }</pre>
 *
 * <p><b>What XGBoost hands an objective.</b> Every round, {@code Booster.update} calls
 * {@link #getGradient(float[][], DMatrix)} with the current <em>margins</em> (raw scores before any transformation,
 * {@code float[rows][outputs]}, base score included) and the training matrix, whose labels and optional row weights
 * are read from it. The gradient and second derivative are those of the loss at reduction {@code sum}, per element,
 * unscaled: g<sub>i</sub> = ∂ℓ/∂x<sub>i</sub>, h<sub>i</sub> = ∂²ℓ/∂x<sub>i</sub>², then the {@link HessianPolicy},
 * then times the row's weight when the matrix has weights (as XGBoost's built-in objectives). With several outputs
 * per row ({@code num_target}), margins are read row by row and there must be one label per margin.
 *
 * <p><b>Which losses.</b> Those element-wise in a prediction and a target ({@link SecondOrderLoss}): the regression
 * losses such as {@code mse_loss}, {@code huber_loss}, {@code pseudo_huber}, {@code log_cosh},
 * {@code quantile_loss}, {@code l1_loss}, {@code poisson_nll_loss} (margin = log rate), and, for classification,
 * {@code binary_cross_entropy_with_logits} (margin = logit, labels in [0, 1]). Anything else, an unknown name, an
 * unknown parameter or a value out of range is refused here, with the registry's one-line message.
 *
 * <p><b>Settings that go with it.</b> Leave XGBoost's {@code objective} unset (or {@code reg:squarederror}): with a
 * custom objective the booster's own objective only maps margins to predictions, the identity for squared error,
 * so that {@code Booster.predict} returns margins (logits for binary cross-entropy: apply the sigmoid yourself).
 * Set {@code base_score} yourself (the label median is a good start for robust losses, 0 for logits): XGBoost
 * estimates it from the labels only for its built-in objectives; with a custom one it stays at 0.5 (XGBoost4J
 * 3.4.0, measured), and the first rounds are spent moving the margins from there.
 *
 * <p>Each call reuses two arrays of the objective for the gradient and second derivative (XGBoost copies them into
 * the native library before the next call): one objective trains one booster at a time. The loss is rebuilt from
 * its name and parameters when the objective is deserialised.
 */
public final class LossObjective implements IObjective {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final LinkedHashMap<String, Object> params;
    private final HessianPolicy policy;

    private transient SecondOrderLoss loss;
    private transient float[] margins;
    private transient float[] grad;
    private transient float[] hess;

    /**
     * The loss {@code name} with its default parameters and the {@link HessianPolicy#exact() exact} policy.
     *
     * @throws IllegalArgumentException for an unknown name or a loss that is not element-wise
     */
    public LossObjective(String name) {
        this(name, Map.of(), HessianPolicy.exact());
    }

    /**
     * The loss {@code name} with parameters {@code params} (PyTorch's names: {@code delta}, {@code q}, ...) and the
     * {@link HessianPolicy#exact() exact} policy.
     *
     * @throws IllegalArgumentException for an unknown name or parameter, a value out of range, or a loss that is
     *                                  not element-wise
     */
    public LossObjective(String name, Map<String, ?> params) {
        this(name, params, HessianPolicy.exact());
    }

    /**
     * The loss {@code name} with parameters {@code params} and Hessian policy {@code policy}.
     *
     * @throws IllegalArgumentException for an unknown name or parameter, a value out of range, or a loss that is
     *                                  not element-wise
     */
    public LossObjective(String name, Map<String, ?> params, HessianPolicy policy) {
        this.name = Objects.requireNonNull(name, "loss name");
        this.params = new LinkedHashMap<>(params == null ? Map.of() : params);
        this.policy = Objects.requireNonNull(policy, "hessian policy");
        this.loss = ElementwiseLosses.create(name, this.params, "sum", "XGBoost objectives");
    }

    /** The loss at reduction {@code sum}. */
    public SecondOrderLoss loss() {
        return loss;
    }

    /** The Hessian policy. */
    public HessianPolicy policy() {
        return policy;
    }

    /** The parameters as given. */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /**
     * The gradient and second derivative of the loss at every margin, weighted by the row weights if any.
     *
     * @return {@code [grad, hess]}, one value per margin (rows × outputs, row by row); the arrays are reused by the
     *         next call
     * @throws IllegalArgumentException when the matrix does not hold one label per margin or one weight per row
     * @throws IllegalStateException    when XGBoost cannot return the labels or weights
     */
    @Override
    public List<float[]> getGradient(float[][] predicts, DMatrix dtrain) {
        float[] labels;
        float[] weights;
        try {
            labels = dtrain.getLabel();
            weights = dtrain.getWeight();
        } catch (XGBoostError e) {
            throw new IllegalStateException(this + ": cannot read the training labels: " + e.getMessage(), e);
        }
        int n = flatten(predicts);
        checkCounts(toString(), n, predicts, labels, weights);
        if (grad == null || grad.length != n) {
            grad = new float[n];
            hess = new float[n];
        }
        loss.valueGradHess(margins, labels, grad, hess, n);
        policy.apply(hess, n);
        if (weights != null && weights.length > 0) {
            applyWeights(weights, n / weights.length);
        }
        return List.of(grad, hess);
    }

    /** Copies the margins row by row into {@link #margins}; returns their count. */
    private int flatten(float[][] predicts) {
        int rows = predicts.length;
        int k = rows == 0 ? 1 : predicts[0].length;
        int n = rows * k;
        if (margins == null || margins.length != n) {
            margins = new float[n];
        }
        if (k == 1) {
            for (int r = 0; r < rows; r++) {
                margins[r] = predicts[r][0];
            }
        } else {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(predicts[r], 0, margins, r * k, k);
            }
        }
        return n;
    }

    private void applyWeights(float[] w, int k) {
        if (k == 1) {
            for (int i = 0; i < w.length; i++) {
                grad[i] *= w[i];
                hess[i] *= w[i];
            }
        } else {
            for (int r = 0, i = 0; r < w.length; r++) {
                for (int j = 0; j < k; j++, i++) {
                    grad[i] *= w[r];
                    hess[i] *= w[r];
                }
            }
        }
    }

    /**
     * Refuses a matrix whose labels or weights do not match the predictions.
     *
     * @param who the objective or metric, for the message
     */
    static void checkCounts(String who, int n, float[][] predicts, float[] labels, float[] weights) {
        int rows = predicts.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(who + ": " + labels.length + " labels for " + n + " predictions ("
                    + rows + " rows × " + (rows == 0 ? 1 : predicts[0].length) + " outputs); the matrix must hold"
                    + " one label per prediction");
        }
        if (weights != null && weights.length != 0 && weights.length != rows) {
            throw new IllegalArgumentException(who + ": " + weights.length + " weights for " + rows
                    + " rows; the matrix must hold one weight per row, or none");
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        loss = ElementwiseLosses.create(name, params, "sum", "XGBoost objectives");
    }

    /** {@code LossObjective(huber_loss, {delta=2.0}, constant)}. */
    @Override
    public String toString() {
        return "LossObjective(" + name + ", " + params + ", " + policy + ")";
    }
}
