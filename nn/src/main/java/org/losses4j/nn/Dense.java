package org.losses4j.nn;

import java.util.List;
import java.util.Objects;

import org.losses4j.nn.random.NumpyRandomState;

/**
 * A fully connected layer, Keras's {@code Dense(units, activation, kernel_initializer)}: a = f(x·W + b) with the
 * kernel W of shape (inputs, units), as Keras stores it (PyTorch's {@code Linear} stores the transpose), and a bias
 * b initialised to zeros.
 *
 * <p>Values are float32; every dot product and every gradient sum over a batch is accumulated in double and rounded
 * once. The layer owns its work buffers, sized for the largest batch it has seen, so a training step allocates
 * nothing.
 */
public final class Dense {
    private final int units;
    private final Activation activation;
    private final Initializer kernelInitializer;

    private int inputs = -1;
    private Parameter kernel;
    private Parameter bias;

    private int capacity;
    private float[] out = new float[0];
    private float[] delta = new float[0];
    private float[] gradIn = new float[0];
    private double[] accRow;
    private double[] accKernel;
    private double[] accBias;

    /**
     * A layer of {@code units} outputs with the given activation and kernel initialiser.
     *
     * @param units             output size (&gt; 0)
     * @param activation        the activation applied to x·W + b ({@code linear} for none)
     * @param kernelInitializer the kernel's initializer (the bias is zeros)
     */
    public Dense(int units, Activation activation, Initializer kernelInitializer) {
        if (units <= 0) {
            throw new IllegalArgumentException("dense: units must be > 0, got " + units);
        }
        this.units = units;
        this.activation = Objects.requireNonNull(activation, "activation");
        this.kernelInitializer = Objects.requireNonNull(kernelInitializer, "kernelInitializer");
    }

    /**
     * {@code Dense(units, activation)} with Keras's default initializer, glorot_uniform.
     *
     * @param units the number of output units
     * @param activation the activation applied to x·W + b ({@code linear} for none)
     */
    public Dense(int units, Activation activation) {
        this(units, activation, Initializer.GLOROT_UNIFORM);
    }

    /**
     * Output size.
     *
     * @return output size
     */
    public int units() {
        return units;
    }

    /**
     * Input size (−1 before the layer is added to a model).
     *
     * @return input size (−1 before the layer is added to a model)
     */
    public int inputs() {
        return inputs;
    }

    /**
     * The activation.
     *
     * @return the activation applied to x·W + b
     */
    public Activation activation() {
        return activation;
    }

    /**
     * The kernel initialiser.
     *
     * @return the kernel initialiser
     */
    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    /**
     * The kernel, shape (inputs, units).
     *
     * @return the kernel, shape (inputs, units)
     */
    public Parameter kernel() {
        requireBuilt();
        return kernel;
    }

    /**
     * The bias, shape (units).
     *
     * @return the bias, shape (units)
     */
    public Parameter bias() {
        requireBuilt();
        return bias;
    }

    /**
     * The kernel and the bias.
     *
     * @return the kernel and the bias
     */
    public List<Parameter> parameters() {
        requireBuilt();
        return List.of(kernel, bias);
    }

    private void requireBuilt() {
        if (kernel == null) {
            throw new IllegalStateException("dense: the layer has no weights until it is added to a model");
        }
    }

    /** Creates and initialises the weights; called by {@link Sequential#add}. */
    void build(String name, int inputSize, NumpyRandomState rng) {
        if (kernel != null) {
            throw new IllegalStateException("dense: this layer already belongs to a model");
        }
        this.inputs = inputSize;
        this.kernel = new Parameter(name + ".kernel", inputSize, units);
        this.bias = new Parameter(name + ".bias", units);
        kernelInitializer.fill(kernel.value(), inputSize, units, rng);
        this.accRow = new double[units];
        this.accKernel = new double[inputSize * units];
        this.accBias = new double[units];
    }

    /** Makes the work buffers hold {@code rows} samples. */
    void ensureCapacity(int rows) {
        if (rows > capacity) {
            out = new float[rows * units];
            delta = new float[rows * units];
            gradIn = new float[rows * inputs];
            capacity = rows;
        }
    }

    /** The outputs of the last {@link #forward} (rows · units values, valid up to the rows given there). */
    float[] output() {
        return out;
    }

    /** The gradient buffer of the outputs; the model writes ∂L/∂a here before {@link #backward}. */
    float[] outputGrad() {
        return delta;
    }

    /** a = f(x·W + b) for {@code rows} samples of {@code in}; returns the output buffer. */
    float[] forward(float[] in, int rows) {
        final float[] w = kernel.value();
        final float[] b = bias.value();
        final int n = inputs;
        final int u = units;
        final double[] acc = accRow;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < u; j++) {
                acc[j] = b[j];
            }
            int xo = r * n;
            for (int i = 0; i < n; i++) {
                double xi = in[xo + i];
                int wo = i * u;
                for (int j = 0; j < u; j++) {
                    acc[j] += xi * w[wo + j];
                }
            }
            int oo = r * u;
            for (int j = 0; j < u; j++) {
                out[oo + j] = (float) acc[j];
            }
        }
        activation.forward(out, rows, u);
        return out;
    }

    /**
     * Backpropagates {@link #outputGrad()} (∂L/∂a, overwritten with ∂L/∂z) through the layer: sets the kernel's and
     * the bias's gradients and, when {@code inputGrad}, returns ∂L/∂x (else null).
     */
    float[] backward(float[] in, int rows, boolean inputGrad) {
        final int n = inputs;
        final int u = units;
        activation.backward(out, delta, rows, u);
        final float[] gk = kernel.grad();
        final float[] gb = bias.grad();
        if (rows == 1) {
            // one sample: each gradient is one product, rounded once (the same float as the double path below)
            for (int i = 0; i < n; i++) {
                final float xi = in[i];
                final int ko = i * u;
                for (int j = 0; j < u; j++) {
                    gk[ko + j] = xi * delta[j];
                }
            }
            System.arraycopy(delta, 0, gb, 0, u);
            return inputGrad ? inputGradient(rows) : null;
        }
        final double[] ak = accKernel;
        final double[] ab = accBias;
        java.util.Arrays.fill(ak, 0);
        java.util.Arrays.fill(ab, 0);
        for (int r = 0; r < rows; r++) {
            int xo = r * n;
            int d0 = r * u;
            for (int j = 0; j < u; j++) {
                ab[j] += delta[d0 + j];
            }
            for (int i = 0; i < n; i++) {
                double xi = in[xo + i];
                int ko = i * u;
                for (int j = 0; j < u; j++) {
                    ak[ko + j] += xi * delta[d0 + j];
                }
            }
        }
        for (int k = 0; k < gk.length; k++) {
            gk[k] = (float) ak[k];
        }
        for (int j = 0; j < u; j++) {
            gb[j] = (float) ab[j];
        }
        return inputGrad ? inputGradient(rows) : null;
    }

    /** ∂L/∂x = δ·Wᵀ for {@code rows} samples, into the input-gradient buffer. */
    private float[] inputGradient(int rows) {
        final int n = inputs;
        final int u = units;
        final float[] w = kernel.value();
        for (int r = 0; r < rows; r++) {
            int d0 = r * u;
            int xo = r * n;
            for (int i = 0; i < n; i++) {
                int wo = i * u;
                double s = 0;
                for (int j = 0; j < u; j++) {
                    s += (double) delta[d0 + j] * w[wo + j];
                }
                gradIn[xo + i] = (float) s;
            }
        }
        return gradIn;
    }

    @Override
    public String toString() {
        return "Dense(units=" + units + ", activation=" + activation + ", kernel_initializer=" + kernelInitializer
                + ")";
    }
}
