package org.losses4j.tribuo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.losses4j.loss.Check;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.SecondOrderLoss;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.regression.sgd.RegressionObjective;

/**
 * Any element-wise losses4j regression loss as a Tribuo {@link RegressionObjective}, for
 * {@code org.tribuo.regression.sgd.linear.LinearSGDTrainer} and {@code org.tribuo.regression.sgd.fm.FMRegressionTrainer}.
 *
 * <pre>{@code
 * RegressionObjective huber = new LossesRegressionObjective("huber_loss", Map.of("delta", 1.5));
 * LinearSGDTrainer trainer = new LinearSGDTrainer(huber, new AdaGrad(0.1), 20, 1L);
 * }</pre>
 *
 * <p>Configured by two Tribuo {@code @Config} fields, so that a model's provenance records the loss:
 * {@code loss}, the registry name ({@code huber_loss}), and {@code parameters}, the loss's parameters by PyTorch
 * name as text ({@code delta → 1.5}; numbers, {@code true}/{@code false}, {@code NaN}, {@code Infinity}, or text).
 * In an OLCUT configuration file:
 *
 * <pre>{@code
 * <component name="huber" type="org.losses4j.tribuo.LossesRegressionObjective">
 *     <property name="loss" value="huber_loss"/>
 *     <propertymap name="parameters"><entry key="delta" value="1.5"/></propertymap>
 * </component>
 * }</pre>
 *
 * <p><b>Tribuo's conventions.</b> An objective returns the loss of one example, summed over its outputs, and the
 * <em>negative</em> gradient with respect to the prediction (Tribuo's optimisers add it); this objective returns
 * the loss at reduction {@code sum} and −∂ℓ/∂ŷ. Tribuo's losses carry a ½ where PyTorch's do not:
 * {@code SquaredLoss} is ½(y − ŷ)², half of {@code mse_loss}, so {@code mse_loss} trains the model of
 * {@code SquaredLoss} at half the learning rate under plain SGD; {@code Huber(cost = c)} is ½a² for |a| ≤ c and
 * c|a| − ½c² beyond, which is {@code huber_loss} with δ = c exactly. Values and gradients are computed in float32,
 * as everywhere in losses4j, from Tribuo's double-precision predictions and targets.
 *
 * <p>An unknown name or parameter, a value out of range, a loss that is not element-wise or not a regression loss
 * is refused when the objective is built (or configured), with the registry's one-line message.
 */
public final class LossesRegressionObjective implements RegressionObjective {

    @Config(mandatory = true, description = "The losses4j name of the loss (huber_loss, log_cosh, quantile_loss, ...).")
    private String loss;

    @Config(description = "The loss's parameters by PyTorch name (delta=1.5): numbers, true/false, NaN, Infinity,"
            + " or text.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    private SecondOrderLoss fn;

    /** For OLCUT's configuration system. */
    private LossesRegressionObjective() {
    }

    /**
     * The loss {@code loss} with its default parameters.
     *
     * @throws IllegalArgumentException for an unknown name, or a loss that is not an element-wise regression loss
     */
    public LossesRegressionObjective(String loss) {
        this(loss, Map.of());
    }

    /**
     * The loss {@code loss} with {@code parameters} (PyTorch's names; numbers, booleans or strings).
     *
     * @throws IllegalArgumentException for an unknown name or parameter, a value out of range, or a loss that is
     *                                  not an element-wise regression loss
     */
    public LossesRegressionObjective(String loss, Map<String, ?> parameters) {
        this.loss = Objects.requireNonNull(loss, "loss");
        for (Map.Entry<String, ?> e : parameters.entrySet()) {
            this.parameters.put(e.getKey(), String.valueOf(e.getValue()));
        }
        postConfig();
    }

    /** Builds the loss from the configured fields; called by OLCUT after configuration. */
    @Override
    public void postConfig() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            p.put(e.getKey(), value(e.getValue()));
        }
        Loss l = LossRegistry.standard().create(loss, p, "sum");
        LossInfo info = LossRegistry.standard().info(loss);
        String why = !(l instanceof SecondOrderLoss) ? "not element-wise in a prediction and a target"
                : !info.family().equals("regression") ? "a " + info.family() + " loss, not a regression loss" : null;
        if (why != null) {
            throw Check.error(loss, why + "; Tribuo regression objectives take " + String.join(", ", names()));
        }
        fn = (SecondOrderLoss) l;
    }

    /** A parameter as the registry reads it: a number, a boolean, or the text itself. */
    private static Object value(String s) {
        String t = s.trim();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        try {
            return Double.valueOf(t);
        } catch (NumberFormatException e) {
            // text (the registry refuses it where a number is wanted, naming the parameter)
        }
        return s;
    }

    private static List<String> names() {
        List<String> ok = new ArrayList<>();
        for (LossInfo info : LossRegistry.standard().list()) {
            try {
                if (info.family().equals("regression")
                        && LossRegistry.standard().create(info.name(), Map.of(), "sum") instanceof SecondOrderLoss) {
                    ok.add(info.name());
                }
            } catch (IllegalArgumentException e) {
                // no defaults for every parameter: not listed
            }
        }
        return ok;
    }

    /** The loss at reduction {@code sum}. */
    public SecondOrderLoss loss() {
        return fn;
    }

    /**
     * The loss of one example summed over its outputs, and −∂ℓ/∂ŷ.
     *
     * @throws IllegalArgumentException when the truth and the prediction differ in size, naming both
     */
    @Override
    public Pair<Double, SGDVector> lossAndGradient(DenseVector truth, SGDVector prediction) {
        int k = truth.size();
        if (prediction.size() != k) {
            throw new IllegalArgumentException(this + ": " + k + " targets for " + prediction.size()
                    + " predictions; give one target per prediction");
        }
        float[] x = new float[k];
        float[] y = new float[k];
        for (int i = 0; i < k; i++) {
            x[i] = (float) prediction.get(i);
            y[i] = (float) truth.get(i);
        }
        float[] g = new float[k];
        double value = fn.valueGradHess(x, y, g, new float[k], k);
        double[] negative = new double[k];
        for (int i = 0; i < k; i++) {
            negative[i] = -g[i];
        }
        return new Pair<>(value, DenseVector.createDenseVector(negative));
    }

    /** The same as {@link #lossAndGradient}. */
    @Deprecated
    @Override
    public Pair<Double, SGDVector> loss(DenseVector truth, SGDVector prediction) {
        return lossAndGradient(truth, prediction);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "RegressionObjective");
    }

    /** {@code LossesRegressionObjective(huber_loss, {delta=1.5})}. */
    @Override
    public String toString() {
        return "LossesRegressionObjective(" + loss + ", " + parameters + ")";
    }
}
