package org.losses4j.bench;

import java.util.concurrent.TimeUnit;

import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.SecondOrderLoss;
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
 * What the second derivative costs on top of the gradient: the buffer fast path with value, gradient and second
 * derivative ({@code valueGradHess}) against the one with value and gradient ({@code valueAndGradInput}), reduction
 * mean, for the losses a gradient-boosting objective uses. Both are allocation-free (check with {@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SecondOrderBenchmark {
    @Param({"huber_loss", "pseudo_huber", "mse_loss", "l1_loss", "log_cosh", "quantile_loss",
            "binary_cross_entropy_with_logits"})
    public String loss;

    @Param({"1000", "100000", "1000000"})
    public int n;

    private SecondOrderLoss fn;
    private float[] x;
    private float[] y;
    private float[] grad;
    private float[] hess;

    @Setup
    public void setup() {
        fn = (SecondOrderLoss) LossRegistry.standard().create(loss);
        float[][] data = BenchData.inputsAndTargets(loss, n);
        x = data[0];
        y = data[1];
        grad = new float[n];
        hess = new float[n];
    }

    /** Value and gradient into a buffer: the first-order fast path. */
    @Benchmark
    public double valueAndGradInput() {
        return ((InputTargetLoss) fn).valueAndGradInput(x, y, grad, n);
    }

    /** Value, gradient and second derivative into buffers. */
    @Benchmark
    public double valueGradHess() {
        return fn.valueGradHess(x, y, grad, hess, n);
    }
}
