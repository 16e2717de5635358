package org.losses4j.xgboost;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.IEvaluation;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.losses4j.loss.Loss;
import org.losses4j.loss.SecondOrderLoss;
import org.losses4j.tensor.Tensor;

/**
 * Any element-wise losses4j loss as an XGBoost4J evaluation metric: the mean loss over the matrix's predictions
 * (weighted by the row weights when the matrix has them: Σ w<sub>r</sub>ℓ<sub>i</sub> / Σ w<sub>r</sub> over the
 * predictions), so that early stopping watches the loss being minimised.
 *
 * <pre>{@code
 * Map<String, Object> params = Map.of("eta", 0.1, "max_depth", 4, "base_score", 21.2);
 * Booster b = XGBoost.train(dtrain, params, 1000, Map.of("train", dtrain, "valid", dvalid),
 *         null, new LossObjective("log_cosh"), new LossMetric("log_cosh"), 20);  // stops 20 rounds after the best
 * }</pre>
 *
 * <p>XGBoost calls {@link #eval(float[][], DMatrix)} with {@code Booster.predict}'s output: margins when the
 * booster's own {@code objective} is left unset, as {@link LossObjective} asks. The metric is named after the loss
 * ({@code huber_loss}); early stopping minimises it (XGBoost4J maximises only metrics named {@code auc}, {@code map},
 * {@code ndcg} and the like, or all when {@code maximize_evaluation_metrics} is true).
 */
public final class LossMetric implements IEvaluation {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final LinkedHashMap<String, Object> params;
    private transient SecondOrderLoss loss;
    private transient Loss perElement;

    /**
     * The loss {@code name} with its default parameters.
     *
     * @throws IllegalArgumentException for an unknown name or a loss that is not element-wise
     */
    public LossMetric(String name) {
        this(name, Map.of());
    }

    /**
     * The loss {@code name} with parameters {@code params}.
     *
     * @throws IllegalArgumentException for an unknown name or parameter, a value out of range, or a loss that is
     *                                  not element-wise
     */
    public LossMetric(String name, Map<String, ?> params) {
        this.name = Objects.requireNonNull(name, "loss name");
        this.params = new LinkedHashMap<>(params == null ? Map.of() : params);
        this.loss = ElementwiseLosses.create(name, this.params, "sum", "XGBoost metrics");
        this.perElement = ElementwiseLosses.create(name, this.params, "none", "XGBoost metrics");
    }

    /** The metric's name as XGBoost logs it: the loss's name. */
    @Override
    public String getMetric() {
        return name;
    }

    /**
     * The mean (or row-weighted mean) loss of {@code predicts} against the matrix's labels.
     *
     * @throws IllegalArgumentException when the matrix does not hold one label per prediction or one weight per row
     * @throws IllegalStateException    when XGBoost cannot return the labels or weights
     */
    @Override
    public float eval(float[][] predicts, DMatrix dmat) {
        float[] labels;
        float[] weights;
        try {
            labels = dmat.getLabel();
            weights = dmat.getWeight();
        } catch (XGBoostError e) {
            throw new IllegalStateException(this + ": cannot read the labels: " + e.getMessage(), e);
        }
        int rows = predicts.length;
        int k = rows == 0 ? 1 : predicts[0].length;
        int n = rows * k;
        LossObjective.checkCounts(toString(), n, predicts, labels, weights);
        if (n == 0) {
            return Float.NaN;
        }
        float[] x = new float[n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(predicts[r], 0, x, r * k, k);
        }
        boolean weighted = weights != null && weights.length > 0;
        if (!weighted) {
            return (float) (loss.valueGradHess(x, labels, new float[n], new float[n], n) / n);
        }
        // Per-prediction values, from the same loss at reduction none.
        float[] values = perElement.forward(Map.of("input", Tensor.wrap(x, n), "target", Tensor.wrap(labels, n)))
                .data();
        double num = 0;
        double den = 0;
        for (int r = 0, i = 0; r < rows; r++) {
            for (int j = 0; j < k; j++, i++) {
                num += (double) weights[r] * values[i];
                den += weights[r];
            }
        }
        return (float) (num / den);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        loss = ElementwiseLosses.create(name, params, "sum", "XGBoost metrics");
        perElement = ElementwiseLosses.create(name, params, "none", "XGBoost metrics");
    }

    /** {@code LossMetric(huber_loss, {delta=2.0})}. */
    @Override
    public String toString() {
        return "LossMetric(" + name + ", " + params + ")";
    }
}
