package org.losses4j.bench;

import java.util.concurrent.TimeUnit;

import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.nn.Activation;
import org.losses4j.nn.Dense;
import org.losses4j.nn.FitOptions;
import org.losses4j.nn.History;
import org.losses4j.nn.Initializer;
import org.losses4j.nn.Sequential;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.losses4j.nn.optim.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Boston housing experiment's training part, end to end: a fresh MLP 13→16→8→1 (relu, he_uniform), Huber
 * δ = 1.5, Adam (Keras defaults), 250 epochs, validation split 0.2, MAE metric, on the 404 training samples of the
 * Keras split (seed 113). One operation is one whole {@code fit}. Batch size 1 (the tutorial's) and 32. The PyTorch
 * eager equivalent is bench/pytorch/bench_training.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TrainingBenchmark {
    @Param({"1", "32"})
    public int batchSize;

    private Dataset train;

    @Setup
    public void setup() {
        train = BostonHousing.load().train();
    }

    @Benchmark
    public History fit() {
        Sequential model = new Sequential(13, 42)
                .add(new Dense(16, Activation.RELU, Initializer.HE_UNIFORM))
                .add(new Dense(8, Activation.RELU, Initializer.HE_UNIFORM))
                .add(new Dense(1, Activation.LINEAR));
        model.compile(new HuberLoss(1.5), new Adam(), "mae");
        return model.fit(train, new FitOptions(250, batchSize, 0.2, true, 42));
    }
}
