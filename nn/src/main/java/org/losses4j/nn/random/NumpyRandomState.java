package org.losses4j.nn.random;

/**
 * numpy's legacy {@code np.random.RandomState(seed)}, bit for bit, for the few draws the training stack needs:
 * {@link #shuffle(int[])} (what {@code keras.datasets.boston_housing.load_data} calls), uniform doubles and the
 * legacy Gaussian, as numpy's {@code mt19937.c},
 * {@code distributions.c} and {@code legacy-distributions.c}.
 *
 * <ul>
 *   <li>Seeding with an integer uses Matsumoto and Nishimura's {@code init_genrand} (not {@code init_by_array}).</li>
 *   <li>{@link #nextUint32()} is the standard MT19937 {@code genrand_int32} (seed 5489 gives 3499211612 first).</li>
 *   <li>{@link #randomInterval(long)}: uniform on [0, max] by masked rejection of 32-bit outputs.</li>
 *   <li>{@link #shuffle(int[])}: Fisher–Yates from the last index down to 1.</li>
 *   <li>{@link #randomSample()}: numpy's 53-bit double from two outputs, (a&gt;&gt;5 · 2<sup>26</sup> + b&gt;&gt;6) / 2<sup>53</sup>.</li>
 *   <li>{@link #standardNormal()}: the legacy polar Box–Muller with its cached second value.</li>
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;

    private final int[] key = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /**
     * {@code np.random.RandomState(seed)}.
     *
     * @param seed an integer in [0, 2<sup>32</sup> − 1], as numpy accepts
     * @throws IllegalArgumentException for a seed outside that range
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /**
     * The next raw 32-bit output as an unsigned value.
     *
     * @return the next raw 32-bit output as an unsigned value
     */
    public long nextUint32() {
        return nextInt() & 0xffffffffL;
    }

    /**
     * The next raw 32-bit output (as a Java int, possibly negative).
     *
     * @return the next raw 32-bit output (as a Java int, possibly negative)
     */
    public int nextInt() {
        if (pos == N) {
            twist();
        }
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (key[i] & UPPER) | (key[(i + 1) % N] & LOWER);
            key[i] = key[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        pos = 0;
    }

    /**
     * A uniform integer in [0, max], numpy's {@code random_interval}: 32-bit outputs masked to the smallest
     * 2<sup>k</sup> − 1 ≥ max, rejecting values above max.
     *
     * @param max in [0, 2<sup>32</sup> − 1]
     * @return a uniform integer in [0, max], numpy's {@code random_interval}: 32-bit outputs masked to the smallest 2<sup>k</sup> − 1 ≥ max, rejecting values above max
     */
    public long randomInterval(long max) {
        if (max < 0 || max > 0xffffffffL) {
            throw new IllegalArgumentException("max must be between 0 and 2**32 - 1, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > max);
        return v;
    }

    /**
     * Shuffles {@code a} in place as {@code RandomState.shuffle} does a 1-d array.
     *
     * @param a the array shuffled in place
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * {@code RandomState.permutation(n)}: a shuffled {@code 0..n-1}.
     *
     * @param n the length of the permutation, ≥ 0
     * @return {@code RandomState.permutation(n)}: a shuffled {@code 0..n-1}
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a);
        return a;
    }

    /**
     * {@code RandomState.random_sample()}: a double in [0, 1) with 53 random bits.
     *
     * @return {@code RandomState.random_sample()}: a double in [0, 1) with 53 random bits
     */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * {@code RandomState.uniform(low, high)}: low + (high − low)·u.
     *
     * @param low the lower bound (inclusive)
     * @param high the upper bound (exclusive)
     * @return {@code RandomState.uniform(low, high)}: low + (high − low)·u
     */
    public double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }

    /**
     * {@code RandomState.standard_normal()}: numpy's legacy polar method, which draws pairs and caches the second
     * value. Uses {@link StrictMath#log} (fdlibm); it may differ from numpy's C library in the last bit.
     *
     * @return {@code RandomState.standard_normal()}: numpy's legacy polar method, which draws pairs and caches the second value
     */
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * StrictMath.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }
}
