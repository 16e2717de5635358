package org.losses4j.nn;

import org.losses4j.loss.Check;
import org.losses4j.loss.Labelled;

/**
 * The activations of a {@link Dense} layer, labelled with Keras's names. Each works in place on a batch of rows of
 * {@code width} values: {@link #forward} turns pre-activations z into outputs a, {@link #backward} turns the
 * gradient with respect to a into the gradient with respect to z, using a only.
 *
 * <ul>
 *   <li>{@code relu}: max(z, 0); gradient 1 where z &gt; 0, else 0 (0 at z = 0, as TensorFlow and PyTorch).</li>
 *   <li>{@code linear}: z (Keras's {@code activation=None}).</li>
 *   <li>{@code sigmoid}: 1/(1 + e<sup>−z</sup>), evaluated without overflow; gradient a(1 − a).</li>
 *   <li>{@code tanh}: gradient 1 − a².</li>
 *   <li>{@code softmax}: over each row (the last axis), shifted by the row maximum; gradient
 *       a<sub>j</sub>(g<sub>j</sub> − Σ<sub>k</sub> g<sub>k</sub>a<sub>k</sub>).</li>
 * </ul>
 */
public enum Activation implements Labelled {
    /** max(0, z). */
    RELU,
    /** z unchanged. */
    LINEAR,
    /** 1 / (1 + e<sup>−z</sup>). */
    SIGMOID,
    /** tanh(z). */
    TANH,
    /** e<sup>z</sup> / Σe<sup>z</sup> over each row. */
    SOFTMAX;

    @Override
    public String toString() {
        return label();
    }

    /**
     * By Keras's name, exactly ({@code relu}, {@code linear}, {@code sigmoid}, {@code tanh}, {@code softmax}).
     *
     * @param name the name
     * @return the activation labelled {@code name}
     * @throws IllegalArgumentException for another name: {@code activation must be one of relu, linear, sigmoid,
     *                                  tanh, softmax, got 'gelu'}
     */
    public static Activation of(String name) {
        return Check.choice("activation", name, values());
    }

    /**
     * Applies the activation in place to {@code rows · width} values.
     *
     * @param z the pre-activations, overwritten with the activations
     * @param rows the number of rows
     * @param width the number of values per row
     */
    public void forward(float[] z, int rows, int width) {
        int n = rows * width;
        switch (this) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    if (!(z[i] > 0)) {
                        z[i] = z[i] != z[i] ? z[i] : 0f;
                    }
                }
                break;
            case LINEAR:
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    double v = z[i];
                    z[i] = (float) (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    z[i] = (float) Math.tanh(z[i]);
                }
                break;
            case SOFTMAX:
                for (int r = 0; r < rows; r++) {
                    int o = r * width;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < width; j++) {
                        max = Math.max(max, z[o + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < width; j++) {
                        double e = Math.exp((double) z[o + j] - max);
                        z[o + j] = (float) e;
                        sum += e;
                    }
                    for (int j = 0; j < width; j++) {
                        z[o + j] = (float) (z[o + j] / sum);
                    }
                }
                break;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Turns {@code g} = ∂L/∂a into ∂L/∂z in place, from the outputs {@code a} of {@link #forward}.
     *
     * @param a the activations {@link #forward} returned
     * @param g ∂L/∂a, overwritten with ∂L/∂z
     * @param rows the number of rows
     * @param width the number of values per row
     */
    public void backward(float[] a, float[] g, int rows, int width) {
        int n = rows * width;
        switch (this) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    if (!(a[i] > 0)) {
                        g[i] = 0f;
                    }
                }
                break;
            case LINEAR:
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    g[i] = g[i] * (a[i] * (1f - a[i]));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    g[i] = g[i] * (1f - a[i] * a[i]);
                }
                break;
            case SOFTMAX:
                for (int r = 0; r < rows; r++) {
                    int o = r * width;
                    double dot = 0;
                    for (int j = 0; j < width; j++) {
                        dot += (double) g[o + j] * a[o + j];
                    }
                    for (int j = 0; j < width; j++) {
                        g[o + j] = (float) (a[o + j] * (g[o + j] - dot));
                    }
                }
                break;
            default:
                throw new AssertionError(this);
        }
    }
}
