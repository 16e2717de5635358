package org.losses4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkSessionSmokeTest {
    @Test
    void sessionRunsOnLoopbackWithTwoCores() {
        var spark = SparkTestSession.get();
        assertThat(spark.sparkContext().master()).isEqualTo("local[2]");
        assertThat(spark.conf().get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(spark.range(0, 1000, 1, 4).count()).isEqualTo(1000);
    }
}
