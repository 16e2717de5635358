package org.losses4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.losses4j.kernel.FastMath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * e^x over 1000 floats: {@code Math.exp} in double, {@link FastMath#exp(float)} element by element (scalar, bit
 * casts), the array form (vectorised polynomial pass + scalar scaling) and the shifted sum of a softmax row. Run once
 * more with {@code -jvmArgsAppend -XX:-UseSuperWord}: the scalar form (bit casts in the loop) does not change, as
 * JDK 17 does not vectorise them; the array forms slow down.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FastMathBenchmark {
    private final float[] x = new float[1000];
    private final float[] y = new float[1000];

    @Setup
    public void setup() {
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3 - 3);
        }
    }

    @Benchmark
    public float[] mathExp() {
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.exp(x[i]);
        }
        return y;
    }

    @Benchmark
    public float[] fastScalar() {
        for (int i = 0; i < x.length; i++) {
            y[i] = FastMath.exp(x[i]);
        }
        return y;
    }

    @Benchmark
    public float[] fastArray() {
        FastMath.exp(x, 0, y, 0, x.length);
        return y;
    }

    @Benchmark
    public double fastShiftedSum() {
        return FastMath.expShiftedSum(x, 0, 0.5f, y, 0, x.length);
    }
}
