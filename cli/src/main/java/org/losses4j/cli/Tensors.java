package org.losses4j.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.losses4j.cli.io.Numbers;
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Tensors written on the command line: a comma-separated list of numbers is a vector ({@code 2.5,4.8,6.9}); a JSON
 * array gives any shape ({@code [[0.1,0.2,0.7]]} is one row of three logits, {@code [2]} one class index). As in
 * {@code torch.tensor}, all-integer values make an int64 tensor (class indices), anything else float32; a number
 * that float32 cannot hold, or an integer beyond int64, is an error rather than a silent infinity.
 */
public final class Tensors {
    private static final ObjectReader JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).forType(Object.class);

    private Tensors() {
    }

    /**
     * The tensor written {@code text}, for the option named {@code option} in messages.
     *
     * @param option the option the value was given with, for the message
     * @param text the values as written on the command line
     * @return the tensor written {@code text}, for the option named {@code option} in messages
     * @throws IllegalArgumentException naming the option, the value and the rule
     */
    public static Tensor parse(String option, String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            Object nested;
            try {
                nested = JSON.readValue(s);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(option + " must be comma-separated numbers or a JSON array, got '"
                        + s + "' (" + Errors.oneLine(e.getOriginalMessage()) + ")");
            }
            checkRange(option, nested);
            return NestedArrays.toTensor(nested, option);
        }
        String[] parts = s.split(",", -1);
        List<Object> values = new ArrayList<>(parts.length);
        boolean allInt = true;
        for (String p : parts) {
            String t = p.strip();
            if (t.matches("[+-]?\\d+")) {
                values.add(new BigInteger(t));
                continue;
            }
            allInt = false;
            Double v = Numbers.parse(t);
            if (v == null) {
                throw new IllegalArgumentException(option + " must be comma-separated numbers, got '" + t + "'");
            }
            String overflow = Numbers.overflow(t, v, true);
            if (overflow != null) {
                throw new IllegalArgumentException(option + ": " + t + " is " + overflow);
            }
            values.add(v);
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof BigInteger) {
                BigInteger b = (BigInteger) values.get(i);
                String t = parts[i].strip();
                if (allInt && b.bitLength() > 63) {
                    throw new IllegalArgumentException(option + ": " + t + " is beyond the int64 range of integers "
                            + "(±9.2e18); write it with a decimal point or an exponent for a float");
                }
                if (!allInt) {
                    double d = b.doubleValue();
                    String overflow = Numbers.overflow(t, d, true);
                    if (overflow != null) {
                        throw new IllegalArgumentException(option + ": " + t + " is " + overflow);
                    }
                    values.set(i, d);
                }
            }
        }
        return NestedArrays.toTensor(values, option);
    }

    private static void checkRange(String option, Object o) {
        if (o instanceof List) {
            for (Object e : (List<?>) o) {
                checkRange(option, e);
            }
        } else if (o instanceof BigDecimal) {
            String written = o.toString();
            String overflow = Numbers.overflow(written, ((BigDecimal) o).doubleValue(), true);
            if (overflow != null) {
                throw new IllegalArgumentException(option + ": " + written + " is " + overflow);
            }
        }
    }
}
