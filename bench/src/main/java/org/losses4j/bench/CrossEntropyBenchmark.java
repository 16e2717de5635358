package org.losses4j.bench;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.losses4j.loss.Loss;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.classification.CrossEntropyLoss;
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
 * Cross-entropy with class-index targets, value plus gradient with respect to the logits (reduction mean), through
 * the registry as the CLI and any tool would call it: the measurement bench/compare-pytorch.sh sets against
 * {@code F.cross_entropy(x, t).backward()}; and through the gradient-into-buffer fast path. Shapes (N, C) =
 * (1024, 10) and (65536, 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class CrossEntropyBenchmark {
    /** Rows × classes. */
    @Param({"1024x10", "65536x1000"})
    public String shape;

    private Loss fn;
    private Map<String, Tensor> inputs;
    private final CrossEntropyLoss typed = new CrossEntropyLoss();
    private float[] logits;
    private long[] targets;
    private float[] gradBuffer;
    private int rows;
    private int classes;
    private final Set<String> wrt = Set.of("input");

    @Setup
    public void setup() {
        String[] rc = shape.split("x");
        int rows = Integer.parseInt(rc[0]);
        int classes = Integer.parseInt(rc[1]);
        fn = LossRegistry.standard().create("cross_entropy");
        Random r = new Random(42);
        float[] x = new float[rows * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = r.nextInt(classes);
        }
        inputs = Map.of("input", Tensor.wrap(x, rows, classes), "target", Tensor.wrapIndices(t, rows));
        this.rows = rows;
        this.classes = classes;
        logits = x;
        targets = t;
        gradBuffer = new float[x.length];
    }

    @Benchmark
    public LossResult crossEntropy() {
        return fn.compute(inputs, wrt);
    }

    /**
     * The same through the training loop's fast path: the gradient into a buffer the caller owns, so nothing is
     * allocated or zeroed per call (262 MB at (65536, 1000)).
     */
    @Benchmark
    public double crossEntropyIntoBuffer() {
        return typed.valueAndGradInput(logits, targets, gradBuffer, rows, classes);
    }
}
