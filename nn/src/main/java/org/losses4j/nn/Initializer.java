package org.losses4j.nn;

import java.util.Locale;

import org.losses4j.nn.random.NumpyRandomState;

/**
 * Kernel initialisers with Keras's formulas ({@code VarianceScaling}): with n = max(1, fan) for the mode's fan
 * (fan_in, or (fan_in + fan_out)/2 for "fan_avg"),
 * <ul>
 *   <li>uniform: U(−limit, limit) with limit = √(3·scale/n);</li>
 *   <li>truncated normal: N(0, σ²) redrawn beyond 2σ, σ = √(scale/n) / 0.87962566103423978 (the correction makes
 *       the truncated distribution's standard deviation √(scale/n)).</li>
 * </ul>
 * {@code glorot_uniform} (Keras's default for Dense) and {@code glorot_normal}: scale 1, fan_avg;
 * {@code he_uniform} and {@code he_normal}: scale 2, fan_in; {@code zeros}. For a (fan_in, units) kernel:
 * glorot_uniform's limit is √(6/(fan_in + fan_out)) and he_uniform's √(6/fan_in).
 *
 * <p>The draws come from numpy's legacy generator ({@link NumpyRandomState}) in row-major order, in double, rounded
 * to float32: he_uniform equals {@code RandomState(seed).uniform(-limit, limit, (fan_in, units)).astype(float32)}.
 * Keras draws from its own backend's generator, so the same seed gives other numbers than Keras, with the same
 * distribution.
 *
 * <p>Reference: X. Glorot &amp; Y. Bengio, AISTATS 2010; K. He et al., ICCV 2015; Keras
 * {@code keras/src/initializers/random_initializers.py}.
 */
public enum Initializer {
    /** Uniform in ±√(6 / (fan_in + fan_out)), Keras's default. */
    GLOROT_UNIFORM("glorot_uniform", 1.0, false, true),
    /** Truncated normal with variance 2 / (fan_in + fan_out). */
    GLOROT_NORMAL("glorot_normal", 1.0, false, false),
    /** Uniform in ±√(6 / fan_in), for ReLU layers. */
    HE_UNIFORM("he_uniform", 2.0, true, true),
    /** Truncated normal with variance 2 / fan_in. */
    HE_NORMAL("he_normal", 2.0, true, false),
    /** All zeros (Keras's bias initialiser). */
    ZEROS("zeros", 0.0, true, true);

    /** Keras's correction of the truncated normal's standard deviation (truncation at 2σ). */
    public static final double TRUNCATION_CORRECTION = 0.87962566103423978;

    private final String label;
    private final double scale;
    private final boolean fanIn;
    private final boolean uniform;

    Initializer(String label, double scale, boolean fanIn, boolean uniform) {
        this.label = label;
        this.scale = scale;
        this.fanIn = fanIn;
        this.uniform = uniform;
    }

    /**
     * Keras's name.
     *
     * @return Keras's name
     */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * By Keras's name.
     *
     * @param name the Keras name
     * @return the initialiser of that name
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static Initializer of(String name) {
        String k = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Initializer i : values()) {
            if (i.label.equals(k)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + name + "'; initializers: glorot_uniform, "
                + "glorot_normal, he_uniform, he_normal, zeros");
    }

    /**
     * Whether this initializer draws from a uniform distribution (else a truncated normal, or zeros).
     *
     * @return whether this initializer draws from a uniform distribution (else a truncated normal, or zeros)
     */
    public boolean isUniform() {
        return uniform && this != ZEROS;
    }

    /** scale / max(1, fan) as Keras computes it. */
    private double scaled(int fanInSize, int fanOutSize) {
        double n = fanIn ? fanInSize : (fanInSize + fanOutSize) / 2.0;
        return scale / Math.max(1.0, n);
    }

    /**
     * The uniform limit √(3·scale/n) (0 for zeros; NaN for the normal initialisers).
     *
     * @param fanInSize the number of inputs of the layer
     * @param fanOutSize the number of outputs of the layer
     * @return the uniform limit √(3·scale/n) (0 for zeros; NaN for the normal initialisers)
     */
    public double limit(int fanInSize, int fanOutSize) {
        if (this == ZEROS) {
            return 0;
        }
        return uniform ? Math.sqrt(3.0 * scaled(fanInSize, fanOutSize)) : Double.NaN;
    }

    /**
     * The σ of the truncated normal before truncation, √(scale/n)/0.8796… (NaN for the uniform ones).
     *
     * @param fanInSize the number of inputs of the layer
     * @param fanOutSize the number of outputs of the layer
     * @return the σ of the truncated normal before truncation, √(scale/n)/0.8796… (NaN for the uniform ones)
     */
    public double stddev(int fanInSize, int fanOutSize) {
        if (this == ZEROS) {
            return 0;
        }
        return uniform ? Double.NaN : Math.sqrt(scaled(fanInSize, fanOutSize)) / TRUNCATION_CORRECTION;
    }

    /**
     * Fills {@code w} (a (fanIn, fanOut) kernel, row-major) with draws from {@code rng}.
     *
     * @param w the weights, filled
     * @param fanInSize the number of inputs of the layer
     * @param fanOutSize the number of outputs of the layer
     * @param rng the random generator
     */
    public void fill(float[] w, int fanInSize, int fanOutSize, NumpyRandomState rng) {
        if (this == ZEROS) {
            java.util.Arrays.fill(w, 0f);
            return;
        }
        if (uniform) {
            double limit = limit(fanInSize, fanOutSize);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rng.uniform(-limit, limit);
            }
            return;
        }
        double sd = stddev(fanInSize, fanOutSize);
        for (int i = 0; i < w.length; i++) {
            double z;
            do {
                z = rng.standardNormal();
            } while (Math.abs(z) > 2.0);
            w[i] = (float) (z * sd);
        }
    }
}
