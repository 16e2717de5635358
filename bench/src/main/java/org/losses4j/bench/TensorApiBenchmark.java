package org.losses4j.bench;

import java.util.Map;
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
 * The tensor API against the buffer path, value plus input gradient (reduction mean), and what separates them: the
 * same kernel is called four ways.
 * <ul>
 *   <li>{@code buffer}: {@code valueAndGradInput(float[], float[], float[], n)}, the gradient into one array reused
 *       on every call (the training loop's path);</li>
 *   <li>{@code bufferFreshArray}: the same into a {@code new float[n]} per call, so that its difference from
 *       {@code buffer} is exactly what allocating and zeroing a gradient costs (and the GC work that follows);</li>
 *   <li>{@code tensor}: {@code valueAndGradInput(Tensor, Tensor)}, a fresh gradient tensor and {@code LossResult} per
 *       call;</li>
 *   <li>{@code tensorInto}: {@code valueAndGradInput(Tensor, Tensor, Tensor)}, the gradient into a tensor the caller
 *       owns and passes again.</li>
 * </ul>
 * Sample-time mode, so the results carry the percentiles of single calls (the spread) beside the mean. Every fork
 * runs on the JVM's default heap, as a library user's JVM does: no {@code -Xms}, no pre-touch. The thread count is
 * {@code -Dlosses4j.threads}; bench/tensor-api.sh runs the whole matrix (plain loops and Vector API kernels, 1 and
 * 2 threads) with {@code -prof gc} and prints the table of docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class TensorApiBenchmark {
    @Param({"huber_loss"})
    public String loss;

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    public int n;

    private InputTargetLoss fn;
    private float[] x;
    private float[] y;
    private Tensor input;
    private Tensor target;
    private float[] gradBuffer;
    private Tensor gradTensor;

    @Setup
    public void setup() {
        fn = LossRegistry.standard().createInputTarget(loss, Map.of(), null);
        float[][] data = BenchData.inputsAndTargets(loss, n);
        x = data[0];
        y = data[1];
        input = Tensor.wrap(x, n);
        target = Tensor.wrap(y, n);
        gradBuffer = new float[n];
        gradTensor = Tensor.zeros(n);
    }

    /** The buffer path into one reused array. */
    @Benchmark
    public double buffer() {
        return fn.valueAndGradInput(x, y, gradBuffer, n);
    }

    /** The buffer path into a fresh array per call: {@link #buffer} plus one gradient's allocation and zeroing. */
    @Benchmark
    public float[] bufferFreshArray() {
        float[] g = new float[n];
        fn.valueAndGradInput(x, y, g, n);
        return g;
    }

    /** The tensor API, a fresh gradient per call. */
    @Benchmark
    public LossResult tensor() {
        return fn.valueAndGradInput(input, target);
    }

    /** The tensor API, the gradient into the caller's tensor. */
    @Benchmark
    public LossResult tensorInto() {
        return fn.valueAndGradInput(input, target, gradTensor);
    }
}
