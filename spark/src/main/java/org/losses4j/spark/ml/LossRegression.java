package org.losses4j.spark.ml;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.losses4j.spark.Columns;

/**
 * A linear model y ≈ x·w + b trained with any element-wise regression loss of the losses4j registry: robust
 * regression ({@code huber_loss}, {@code huber_concomitant_loss} with its learned scale σ, {@code pseudo_huber},
 * {@code log_cosh}, {@code general_robust_loss}), quantile regression ({@code quantile_loss}), Poisson regression
 * ({@code poisson_nll_loss}), and the rest.
 *
 * <pre>{@code
 * LossRegressionModel m = new LossRegression()
 *         .setLoss("huber_concomitant_loss").setLossParams("epsilon=1.35")
 *         .fit(train);                            // columns "features" (vector) and "label"
 * m.coefficients(); m.intercept(); m.scale();    // σ, for the concomitant loss
 * }</pre>
 *
 * <p>The objective is Spark's for its Huber regression, extended to every loss: half the weighted mean of the loss
 * plus ½·regParam·‖w‖², the penalty on the coefficients of the standardized features when {@code standardization}
 * is on (Spark's meaning); minimised by full-batch L-BFGS on the driver, the value and the gradient summed over
 * float blocks cached per partition and computed by the losses4j kernels. With {@code huber_concomitant_loss}
 * (scikit-learn's HuberRegressor objective, ℓ = σ + r²/σ inside ε·σ, σ + 2ε|r| − ε²σ outside) this is exactly
 * Spark's {@code LinearRegression.setLoss("huber")} with {@code epsilon} = ε: the same minimiser.
 *
 * <p>Params: {@code loss} (default {@code huber_concomitant_loss}), {@code lossParams} ({@code delta=1.5,...};
 * {@code reduction} is not one), {@code maxIter} (100), {@code tol} (10<sup>−6</sup>), {@code regParam} (0),
 * {@code fitIntercept} (true), {@code standardization} (true), {@code weightCol} (unset: weight 1), and Spark's
 * {@code featuresCol}, {@code labelCol}, {@code predictionCol}.
 *
 * <p>Bad input is an {@link IllegalArgumentException} with one line, raised on the driver: an unknown loss or a bad
 * parameter (core's message) at the setter and again at {@code fit}; a loss that is not element-wise; a missing or
 * non-numeric column (its name and type) before any job runs; null labels, features or weights (their count) and
 * negative weights after the first pass over the data, before the iterations.
 */
public final class LossRegression extends Regressor<Vector, LossRegression, LossRegressionModel>
        implements LossRegressionParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private String uid;
    private final Shared shared;

    /** A new estimator with a random uid. */
    public LossRegression() {
        this(Identifiable$.MODULE$.randomUID("lossReg"));
    }

    /** A new estimator with the given uid (as Spark's readers create them). */
    public LossRegression(String uid) {
        this(uid, PendingUid.hold(uid));
    }

    private LossRegression(String uid, boolean ignored) {
        super();
        PendingUid.clear();
        this.uid = uid;
        shared = new Shared(uid);
        setDefault(loss(), TrainingLoss.HUBER_CONCOMITANT);
        setDefault(lossParams(), "");
        setDefault(maxIter(), 100);
        setDefault(tol(), 1e-6);
        setDefault(regParam(), 0.0);
        setDefault(fitIntercept(), true);
        setDefault(standardization(), true);
    }

    @Override
    public String uid() {
        if (uid == null) { // called from the superclass constructors
            uid = PendingUid.get();
        }
        return uid;
    }

    // ---- params (LossRegressionParams declares them and their getters) -----------------------------------------

    @Override
    public Shared sharedParams() {
        return shared;
    }

    /**
     * Sets the loss.
     *
     * @throws IllegalArgumentException for an unknown loss (core's message) or one that is not an element-wise
     *                                  regression loss; with lossParams already set, for parameters it refuses
     */
    public LossRegression setLoss(String value) {
        set(loss(), value);
        if (isSet(lossParams())) {
            trainingLoss();
        }
        return this;
    }

    /**
     * Sets the loss's parameters, {@code delta=1.5,...}.
     *
     * @throws IllegalArgumentException for bad syntax, or a parameter the current loss refuses (core's message)
     */
    public LossRegression setLossParams(String value) {
        set(lossParams(), value);
        trainingLoss();
        return this;
    }

    public LossRegression setMaxIter(int value) {
        return (LossRegression) set(maxIter(), value);
    }

    public LossRegression setTol(double value) {
        return (LossRegression) set(tol(), value);
    }

    public LossRegression setRegParam(double value) {
        return (LossRegression) set(regParam(), value);
    }

    public LossRegression setFitIntercept(boolean value) {
        return (LossRegression) set(fitIntercept(), value);
    }

    public LossRegression setStandardization(boolean value) {
        return (LossRegression) set(standardization(), value);
    }

    public LossRegression setWeightCol(String value) {
        return (LossRegression) set(weightCol(), value);
    }

    /** The loss with its parameters, validated. */
    TrainingLoss trainingLoss() {
        return TrainingLoss.of($(loss()), $(lossParams()));
    }

    // ---- fitting ------------------------------------------------------------------------------------------------

    /**
     * Checks the loss and the columns on the driver, before any job: one-line errors naming the column and its
     * type.
     */
    @Override
    public LossRegressionModel fit(Dataset<?> dataset) {
        trainingLoss();
        Dataset<Row> df = dataset.toDF();
        requireVector(df.schema(), getFeaturesCol());
        Columns.requireNumeric(df, "LossRegression: label column", getLabelCol());
        if (isDefined(weightCol()) && !getWeightCol().isEmpty()) {
            Columns.requireNumeric(df, "LossRegression: weight column", getWeightCol());
        }
        return super.fit(dataset);
    }

    private static void requireVector(StructType schema, String column) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                if (!f.dataType().sameType(SQLDataTypes.VectorType())) {
                    throw new IllegalArgumentException("LossRegression: features column '" + column + "' must be a "
                            + "vector (org.apache.spark.ml.linalg.Vector), got type " + f.dataType().simpleString());
                }
                return;
            }
        }
        throw new IllegalArgumentException("LossRegression: features column '" + column + "' does not exist; "
                + "columns: " + String.join(", ", schema.fieldNames()));
    }

    @Override
    public LossRegressionModel train(Dataset<?> dataset) {
        TrainingLoss tl = trainingLoss();
        boolean weighted = isDefined(weightCol()) && !getWeightCol().isEmpty();
        Column label = col(getLabelCol()).cast(DataTypes.DoubleType);
        Column features = col(getFeaturesCol());
        Dataset<Row> rows = weighted
                ? dataset.select(label, col(getWeightCol()).cast(DataTypes.DoubleType), features)
                : dataset.select(label, features);
        LinearFit.Settings s = new LinearFit.Settings(tl, getMaxIter(), getTol(), getRegParam(), getFitIntercept(),
                getStandardization(), getLabelCol(), getFeaturesCol(), weighted ? getWeightCol() : null);
        LinearFit.Outcome o = LinearFit.fit(rows.javaRDD(), weighted, s);
        // Predictor.fit copies the params and sets the parent.
        return new LossRegressionModel(uid(), Vectors.dense(o.coefficients()), o.intercept(), o.scale(),
                o.iterations());
    }

    @Override
    public LossRegression copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The reader of a saved estimator. */
    public static MLReader<LossRegression> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a saved estimator. */
    public static LossRegression load(String path) {
        return read().load(path);
    }
}
