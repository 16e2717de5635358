package org.losses4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losses4j.cli.CliRun;

/** Seeds outside numpy's 32 bits are refused naming the option, in the same words for every seed option. */
class SeedOptionsTest {
    private static void assertRefused(CliRun r, String message) {
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err.strip()).as(r.toString()).isEqualTo(message);
    }

    @Test
    void everySeedOptionIsNamedWithItsRange() {
        assertRefused(CliRun.run("train", "--data", "unread.csv", "--target", "y", "--split-seed", "-1"),
                "losses4j train: --split-seed must be between 0 and 4294967295, got -1");
        assertRefused(CliRun.run("boston", "--split-seed", "4294967296"),
                "losses4j boston: --split-seed must be between 0 and 4294967295, got 4294967296");
        assertRefused(CliRun.run("boston", "--seed", "-1"),
                "losses4j boston: --seed must be between 0 and 4294967295, got -1");
        assertRefused(CliRun.run("outliers", "--split-seed", "-1", "--no-plots"),
                "losses4j outliers: --split-seed must be between 0 and 4294967295, got -1");
        assertRefused(CliRun.run("delta", "sweep", "--seed", "-1"),
                "losses4j delta sweep: --seed must be between 0 and 4294967295, got -1");
    }
}
