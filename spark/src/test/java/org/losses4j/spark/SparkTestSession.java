package org.losses4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one {@link SparkSession} of the test JVM: {@code local[2]}, bound to the loopback interface, no UI, two shuffle
 * partitions, the warehouse under {@code target/}. Started on first use and shared by every test class; Spark stops
 * it at JVM exit.
 */
public final class SparkTestSession {
    private SparkTestSession() {
    }

    private static final class Holder {
        static final SparkSession SPARK = start("losses4j-spark-tests");
    }

    /** The shared session. */
    public static SparkSession get() {
        return Holder.SPARK;
    }

    /**
     * A session configured as the shared one, under another application name (for the benchmark mains, which run in
     * their own JVM).
     *
     * @param appName the application name
     * @return the session
     */
    public static SparkSession start(String appName) {
        SparkSession spark = SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", "target/spark-warehouse")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
