package org.losses4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.losses4j.loss.LossResult;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.tensor.Tensor;
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
 * Huber loss (delta = 1, reduction mean), value plus the gradient with respect to the input, through the public API
 * ({@code valueAndGradInput}), which allocates the gradient tensor on each call as a user's call does.
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java -jar bench/target/benchmarks.jar HuberBenchmark -rf json -rff huber.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HuberBenchmark {
    @Param({"1000", "100000", "10000000"})
    public int n;

    private Tensor input;
    private Tensor target;
    private final HuberLoss huber = new HuberLoss(1.0);

    @Setup
    public void setup() {
        Random r = new Random(42);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
            y[i] = (float) (r.nextGaussian() * 2);
        }
        input = Tensor.wrap(x, n);
        target = Tensor.wrap(y, n);
    }

    /** Value and input gradient in one pass. */
    @Benchmark
    public LossResult valueAndGradInput() {
        return huber.valueAndGradInput(input, target);
    }

    /** Value only. */
    @Benchmark
    public Tensor forward() {
        return huber.forward(input, target);
    }
}
