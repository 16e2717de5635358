package org.losses4j.spark.ml;

import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.losses4j.spark.LossSpec;
import org.losses4j.spark.SparkLosses;

/**
 * A Spark ML {@link Evaluator} that scores predictions with any element-wise loss of losses4j, for model selection
 * in {@code CrossValidator} and {@code TrainValidationSplit}: the mean of the loss over the rows (the weighted mean
 * Σwℓ/Σw with a weight column, the sum with {@code reduction=sum}). Smaller is better.
 *
 * <pre>{@code
 * LossEvaluator huber = new LossEvaluator().setLoss("huber_loss").setLossParams("delta=1.5");
 * double score = huber.evaluate(model.transform(test));
 * }</pre>
 *
 * <p>The setters check what they are given on the driver: an unknown loss, a bad parameter (core's message) or a loss
 * that is not element-wise fails at once, with a one-line {@link IllegalArgumentException}. Parameters set through a
 * {@code ParamMap} (as a tuning grid sets them) are checked when {@link #evaluate} starts, before any job. Defaults:
 * {@code mse_loss}, no parameters, columns {@code prediction} and {@code label}, no weights.
 */
public final class LossEvaluator extends Evaluator implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> loss;
    private final Param<String> lossParams;
    private final Param<String> predictionCol;
    private final Param<String> labelCol;
    private final Param<String> weightCol;

    public LossEvaluator() {
        this(Identifiable$.MODULE$.randomUID("lossEval"));
    }

    /** With a given identifier (the constructor Spark's reader and {@code copy} use). */
    public LossEvaluator(String uid) {
        this.uid = uid;
        loss = new Param<>(this, "loss", "the loss, a registry name of an element-wise loss (see 'losses4j list')");
        lossParams = new Param<>(this, "lossParams",
                "the loss's parameters as NAME=VALUE pairs separated by commas, e.g. delta=1.5 or q=0.9,reduction=sum");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        labelCol = new Param<>(this, "labelCol", "label column name");
        weightCol = new Param<>(this, "weightCol", "weight column name; unset or empty for none");
        setDefault(loss, "mse_loss");
        setDefault(lossParams, "");
        setDefault(predictionCol, "prediction");
        setDefault(labelCol, "label");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The loss's registry name. */
    public Param<String> loss() {
        return loss;
    }

    /** The loss's parameters, in the CLI's syntax. */
    public Param<String> lossParams() {
        return lossParams;
    }

    /** The prediction column. */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** The label column. */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** The weight column (optional). */
    public Param<String> weightCol() {
        return weightCol;
    }

    /**
     * Sets the loss, checked on the spot (with the parameters, if they were set).
     *
     * @throws IllegalArgumentException for an unknown loss, one that is not element-wise, or one that refuses the
     *                                  parameters set
     */
    public LossEvaluator setLoss(String value) {
        spec(value, isSet(lossParams) ? $(lossParams) : "");
        set(loss, value);
        return this;
    }

    /**
     * Sets the loss's parameters in the CLI's syntax ({@code delta=1.5}, {@code q=0.9,reduction=sum}), checked on the
     * spot against the loss if it was set (else when the loss is set, or at {@link #evaluate}).
     *
     * @throws IllegalArgumentException for bad syntax or a parameter the loss refuses (core's message)
     */
    public LossEvaluator setLossParams(String value) {
        String v = value == null ? "" : value;
        if (isSet(loss)) {
            spec($(loss), v);
        } else {
            LossSpec.parseParams(v);
        }
        set(lossParams, v);
        return this;
    }

    public LossEvaluator setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public LossEvaluator setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    /** A weight column; null or empty for none. */
    public LossEvaluator setWeightCol(String value) {
        set(weightCol, value == null ? "" : value);
        return this;
    }

    public String getLoss() {
        return $(loss);
    }

    public String getLossParams() {
        return $(lossParams);
    }

    public String getPredictionCol() {
        return $(predictionCol);
    }

    public String getLabelCol() {
        return $(labelCol);
    }

    /** The weight column, or null for none. */
    public String getWeightCol() {
        return isDefined(weightCol) && !$(weightCol).isEmpty() ? $(weightCol) : null;
    }

    /** The validated spec of a loss and its parameters. */
    private static LossSpec spec(String name, String params) {
        LossSpec s = LossSpec.parse(name, params).requireElementwise("LossEvaluator");
        String r = s.reduction();
        if (r != null && !r.equals("mean") && !r.equals("sum")) {
            throw new IllegalArgumentException("LossEvaluator: reduction must be mean or sum, got '" + r + "'");
        }
        return s;
    }

    /** The spec this evaluator scores with (checked). */
    public LossSpec lossSpec() {
        return spec($(loss), $(lossParams));
    }

    /**
     * The mean (or, with {@code reduction=sum}, the sum) of the loss over the rows of {@code dataset}.
     *
     * @throws IllegalArgumentException see the class description, and {@link SparkLosses}
     */
    @Override
    public double evaluate(Dataset<?> dataset) {
        LossSpec s = lossSpec();
        Dataset<Row> df = dataset.toDF();
        boolean sum = "sum".equals(s.reduction());
        String w = getWeightCol();
        if (w == null) {
            return sum ? SparkLosses.sum(df, $(predictionCol), $(labelCol), s)
                    : SparkLosses.mean(df, $(predictionCol), $(labelCol), s);
        }
        return sum ? SparkLosses.weightedSum(df, $(predictionCol), $(labelCol), w, s)
                : SparkLosses.weightedMean(df, $(predictionCol), $(labelCol), w, s);
    }

    /** False: a loss is better smaller. */
    @Override
    public boolean isLargerBetter() {
        return false;
    }

    @Override
    public LossEvaluator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The reader of saved evaluators. */
    public static MLReader<LossEvaluator> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads an evaluator saved with {@code write().save(path)}. */
    public static LossEvaluator load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "LossEvaluator: uid=" + uid + ", loss=" + $(loss) + ", lossParams=" + $(lossParams);
    }
}
