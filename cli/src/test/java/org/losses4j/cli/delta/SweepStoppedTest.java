package org.losses4j.cli.delta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.losses4j.cli.CliRun;

/** A sweep whose training diverges stops with one line naming the fit that diverged and what to change. */
class SweepStoppedTest {
    @Test
    void aDivergingFitNamesTheConfigurationTheFoldAndTheLearningRate() {
        CliRun r = CliRun.run("delta", "sweep", "--deltas", "0.5,1.5", "--folds", "3", "--epochs", "2",
                "--learning-rate", "1e10", "--threads", "1", "--no-baselines", "--no-plots");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err.lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err).as(r.toString()).doesNotContain("internal error").doesNotContain("Exception")
                .matches("losses4j delta sweep: training stopped \\(huber delta=0\\.5, repeat 1 of 1, fold 1 of 3\\): "
                        + "loss is (NaN|-?Infinity) at epoch 1 of 2, batch \\d+ of \\d+; try a smaller --lr "
                        + "than 1\\.0E10\\s*");
    }
}
