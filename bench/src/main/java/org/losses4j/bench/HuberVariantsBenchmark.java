package org.losses4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.losses4j.kernel.VectorApiKernels;
import org.losses4j.loss.regression.HuberLoss;
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
 * Ways to write the Huber value + input-gradient kernel (reduction mean, one thread), side by side, to decide what
 * core ships: {@code core} is the library's split kernel (values, 8-accumulator double sum, gradient, per
 * 1024-element chunk); {@code fusedScalarSum} one loop computing value and gradient with a scalar double sum (the
 * first design); {@code vectorApi} the JDK's incubating Vector API written the obvious way (lane-wise min/max, value
 * widened to double lanes for the sum); {@code coreVectorKernel} the library's Vector API kernel
 * ({@link VectorApiKernels#clampedQuadratic}: compare-and-blend instead of min/max, the sign bit for the clamp, sums
 * grouped in float before widening), called directly. The fork sets {@code losses4j.simd=false}, so {@code core} is
 * the plain split kernel even though the module is present. Run with
 * {@code java -jar bench/target/benchmarks.jar HuberVariants}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector",
        "-Dlosses4j.threads=1", "-Dlosses4j.simd=false"})
public class HuberVariantsBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    @Param({"1000", "100000", "10000000"})
    public int n;

    private float[] x;
    private float[] y;
    private float[] g;
    private final HuberLoss huber = new HuberLoss(1.5);
    private static final float DELTA = 1.5f;

    @Setup
    public void setup() {
        Random r = new Random(42);
        x = new float[n];
        y = new float[n];
        g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
            y[i] = (float) (r.nextGaussian() * 2);
        }
    }

    @Benchmark
    public double core() {
        return huber.valueAndGradInput(x, y, g, n);
    }

    private final VectorApiKernels kernels = new VectorApiKernels();

    @Benchmark
    public double coreVectorKernel() {
        return kernels.clampedQuadratic(x, y, null, g, null, DELTA, 1f, 1f / n, 0, n) / n;
    }

    @Benchmark
    public double fusedScalarSum() {
        float scale = 1f / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float d = x[i] - y[i];
            float a = Math.abs(d);
            float m = Math.min(a, DELTA);
            sum += m * (a - 0.5f * m);
            g[i] = Math.max(-DELTA, Math.min(d, DELTA)) * scale;
        }
        return sum / n;
    }

    @Benchmark
    public double vectorApi() {
        float scale = 1f / n;
        FloatVector vd = FloatVector.broadcast(F, DELTA);
        FloatVector vnd = FloatVector.broadcast(F, -DELTA);
        FloatVector vs = FloatVector.broadcast(F, scale);
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = 0;
        int upper = F.loopBound(n);
        for (; i < upper; i += F.length()) {
            FloatVector d = FloatVector.fromArray(F, x, i).sub(FloatVector.fromArray(F, y, i));
            FloatVector a = d.abs();
            FloatVector m = a.min(vd);
            FloatVector l = m.mul(a.sub(m.mul(0.5f)));
            acc0 = acc0.add(l.convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(l.convertShape(VectorOperators.F2D, D, 1));
            d.max(vnd).min(vd).mul(vs).intoArray(g, i);
        }
        double sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = x[i] - y[i];
            float a = Math.abs(d);
            float m = Math.min(a, DELTA);
            sum += m * (a - 0.5f * m);
            g[i] = Math.max(-DELTA, Math.min(d, DELTA)) * scale;
        }
        return sum / n;
    }
}
