package org.losses4j.testing;

import java.util.Random;

import org.losses4j.tensor.Tensor;

/** Reproducible random tensors for samples and property tests. */
public final class Samples {
    private Samples() {
    }

    /** Standard-normal values times {@code scale}, shape {@code shape}, from {@code seed}. */
    public static Tensor normal(long seed, double scale, int... shape) {
        Random r = new Random(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextGaussian() * scale);
        }
        return t;
    }

    /** Uniform values in [lo, hi), shape {@code shape}, from {@code seed}. */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        Random r = new Random(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return t;
    }

    /**
     * Normal values whose differences from {@code target} stay at least {@code gap} away from every point in
     * {@code kinks} (and from their negatives), so a finite-difference step never straddles a kink.
     */
    public static Tensor awayFromKinks(long seed, double scale, Tensor target, double gap, double... kinks) {
        Random r = new Random(seed);
        float[] y = target.data();
        float[] x = new float[y.length];
        for (int i = 0; i < x.length; i++) {
            float v;
            do {
                v = (float) (y[i] + r.nextGaussian() * scale);
            } while (near(v - y[i], gap, kinks));
            x[i] = v;
        }
        return Tensor.wrap(x, target.shape());
    }

    private static boolean near(double d, double gap, double[] kinks) {
        for (double k : kinks) {
            if (Math.abs(d - k) < gap || Math.abs(d + k) < gap) {
                return true;
            }
        }
        return false;
    }
}
