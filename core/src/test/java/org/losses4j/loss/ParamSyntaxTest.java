package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one reading of {@code NAME=VALUE} loss parameters that the CLI ({@code --param}, one pair an option) and Spark
 * ({@code setLossParams}, pairs separated by commas) share: the values each form gives, and the messages each gives
 * for a bad pair and for a name given twice (the CLI's and Spark's tests pin the same texts end to end).
 */
class ParamSyntaxTest {

    @Test
    void readsPlainValues() {
        assertThat(ParamSyntax.value("true")).isEqualTo(true);
        assertThat(ParamSyntax.value("false")).isEqualTo(false);
        assertThat(ParamSyntax.value("True")).as("Python's spelling is a string; the loss names its rule")
                .isEqualTo("True");
        assertThat(ParamSyntax.value("3")).isEqualTo(3L);
        assertThat(ParamSyntax.value("-12")).isEqualTo(-12L);
        assertThat(ParamSyntax.value("123456789012345678")).isEqualTo(123456789012345678L);
        assertThat(ParamSyntax.value("1234567890123456789")).as("19 digits may not fit a long: a double")
                .isEqualTo(1.234567890123456789e18);
        assertThat(ParamSyntax.value("1.5")).isEqualTo(1.5);
        assertThat(ParamSyntax.value(".25")).isEqualTo(0.25);
        assertThat(ParamSyntax.value("1e-3")).isEqualTo(1e-3);
        assertThat(ParamSyntax.value("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ParamSyntax.value("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat((Double) ParamSyntax.value("nan")).isNaN();
        assertThat(ParamSyntax.value("sum")).isEqualTo("sum");
        assertThat(ParamSyntax.value("1d")).as("Java's suffixes are not numbers").isEqualTo("1d");
        assertThat(ParamSyntax.value("0x1p3")).as("nor are hexadecimal floats").isEqualTo("0x1p3");
    }

    @Test
    void tellsNumbersFromNonFiniteNames() {
        assertThat(ParamSyntax.number("-0.5e2")).isEqualTo(-50.0);
        assertThat(ParamSyntax.number("+NaN")).isNaN();
        assertThat(ParamSyntax.number("-INFINITY")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ParamSyntax.number("1.5f")).isNull();
        assertThat(ParamSyntax.number("")).isNull();
        assertThat(ParamSyntax.isNonFiniteName("inf")).isTrue();
        assertThat(ParamSyntax.isNonFiniteName("1e999")).as("digits, even when they overflow").isFalse();
        assertThat(ParamSyntax.isNonFiniteName("x")).isFalse();
    }

    @Test
    void bothFormsGiveTheSameValuesInTheOrderWritten() {
        Map<String, Object> options = ParamSyntax.pairs(List.of("delta=1.5", " q = 0.9 ", "reduction=sum",
                "full=true", "n=3"), "--param", ParamSyntax::value);
        Map<String, Object> list = ParamSyntax.list("delta=1.5, q = 0.9 ,reduction=sum,full=true,n=3");
        assertThat(options).containsExactly(Map.entry("delta", 1.5), Map.entry("q", 0.9),
                Map.entry("reduction", "sum"), Map.entry("full", true), Map.entry("n", 3L));
        assertThat(list).containsExactlyEntriesOf(options);
        assertThat(ParamSyntax.pairs(List.of("input=1,2"), "--tensor", v -> v))
                .as("the caller's conversion").containsExactly(Map.entry("input", "1,2"));
        assertThat(ParamSyntax.list(null)).isEmpty();
        assertThat(ParamSyntax.list("  ")).isEmpty();
        assertThat(ParamSyntax.split(" a = b=c ", "--column")).containsExactly("a", "b=c");
    }

    @Test
    void optionFormNamesTheOption() {
        for (String bad : List.of("delta", "=1", "delta=", " =1", "delta= ")) {
            assertThatThrownBy(() -> ParamSyntax.pairs(List.of(bad), "--param", ParamSyntax::value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--param must be NAME=VALUE, got '" + bad + "'");
        }
        assertThatThrownBy(() -> ParamSyntax.pairs(List.of("delta=1", "q=2", "delta=2"), "--param",
                ParamSyntax::value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--param delta is given twice (delta=1 and delta=2); give it once");
        assertThatThrownBy(() -> ParamSyntax.split("input", "--column"))
                .hasMessage("--column must be NAME=VALUE, got 'input'");
    }

    @Test
    void listFormQuotesTheWholeString() {
        assertThatThrownBy(() -> ParamSyntax.list("delta"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss parameters must be NAME=VALUE pairs separated by commas, got 'delta' in 'delta'");
        assertThatThrownBy(() -> ParamSyntax.list("delta=1.5, ,q=0.9"))
                .hasMessage("loss parameters must be NAME=VALUE pairs separated by commas, got '' in "
                        + "'delta=1.5, ,q=0.9'");
        assertThatThrownBy(() -> ParamSyntax.list("delta=1.5,"))
                .hasMessage("loss parameters must be NAME=VALUE pairs separated by commas, got '' in 'delta=1.5,'");
        assertThatThrownBy(() -> ParamSyntax.list("delta=1,delta=2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss parameter delta is given twice in 'delta=1,delta=2'; give it once");
    }
}
