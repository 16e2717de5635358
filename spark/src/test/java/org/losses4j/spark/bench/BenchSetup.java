package org.losses4j.spark.bench;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.losses4j.spark.SparkTestSession;

/**
 * What the Spark benchmark mains share: their three arguments (rows, measured rounds, warm-up rounds, each with the
 * main's default), their session ({@code local[2]}, configured as the tests' one) and the median of their times.
 *
 * @param rows    the rows of the data set
 * @param rounds  the measured rounds
 * @param warmup  the warm-up rounds
 * @param spark   the session
 */
record BenchSetup(long rows, int rounds, int warmup, SparkSession spark) {

    /**
     * Reads the arguments ({@code rows rounds warmup}, trailing ones optional) and starts the session.
     *
     * @param appName the session's application name
     * @param args    the main's arguments
     * @param rows    the default rows
     * @param rounds  the default measured rounds
     * @param warmup  the default warm-up rounds
     * @return the set-up
     */
    static BenchSetup start(String appName, String[] args, long rows, int rounds, int warmup) {
        return new BenchSetup(args.length > 0 ? Long.parseLong(args[0]) : rows,
                args.length > 1 ? Integer.parseInt(args[1]) : rounds,
                args.length > 2 ? Integer.parseInt(args[2]) : warmup, SparkTestSession.start(appName));
    }

    /** Whether round {@code r} is measured (not a warm-up round). */
    boolean measured(int r) {
        return r >= warmup;
    }

    /** The median of {@code times}. */
    static double median(List<Double> times) {
        double[] a = times.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : 0.5 * (a[a.length / 2 - 1] + a[a.length / 2]);
    }
}
