package org.losses4j.spark.ml;

import java.util.List;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import scala.Option;

/**
 * A linear model fitted by {@link LossRegression}: prediction = features·{@link #coefficients()} +
 * {@link #intercept()}. {@link #scale()} is the learned σ of {@code huber_concomitant_loss} (NaN for the other
 * losses). Saved and loaded with {@link #write()} / {@link #load(String)}: the params as Spark's metadata, the
 * numbers as one Parquet row.
 */
public final class LossRegressionModel extends RegressionModel<Vector, LossRegressionModel>
        implements LossRegressionParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private String uid;
    private final Vector coefficients;
    private final double intercept;
    private final double scale;
    private final int iterations;
    private final Shared shared;

    LossRegressionModel(String uid, Vector coefficients, double intercept, double scale, int iterations) {
        this(uid, coefficients, intercept, scale, iterations, PendingUid.hold(uid));
    }

    private LossRegressionModel(String uid, Vector coefficients, double intercept, double scale, int iterations,
            boolean ignored) {
        super();
        PendingUid.clear();
        this.uid = uid;
        this.coefficients = coefficients;
        this.intercept = intercept;
        this.scale = scale;
        this.iterations = iterations;
        shared = new Shared(uid);
    }

    @Override
    public String uid() {
        if (uid == null) { // called from the superclass constructors
            uid = PendingUid.get();
        }
        return uid;
    }

    /** The coefficients, in the original feature space. */
    public Vector coefficients() {
        return coefficients;
    }

    /** The intercept (0 without {@code fitIntercept}). */
    public double intercept() {
        return intercept;
    }

    /** The learned scale σ of {@code huber_concomitant_loss}; NaN for a loss without one. */
    public double scale() {
        return scale;
    }

    /** The L-BFGS iterations the fit took. */
    public int iterations() {
        return iterations;
    }

    @Override
    public int numFeatures() {
        return coefficients.size();
    }

    @Override
    public double predict(Vector features) {
        return features.dot(coefficients) + intercept;
    }

    @Override
    public Shared sharedParams() {
        return shared;
    }

    @Override
    public LossRegressionModel copy(ParamMap extra) {
        LossRegressionModel m = new LossRegressionModel(uid(), coefficients, intercept, scale, iterations);
        return copyValues(m, extra).setParent(parent());
    }

    @Override
    public String toString() {
        return "LossRegressionModel: uid=" + uid() + ", numFeatures=" + numFeatures() + ", loss="
                + (isDefined(loss()) ? getLoss() : "?");
    }

    // ---- persistence --------------------------------------------------------------------------------------------

    private static final StructType DATA = new StructType(new StructField[] {
        DataTypes.createStructField("intercept", DataTypes.DoubleType, false),
        DataTypes.createStructField("coefficients", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("scale", DataTypes.DoubleType, false),
        DataTypes.createStructField("iterations", DataTypes.IntegerType, false)});

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** The reader of a saved model. */
    public static MLReader<LossRegressionModel> read() {
        return new Reader();
    }

    /** Loads a saved model. */
    public static LossRegressionModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final LossRegressionModel model;

        Writer(LossRegressionModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            SparkSession spark = sparkSession();
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, spark);
            Row row = RowFactory.create(model.intercept, model.coefficients, model.scale, model.iterations);
            spark.createDataFrame(List.of(row), DATA).repartition(1).write().parquet(path + "/data");
        }
    }

    private static final class Reader extends MLReader<LossRegressionModel> {
        @Override
        public LossRegressionModel load(String path) {
            SparkSession spark = sparkSession();
            DefaultParamsReader.Metadata meta = DefaultParamsReader$.MODULE$.loadMetadata(path, spark,
                    LossRegressionModel.class.getName());
            Row r = spark.read().parquet(path + "/data").select("intercept", "coefficients", "scale", "iterations")
                    .head();
            LossRegressionModel m = new LossRegressionModel(meta.uid(), (Vector) r.get(1), r.getDouble(0),
                    r.getDouble(2), r.getInt(3));
            meta.getAndSetParams(m, Option.empty());
            return m;
        }
    }
}
