package org.losses4j.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.losses4j.stats.DeltaRules;
import org.losses4j.stats.DeltaRules.Rule;

/**
 * The δ rules of {@link DeltaRules} (and of {@code losses4j delta suggest}) on a column of a DataFrame too large to
 * collect, by Spark's {@code approxQuantile}: MAD, δ = 1.345 · 1.4826 · median(|r − median(r)|); IQR,
 * δ = 1.345 · (Q<sub>3</sub> − Q<sub>1</sub>) / 1.349; quantile, δ = the α-quantile of |r|.
 *
 * <pre>{@code
 * List<DeltaSuggest.Result> all = DeltaSuggest.onResiduals(predictions, "prediction", "label", 0.9, 1e-4);
 * DeltaSuggest.Result mad = DeltaSuggest.on(df, "y", Rule.MAD, 0.9, 1e-4);
 * }</pre>
 *
 * <p>Each quantile is Spark's approximate one: a value of the column whose rank is within
 * {@code relativeError · n} of the exact rank (Greenwald–Khanna); 0 asks for the exact quantile, at the cost of a
 * full sort's memory. Exact quantiles are numpy's linear interpolation between neighbours; the two agree to the gap
 * between neighbouring values when {@code relativeError} is 0. The relative error is reported with each result.
 *
 * <p>Like core, the rules refuse an empty column, nulls and non-finite values (one-line
 * {@link IllegalArgumentException} naming the column and the count), checked in one job before the quantiles.
 */
public final class DeltaSuggest {
    private DeltaSuggest() {
    }

    /**
     * A suggested δ.
     *
     * @param rule          {@code mad}, {@code iqr} or {@code quantile}
     * @param delta         the suggestion (≥ 0; 0 when more than half the values are equal, say)
     * @param sigma         the scale estimate σ̂ of the MAD and IQR rules (NaN for the quantile rule)
     * @param alpha         the quantile rule's α (NaN for the other rules)
     * @param relativeError the rank error allowed to each approximate quantile
     * @param column        what the rule ran on: a column name, or {@code label - prediction}
     * @param rows          the number of values
     */
    public record Result(String rule, double delta, double sigma, double alpha, double relativeError, String column,
            long rows) {
        @Override
        public String toString() {
            return rule + (rule.equals("quantile") ? " a=" + alpha : "") + ": delta " + delta + " on " + column + " ("
                    + rows + " rows, relative error " + relativeError + ")";
        }
    }

    /**
     * Every rule on a numeric column (targets, or residuals computed beforehand).
     *
     * @param alpha         the quantile rule's α in (0, 1) ({@link DeltaRules#DEFAULT_ALPHA} is the usual one)
     * @param relativeError the rank error of each approximate quantile, in [0, 1]
     * @throws IllegalArgumentException see the class description; also for α or the relative error out of range
     */
    public static List<Result> on(Dataset<Row> df, String column, double alpha, double relativeError) {
        Columns.requireNumeric(df, "column", column);
        return suggest(df.select(df.col(Columns.quote(column)).cast("double").as("r")), "column '" + column + "'",
                alpha, relativeError);
    }

    /** One rule on a numeric column (see {@link #on(Dataset, String, double, double)}). */
    public static Result on(Dataset<Row> df, String column, Rule rule, double alpha, double relativeError) {
        return pick(on(df, column, alpha, relativeError), rule);
    }

    /** Every rule on the residuals label − prediction (the sign does not change any rule). */
    public static List<Result> onResiduals(Dataset<Row> df, String predictionCol, String labelCol, double alpha,
            double relativeError) {
        Columns.requireNumeric(df, "prediction column", predictionCol);
        Columns.requireNumeric(df, "label column", labelCol);
        Column r = df.col(Columns.quote(labelCol)).cast("double")
                .minus(df.col(Columns.quote(predictionCol)).cast("double"));
        return suggest(df.select(r.as("r")), "residuals " + labelCol + " - " + predictionCol, alpha, relativeError);
    }

    /** One rule on the residuals label − prediction. */
    public static Result onResiduals(Dataset<Row> df, String predictionCol, String labelCol, Rule rule, double alpha,
            double relativeError) {
        return pick(onResiduals(df, predictionCol, labelCol, alpha, relativeError), rule);
    }

    private static Result pick(List<Result> all, Rule rule) {
        for (Result r : all) {
            if (r.rule().equals(rule.label())) {
                return r;
            }
        }
        throw new IllegalStateException("no result for rule " + rule.label());
    }

    /** Three jobs: the counts, the quartiles of r, then the median of |r − median| with the α-quantile of |r|. */
    private static List<Result> suggest(Dataset<Row> r, String what, double alpha, double relativeError) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("delta rule quantile: alpha must be in (0, 1), got " + alpha);
        }
        if (!(relativeError >= 0 && relativeError <= 1)) {
            throw new IllegalArgumentException("delta suggest: relativeError must be in [0, 1], got "
                    + relativeError);
        }
        Column v = col("r");
        Row c = r.agg(count(lit(1)), count(when(v.isNull(), 1)),
                count(when(isnan(v).or(v.equalTo(Double.POSITIVE_INFINITY)).or(v.equalTo(Double.NEGATIVE_INFINITY)),
                        1))).head();
        long rows = c.getLong(0);
        if (rows == 0) {
            throw new IllegalArgumentException("delta suggest: " + what + " has no rows");
        }
        if (c.getLong(1) > 0) {
            throw new IllegalArgumentException("delta suggest: " + what + " has " + c.getLong(1) + " null value"
                    + (c.getLong(1) == 1 ? "" : "s") + "; drop or fill them first");
        }
        if (c.getLong(2) > 0) {
            throw new IllegalArgumentException("delta suggest: " + what + " has " + c.getLong(2)
                    + " non-finite value" + (c.getLong(2) == 1 ? "" : "s") + " (NaN or infinite); the rules need "
                    + "finite values");
        }
        double[] q = r.stat().approxQuantile("r", new double[] {0.25, 0.5, 0.75}, relativeError);
        double median = q[1];
        Dataset<Row> dev = r.select(abs(v.minus(lit(median))).as("dev"), abs(v).as("abs"));
        double[][] q2 = dev.stat().approxQuantile(new String[] {"dev", "abs"}, new double[] {0.5, alpha},
                relativeError);
        double madSigma = DeltaRules.MAD_TO_SIGMA * q2[0][0];
        double iqrSigma = (q[2] - q[0]) / DeltaRules.IQR_OF_NORMAL;
        List<Result> out = new ArrayList<>(3);
        out.add(new Result(Rule.MAD.label(), DeltaRules.HUBER_95 * madSigma, madSigma, Double.NaN, relativeError,
                what, rows));
        out.add(new Result(Rule.IQR.label(), DeltaRules.HUBER_95 * iqrSigma, iqrSigma, Double.NaN, relativeError,
                what, rows));
        out.add(new Result(Rule.QUANTILE.label(), q2[1][1], Double.NaN, alpha, relativeError, what, rows));
        return out;
    }
}
