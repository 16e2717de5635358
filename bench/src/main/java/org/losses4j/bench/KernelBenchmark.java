package org.losses4j.bench;

import java.util.concurrent.TimeUnit;

import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
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
 * Value plus input gradient (reduction mean) of the element-wise losses, through the public API, the measurement
 * bench/compare-pytorch.sh sets against PyTorch. The thread count is the system property {@code losses4j.threads}
 * (pass it with {@code -jvmArgsAppend -Dlosses4j.threads=1}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class KernelBenchmark {
    @Param({"l1_loss", "mse_loss", "huber_loss", "smooth_l1_loss", "binary_cross_entropy_with_logits"})
    public String loss;

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    public int n;

    private InputTargetLoss fn;
    private Tensor input;
    private Tensor target;
    private float[] gradBuffer;

    @Setup
    public void setup() {
        fn = (InputTargetLoss) LossRegistry.standard().create(loss);
        float[][] data = BenchData.inputsAndTargets(loss, n);
        float[] x = data[0];
        float[] y = data[1];
        input = Tensor.wrap(x, n);
        target = Tensor.wrap(y, n);
        gradBuffer = new float[n];
    }

    /** Value and input gradient in one call, as a training step needs them. */
    @Benchmark
    public LossResult valueAndGradInput() {
        return fn.valueAndGradInput(input, target);
    }

    /**
     * The same through the allocation-free fast path of a training loop: the gradient goes into a buffer the caller
     * owns, so nothing is allocated or zeroed per call (at 1e7 elements a fresh gradient costs 40 MB of extra
     * writes).
     */
    @Benchmark
    public double valueAndGradInputIntoBuffer() {
        return fn.valueAndGradInput(input.data(), target.data(), gradBuffer, n);
    }
}
