package org.losses4j.cli.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.losses4j.cli.Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The least-squares baseline against numpy: {@code numpy.linalg.lstsq} and the exact (rational) least-squares
 * solution of the same double data, both from {@code /usr/bin/python3 tools/delta/least_squares.py}
 * (fixtures/least_squares.json).
 */
class LeastSquaresTest {
    /**
     * Tolerance per unit of condition number: a backward-stable solve is within a modest multiple of ε·κ of the exact
     * solution (1e-14 ≈ 45ε). Against the exact solution κ is that of the column-scaled design (the solver scales the
     * columns); against lstsq, which does not, that of the design itself (lstsq's own error on the badly scaled case is
     * 3e-4, relative).
     */
    private static final double REL_PER_CONDITION = 1e-14;
    /** The floor of the tolerances: well-conditioned fits agree to about 1e-15. */
    private static final double REL_FLOOR = 1e-13;

    private static double tolerance(JsonNode c, String condition) {
        return Math.max(REL_FLOOR, REL_PER_CONDITION * c.get(condition).asDouble());
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = LeastSquaresTest.class.getResourceAsStream("/fixtures/least_squares.json")) {
            assertThat(in).as("fixtures/least_squares.json").isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Each coefficient within rel·max(|reference|), each residual within rel·max|y|. */
    private static void agrees(LeastSquares.Fit fit, double[] y, JsonNode ref, String coefficients,
            String residuals, double rel, String label) {
        double[] b = doubles(ref.get(coefficients));
        double[] r = doubles(ref.get(residuals));
        assertThat(fit.coefficients()).hasSameSizeAs(b);
        assertThat(fit.residuals()).hasSameSizeAs(r);
        double scale = maxAbs(b);
        for (int j = 0; j < b.length; j++) {
            assertThat(fit.coefficients()[j]).as("%s %s[%d]", label, coefficients, j)
                    .isCloseTo(b[j], within(rel * scale));
        }
        double yScale = maxAbs(y);
        for (int i = 0; i < r.length; i++) {
            assertThat(fit.residuals()[i]).as("%s %s[%d]", label, residuals, i).isCloseTo(r[i], within(rel * yScale));
        }
    }

    @Test
    void bostonTrainingSplitIsOrdinaryLeastSquares() throws Exception {
        JsonNode b = fixture().get("boston");
        DataOptions.Exact d = DataOptions.loadExact(null, new org.losses4j.cli.train.SplitOptions());
        assertThat(d.size()).isEqualTo(b.get("rows").asInt());
        List<String> names = new ArrayList<>();
        b.get("features").forEach(n -> names.add(n.asText()));
        assertThat(d.featureNames()).isEqualTo(names);
        LeastSquares.Fit fit = LeastSquares.fit(d.x(), d.y(), d.featureNames());
        agrees(fit, d.y(), b, "exact_coefficients", "exact_residuals", tolerance(b, "condition_scaled"), "boston");
        agrees(fit, d.y(), b, "coefficients", "residuals", tolerance(b, "condition"), "boston lstsq");
        // NOX: -20.5003 by OLS; the old normal equations with a 1e-10 ridge gave -20.459
        assertThat(fit.coefficients()[5]).isCloseTo(-20.500296327836573, within(1e-9));
    }

    @Test
    void fullRankCasesAgreeWithLstsqAndTheExactSolution() throws Exception {
        int checked = 0;
        for (JsonNode c : fixture().get("cases")) {
            int p = c.get("features").asInt() + 1;
            if (c.get("rank").asInt() < p) {
                continue;
            }
            LeastSquares.Fit fit = fit(c);
            String name = c.get("name").asText();
            double[] y = doubles(c.get("y"));
            agrees(fit, y, c, "exact_coefficients", "exact_residuals", tolerance(c, "condition_scaled"), name);
            agrees(fit, y, c, "coefficients", "residuals", tolerance(c, "condition"), name + " lstsq");
            checked++;
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void rankDeficientDesignsAreRefused() throws Exception {
        List<String> refused = new ArrayList<>();
        for (JsonNode c : fixture().get("cases")) {
            if (c.get("rank").asInt() == c.get("features").asInt() + 1) {
                continue;
            }
            assertThatThrownBy(() -> fit(c)).as(c.get("name").asText())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("least-squares baseline: ").hasMessageContaining("not unique");
            refused.add(c.get("name").asText());
        }
        assertThat(refused).containsExactly("duplicated_column", "constant_column", "sum_of_two_columns",
                "fewer_rows_than_coefficients");
    }

    @Test
    void messagesNameTheDependentColumns() {
        double[][] x = {{1, 2, 1}, {2, 3, 2}, {3, 5, 3}, {4, 4, 4}, {5, 1, 5}};
        double[] y = {1, 2, 3, 4, 6};
        assertThatThrownBy(() -> LeastSquares.fit(x, y, List.of("a", "b", "c")))
                .hasMessageContaining("rank-deficient (rank 3 of 4)").hasMessageMatching(".*: (a|c) is numerically.*");
        double[][] constant = {{1, 7}, {2, 7}, {3, 7}};
        assertThatThrownBy(() -> LeastSquares.fit(constant, new double[] {1, 2, 4}, List.of("a", "k")))
                .hasMessage("least-squares baseline: column k is constant, which the intercept already fits; the fit "
                        + "is not unique (drop the column)");
        assertThatThrownBy(() -> LeastSquares.fit(new double[][] {{1, 2}, {3, 4}}, new double[] {1, 2},
                List.of("a", "b"))).hasMessage("least-squares baseline: an intercept and 2 features need at least 3 "
                        + "rows, got 2; the fit is not unique");
    }

    private static LeastSquares.Fit fit(JsonNode c) {
        int n = c.get("rows").asInt();
        int f = c.get("features").asInt();
        double[] flat = doubles(c.get("x"));
        double[][] x = new double[n][f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * f, x[i], 0, f);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < f; j++) {
            names.add("x" + j);
        }
        return LeastSquares.fit(x, doubles(c.get("y")), names);
    }
}
