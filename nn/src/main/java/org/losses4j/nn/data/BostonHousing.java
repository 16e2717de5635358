package org.losses4j.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Boston housing data (Harrison &amp; Rubinfeld, 1978), bundled: 506 samples, 13 features ({@code CRIM} ...
 * {@code LSTAT}) and the target {@code MEDV} (median home value in $1000s), in the original StatLib row order.
 * Provenance, checksums and the ethics note are in {@code boston.md} beside the data and in docs/DATA.md: column
 * {@code B} encodes the proportion of Black residents by town, and Keras advises against using the data set except
 * to illustrate ethical issues in data science.
 *
 * <p>{@link #load(double, long)} reproduces {@code keras.datasets.boston_housing.load_data(test_split, seed)}
 * exactly: the rows are permuted by numpy's {@code RandomState(seed).shuffle}, the first
 * {@code int(506·(1 − test_split))} form the training part. No normalisation is applied.
 */
public final class BostonHousing {
    /** The resource holding the data. */
    public static final String RESOURCE = "/org/losses4j/nn/data/boston.csv";
    /** The bundled file's name. */
    public static final String FILE_NAME = "boston.csv";
    /** The resource holding the provenance and ethics note. */
    public static final String PROVENANCE = "/org/losses4j/nn/data/boston.md";
    /** Keras's default seed. */
    public static final long DEFAULT_SEED = 113;
    /** Keras's default test split. */
    public static final double DEFAULT_TEST_SPLIT = 0.2;
    /** The target column. */
    public static final String TARGET = "MEDV";

    private static volatile Holder holder;

    private record Holder(Dataset data, double[] medv, double[][] features) {
    }

    private BostonHousing() {
    }

    /**
     * Every sample, in the original row order.
     *
     * @return every sample, in the original row order
     */
    public static Dataset all() {
        return holder().data();
    }

    /**
     * The target {@code MEDV} of every sample in the original row order, in double precision exactly as in the
     * file (the {@link Dataset} holds float32, the precision of training); statistics such as quartiles use these.
     *
     * @return the target {@code MEDV} of every sample in the original row order, in double precision exactly as in the file (the {@link Dataset} holds float32, the precision of training); statistics such as quartiles use these
     */
    public static double[] medv() {
        return holder().medv().clone();
    }

    /**
     * The 13 features of every sample in the original row order (one row per sample, {@code CRIM} ... {@code LSTAT}),
     * in double precision exactly as in the file, for statistics that need more than float32 (the least-squares
     * baseline of {@code losses4j delta suggest}).
     *
     * @return the 13 features of every sample in the original row order, one row per sample
     */
    public static double[][] featureValues() {
        double[][] f = holder().features();
        double[][] out = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i].clone();
        }
        return out;
    }

    private static Holder holder() {
        Holder h = holder;
        if (h == null) {
            h = read();
            holder = h;
        }
        return h;
    }

    /**
     * {@code boston_housing.load_data()}: test split 0.2, seed 113 (404 training, 102 test samples).
     *
     * @return {@code boston_housing.load_data()}: test split 0.2, seed 113 (404 training, 102 test samples)
     */
    public static TrainTestSplit load() {
        return load(DEFAULT_TEST_SPLIT, DEFAULT_SEED);
    }

    /**
     * {@code boston_housing.load_data(test_split=testSplit, seed=seed)}.
     *
     * @param testSplit the fraction of the samples held out for the test
     * @param seed the seed of the shuffle (Keras: 113)
     * @return {@code boston_housing.load_data(test_split=testSplit, seed=seed)}
     * @throws IllegalArgumentException for a test split outside [0, 1) or a seed outside [0, 2<sup>32</sup> − 1]
     */
    public static TrainTestSplit load(double testSplit, long seed) {
        return TrainTestSplit.keras(all(), testSplit, seed);
    }

    /**
     * The bundled CSV file's bytes, exactly as shipped (for a checksum in a report).
     *
     * @return a fresh copy of the file
     */
    public static byte[] csvBytes() {
        try (InputStream in = BostonHousing.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The provenance and ethics note, as Markdown.
     *
     * @return the provenance and ethics note, as Markdown
     */
    public static String provenance() {
        try (InputStream in = BostonHousing.class.getResourceAsStream(PROVENANCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + PROVENANCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Holder read() {
        try (InputStream in = BostonHousing.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = Arrays.asList(r.readLine().split(","));
            int cols = header.size();
            List<double[]> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] cells = line.split(",");
                if (cells.length != cols) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected " + cols + " cells");
                }
                double[] row = new double[cols];
                for (int j = 0; j < cols; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                rows.add(row);
            }
            int n = rows.size();
            int f = cols - 1;
            float[] x = new float[n * f];
            float[] y = new float[n];
            double[] medv = new double[n];
            double[][] features = new double[n][];
            for (int i = 0; i < n; i++) {
                double[] row = rows.get(i);
                features[i] = Arrays.copyOf(row, f);
                for (int j = 0; j < f; j++) {
                    x[i * f + j] = (float) row[j];
                }
                y[i] = (float) row[f];
                medv[i] = row[f];
            }
            return new Holder(Dataset.of(x, y, header.subList(0, f), List.of(header.get(f))), medv, features);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
