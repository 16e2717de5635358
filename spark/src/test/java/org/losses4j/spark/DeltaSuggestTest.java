package org.losses4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.losses4j.stats.DeltaRules;
import org.losses4j.stats.DeltaRules.Rule;

/** The δ rules by approxQuantile agree with core's exact rules to the rank error asked for. */
class DeltaSuggestTest {
    private static final int N = 2001;
    private static Dataset<Row> data;
    private static double[] residuals;
    private static double[] targets;

    @BeforeAll
    static void data() {
        Random r = new Random(17);
        residuals = new double[N];
        targets = new double[N];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double p = 5 + 2 * r.nextGaussian();
            double e = r.nextDouble() < 0.1 ? 25 * r.nextGaussian() : 1.5 * r.nextGaussian(); // 10% outliers
            targets[i] = p + e;
            residuals[i] = targets[i] - p;
            rows.add(RowFactory.create(p, targets[i]));
        }
        StructType schema = new StructType().add("p", DataTypes.DoubleType, false).add("y", DataTypes.DoubleType, true);
        data = SparkTestSession.get().createDataFrame(rows, schema).repartition(2).cache();
    }

    @Test
    void exactQuantilesGiveCoresRules() {
        List<DeltaSuggest.Result> all = DeltaSuggest.onResiduals(data, "p", "y", 0.9, 0.0);
        assertThat(all).extracting(DeltaSuggest.Result::rule).containsExactly("mad", "iqr", "quantile");
        // Spark's exact quantile is a value of the column; numpy's interpolates between two neighbours, which
        // here (n = 2001, quantiles 0.25, 0.5, 0.75 at whole ranks) are close: a gap of ~1e-2 at most.
        assertThat(all.get(0).delta()).isCloseTo(DeltaRules.madDelta(residuals), within(0.02));
        assertThat(all.get(1).delta()).isCloseTo(DeltaRules.iqrDelta(residuals), within(0.02));
        assertThat(all.get(2).delta()).isCloseTo(DeltaRules.quantileDelta(residuals, 0.9), within(0.05));
        assertThat(all.get(0).sigma()).isCloseTo(DeltaRules.madSigma(residuals), within(0.02));
        assertThat(all.get(2).alpha()).isEqualTo(0.9);
        assertThat(all.get(0).rows()).isEqualTo(N);
        assertThat(all.get(0).relativeError()).isZero();
        assertThat(all.get(0).column()).isEqualTo("residuals y - p");
    }

    @Test
    void approximateQuantilesReportTheirErrorOnTargets() {
        DeltaSuggest.Result iqr = DeltaSuggest.on(data, "y", Rule.IQR, 0.9, 0.01);
        assertThat(iqr.relativeError()).isEqualTo(0.01);
        assertThat(iqr.column()).isEqualTo("column 'y'");
        // A rank error of 1% moves each quartile by at most ~1% of the ranks: here well under 0.3 in δ.
        assertThat(iqr.delta()).isCloseTo(DeltaRules.iqrDelta(targets), within(0.3));
        assertThat(iqr.toString()).isEqualTo("iqr: delta " + iqr.delta() + " on column 'y' (2001 rows, relative "
                + "error 0.01)");
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> DeltaSuggest.on(data, "y", 1.5, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta rule quantile: alpha must be in (0, 1), got 1.5");
        assertThatThrownBy(() -> DeltaSuggest.on(data, "y", 0.9, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta suggest: relativeError must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> DeltaSuggest.on(data, "z", 0.9, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'z' does not exist; columns: p, y");
        assertThatThrownBy(() -> DeltaSuggest.on(data.filter("p > 1e9"), "y", 0.9, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delta suggest: column 'y' has no rows");
        Dataset<Row> withNaN = data.selectExpr("p", "CASE WHEN p > 7 THEN double('NaN') ELSE y END AS y");
        assertThatThrownBy(() -> DeltaSuggest.on(withNaN, "y", 0.9, 0.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("delta suggest: column 'y' has \\d+ non-finite values \\(NaN or infinite\\); "
                        + "the rules need finite values");
    }
}
