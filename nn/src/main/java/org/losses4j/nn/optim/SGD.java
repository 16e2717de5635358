package org.losses4j.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.nn.Parameter;

/**
 * Stochastic gradient descent with optional momentum and Nesterov momentum, as Keras implements it
 * ({@code keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)}), per element:
 * <pre>
 *   momentum 0:   θ ← θ − lr·g
 *   otherwise:    u ← −lr·g + μ·u
 *                 θ ← θ + u                   (plain)
 *                 θ ← θ − lr·g + μ·u          (Nesterov)
 * </pre>
 * With momentum 0 the Nesterov flag changes nothing: Keras's {@code SGD.update_step} looks at it only when momentum
 * is not 0, so {@code SGD(momentum=0.0, nesterov=True)} is plain SGD there and here (PyTorch refuses that
 * combination: "Nesterov momentum requires a momentum and zero dampening").
 * With a constant learning rate this is PyTorch's {@code torch.optim.SGD(lr, momentum, nesterov)} with its buffer
 * b = −u/lr (PyTorch: b ← μ·b + g, θ ← θ − lr·b, Nesterov θ ← θ − lr·(g + μ·b)); the float32 roundings differ.
 * (Sutskever et al., "On the importance of initialization and momentum in deep learning", ICML 2013.)
 */
public final class SGD implements Optimizer {
    private final double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private final float lr;
    private final float mu;

    private List<Parameter> params = List.of();
    private final List<float[]> velocity = new ArrayList<>();
    private long iterations;

    /** Keras's defaults: learning rate 0.01, no momentum. */
    public SGD() {
        this(0.01, 0, false);
    }

    /**
     * SGD with the given learning rate and momentum, Keras's {@code SGD(learning_rate, momentum, nesterov)}.
     *
     * @param learningRate the step size, &gt; 0 (Keras's default 0.01)
     * @param momentum the momentum in [0, 1) (0: plain SGD)
     * @param nesterov Nesterov momentum; with momentum 0 it is accepted and has no effect, as in Keras
     * @throws IllegalArgumentException when the learning rate is not &gt; 0 or momentum is outside [0, 1)
     */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        this.learningRate = Optimizers.positive("sgd", "learning rate", learningRate);
        this.momentum = Optimizers.unitInterval("sgd", "momentum", momentum);
        this.nesterov = nesterov;
        this.lr = (float) learningRate;
        this.mu = (float) momentum;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /**
     * The momentum.
     *
     * @return the momentum (0: plain SGD)
     */
    public double momentum() {
        return momentum;
    }

    /**
     * Whether the momentum is Nesterov's.
     *
     * @return whether the momentum is Nesterov's
     */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", learningRate);
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
        return c;
    }

    @Override
    public void prepare(List<Parameter> parameters) {
        this.params = List.copyOf(parameters);
        velocity.clear();
        for (Parameter p : params) {
            velocity.add(new float[momentum == 0 ? 0 : p.size()]);
        }
        iterations = 0;
    }

    @Override
    public void step() {
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            float[] w = p.value();
            float[] g = p.grad();
            if (momentum == 0) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= g[i] * lr;
                }
                continue;
            }
            float[] u = velocity.get(k);
            for (int i = 0; i < w.length; i++) {
                float ui = -g[i] * lr + u[i] * mu;
                u[i] = ui;
                w[i] += nesterov ? -g[i] * lr + ui * mu : ui;
            }
        }
        iterations++;
    }

    @Override
    public long iterations() {
        return iterations;
    }

    @Override
    public String toString() {
        return "SGD(learning_rate=" + learningRate + ", momentum=" + momentum + ", nesterov=" + nesterov + ")";
    }
}
