package org.losses4j.cli;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The JSON configuration of the CLI.
 *
 * <p>Numbers are written so that they parse back exactly: doubles in their shortest round-trip form, and float32
 * values as the double they exactly equal ({@code 0.1f} is written {@code 0.10000000149011612}), which parses back
 * to the same float32 and the same float64. Non-finite numbers are the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}; reading also accepts bare {@code NaN}/{@code Infinity} tokens as Python's json module writes
 * them. A key twice in one object is an error when reading (JSON parsers disagree on which value wins).
 */
public final class Json {
    private Json() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = create();

    /** A mapper for pretty output (summaries, reports). */
    public static final ObjectMapper PRETTY = create().enable(SerializationFeature.INDENT_OUTPUT);

    private static ObjectMapper create() {
        SimpleModule numbers = new SimpleModule("losses4j-numbers");
        numbers.addSerializer(Float.class, new FloatAsDouble());
        numbers.addSerializer(float.class, new FloatAsDouble());
        numbers.addSerializer(Double.class, new FiniteDouble());
        numbers.addSerializer(double.class, new FiniteDouble());
        return JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(numbers)
                .build();
    }

    private static final class FloatAsDouble extends StdSerializer<Float> {
        private static final long serialVersionUID = 1L;

        FloatAsDouble() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            writeDouble(value.doubleValue(), gen);
        }
    }

    private static final class FiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            writeDouble(value, gen);
        }
    }

    static void writeDouble(double v, JsonGenerator gen) throws IOException {
        if (Double.isNaN(v)) {
            gen.writeString("NaN");
        } else if (Double.isInfinite(v)) {
            gen.writeString(v > 0 ? "Infinity" : "-Infinity");
        } else {
            gen.writeNumber(v);
        }
    }
}
