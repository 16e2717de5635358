package org.losses4j.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fixtures of nn/src/test/resources/fixtures: training.json from numpy 1.24 and PyTorch 1.13
 * ({@code /usr/bin/python3 tools/training/generate.py}) and keras_split.json, the
 * train/test indices of {@code keras.datasets.boston_housing.load_data()} (test_split 0.2, seed 113).
 */
public final class Fixture {
    private static JsonNode training;

    private Fixture() {
    }

    public static synchronized JsonNode training() {
        if (training == null) {
            training = read("/fixtures/training.json");
        }
        return training;
    }

    public static JsonNode read(String resource) {
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }

    public static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    public static int[] ints(JsonNode a) {
        int[] d = new int[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asInt();
        }
        return d;
    }
}
