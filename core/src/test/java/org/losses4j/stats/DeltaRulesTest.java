package org.losses4j.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The δ rules against values worked out by hand, cross-checked with numpy by {@code /usr/bin/python3
 * tools/delta/rules.py} (its output is quoted beside each assertion).
 */
class DeltaRulesTest {
    private static final double EXACT = 1e-12;
    // 1, 2, 3, 4, 100: median 3, |r − 3| = 2 1 0 1 97 → MAD 1; Q1 = 2, Q3 = 4; |r| at h = 0.9·4 = 3.6: 4 + 0.6·96
    private static final double[] ODD = {100.0, 2.0, 4.0, 1.0, 3.0};
    // −3 −1 0 2 5 8: median 1, |r − 1| = 4 2 1 1 4 7 → MAD (2 + 4)/2 = 3; Q1 at h = 1.25: −0.75, Q3 at 3.75: 4.25
    private static final double[] EVEN = {-3.0, -1.0, 0.0, 2.0, 5.0, 8.0};

    @Test
    void madRule() {
        assertThat(DeltaRules.mad(ODD)).isEqualTo(1.0);
        assertThat(DeltaRules.madSigma(ODD)).isCloseTo(1.4826, within(EXACT));
        assertThat(DeltaRules.madDelta(ODD)).isCloseTo(1.9940969999999998, within(EXACT)); // 1.345 · 1.4826
        assertThat(DeltaRules.mad(EVEN)).isEqualTo(3.0);
        assertThat(DeltaRules.madDelta(EVEN)).isCloseTo(5.982290999999999, within(EXACT));
        assertThat(DeltaRules.median(EVEN)).isEqualTo(1.0);
    }

    @Test
    void iqrRule() {
        assertThat(DeltaRules.iqr(ODD)).isEqualTo(2.0);
        assertThat(DeltaRules.iqrSigma(ODD)).isCloseTo(1.4825796886582654, within(EXACT)); // 2 / 1.349
        assertThat(DeltaRules.iqrDelta(ODD)).isCloseTo(1.9940696812453669, within(EXACT));
        assertThat(DeltaRules.iqr(EVEN)).isCloseTo(5.0, within(EXACT));
        assertThat(DeltaRules.iqrDelta(EVEN)).isCloseTo(4.985174203113417, within(EXACT));
    }

    @Test
    void quantileRule() {
        assertThat(DeltaRules.quantileDelta(ODD, 0.9)).isCloseTo(61.6, within(1e-9));
        assertThat(DeltaRules.quantileDelta(ODD, 0.5)).isEqualTo(3.0);
        // |r| sorted 0 1 2 3 5 8: α = 0.9 → h = 4.5 → 5 + 0.5·3; α = 0.5 → h = 2.5 → 2.5
        assertThat(DeltaRules.quantileDelta(EVEN, 0.9)).isCloseTo(6.5, within(EXACT));
        assertThat(DeltaRules.quantileDelta(EVEN, 0.5)).isCloseTo(2.5, within(EXACT));
        assertThat(DeltaRules.Rule.QUANTILE.delta(EVEN, 0.9)).isCloseTo(6.5, within(EXACT));
    }

    @Test
    void outlierMovesTheQuantileRuleButNotTheRobustScales() {
        double[] clean = {1.0, 2.0, 3.0, 4.0, 5.0};
        double[] dirty = {1.0, 2.0, 3.0, 4.0, 5000.0};
        assertThat(DeltaRules.madDelta(dirty)).isEqualTo(DeltaRules.madDelta(clean));
        assertThat(DeltaRules.iqrDelta(dirty)).isEqualTo(DeltaRules.iqrDelta(clean));
        assertThat(DeltaRules.quantileDelta(dirty, 0.9)).isGreaterThan(100 * DeltaRules.quantileDelta(clean, 0.9));
    }

    @Test
    void degenerateInputGivesZero() {
        assertThat(DeltaRules.madDelta(new double[] {2.5})).isZero();
        assertThat(DeltaRules.iqrDelta(new double[] {7, 7, 7, 7, 1})).isZero();
        assertThat(DeltaRules.quantileDelta(new double[] {2.5}, 0.9)).isEqualTo(2.5);
    }

    @Test
    void doesNotModifyItsInput() {
        double[] v = EVEN.clone();
        DeltaRules.madDelta(v);
        DeltaRules.quantileDelta(v, 0.9);
        assertThat(v).containsExactly(EVEN);
    }

    @Test
    void rulesByName() {
        assertThat(DeltaRules.Rule.parse("mad")).isEqualTo(DeltaRules.Rule.MAD);
        assertThat(DeltaRules.Rule.parse("iqr").delta(ODD, 0.9)).isEqualTo(DeltaRules.iqrDelta(ODD));
        assertThatThrownBy(() -> DeltaRules.Rule.parse("sd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta rule: rule must be one of mad, iqr, quantile, got 'sd'");
        // exactly the labels, as every labelled choice is parsed
        assertThatThrownBy(() -> DeltaRules.Rule.parse("MAD"))
                .hasMessage("delta rule: rule must be one of mad, iqr, quantile, got 'MAD'");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> DeltaRules.madDelta(new double[0]))
                .hasMessage("delta rule mad: values must not be empty");
        assertThatThrownBy(() -> DeltaRules.iqrDelta(new double[0]))
                .hasMessage("delta rule iqr: values must not be empty");
        assertThatThrownBy(() -> DeltaRules.quantileDelta(new double[0], 0.9))
                .hasMessage("delta rule quantile: values must not be empty");
        assertThatThrownBy(() -> DeltaRules.madDelta(new double[] {1, Double.NaN}))
                .hasMessage("delta rule mad: values must be finite, got NaN at index 1");
        assertThatThrownBy(() -> DeltaRules.quantileDelta(new double[] {Double.NaN}, 0.5))
                .hasMessageContaining("NaN at index 0");
        for (double a : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> DeltaRules.quantileDelta(ODD, a)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("delta rule quantile: alpha must be in (0, 1), got " + a);
        }
    }
}
