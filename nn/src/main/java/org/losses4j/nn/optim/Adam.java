package org.losses4j.nn.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.nn.Parameter;

/**
 * Adam as Keras implements it ({@code keras.optimizers.Adam}; Kingma &amp; Ba, "Adam: A Method for Stochastic
 * Optimization", ICLR 2015, with the paper's "epsilon hat" formulation), with Keras's defaults: learning rate 1e-3,
 * β1 = 0.9, β2 = 0.999, ε = 1e-7. At step t = iterations + 1, per element:
 * <pre>
 *   m ← m + (g − m)·(1 − β1)
 *   v ← v + (g² − v)·(1 − β2)
 *   α = lr·√(1 − β2^t) / (1 − β1^t)
 *   θ ← θ − α·m / (√v + ε)
 * </pre>
 * ε is added to the <em>uncorrected</em> √v ("ε-hat"). PyTorch's {@code torch.optim.Adam} adds its ε (default 1e-8)
 * to the bias-corrected root instead: the two agree when PyTorch's ε at step t is ε/√(1 − β2^t). α is computed in
 * double and rounded to float32; m, v and θ are float32, updated in the order above, as Keras does.
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float oneMinusBeta1;
    private final float oneMinusBeta2;
    private final float eps;

    private List<Parameter> params = List.of();
    private final List<float[]> m = new ArrayList<>();
    private final List<float[]> v = new ArrayList<>();
    private long iterations;
    private float[][] values = new float[0][];
    private float[][] grads = new float[0][];
    private float[][] moments1 = new float[0][];
    private float[][] moments2 = new float[0][];

    /** Keras's defaults: {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}. */
    public Adam() {
        this(1e-3);
    }

    /**
     * Keras's defaults with the given learning rate.
     *
     * @param learningRate the step size α, &gt; 0 (Keras's default 1e-3)
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /**
     * Adam with every setting given, Keras's {@code Adam(learning_rate, beta_1, beta_2, epsilon)}.
     *
     * @param learningRate the step size α, &gt; 0
     * @param beta1 the decay rate of the first moment (Keras: 0.9)
     * @param beta2 the decay rate of the second moment (Keras: 0.999)
     * @param epsilon the constant added to √v (Keras: 1e-7)
     * @throws IllegalArgumentException when the learning rate or ε is not &gt; 0, or a β is outside [0, 1)
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = Optimizers.positive("adam", "learning rate", learningRate);
        this.beta1 = Optimizers.unitInterval("adam", "beta_1", beta1);
        this.beta2 = Optimizers.unitInterval("adam", "beta_2", beta2);
        this.epsilon = Optimizers.positive("adam", "epsilon", epsilon);
        this.oneMinusBeta1 = (float) (1 - beta1);
        this.oneMinusBeta2 = (float) (1 - beta2);
        this.eps = (float) epsilon;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /**
     * The decay rate of the first moment.
     *
     * @return β1 in [0, 1)
     */
    public double beta1() {
        return beta1;
    }

    /**
     * The decay rate of the second moment.
     *
     * @return β2 in [0, 1)
     */
    public double beta2() {
        return beta2;
    }

    /**
     * The constant added to √v.
     *
     * @return ε &gt; 0, added to √v in the denominator of the step
     */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", learningRate);
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }

    @Override
    public void prepare(List<Parameter> parameters) {
        this.params = List.copyOf(parameters);
        m.clear();
        v.clear();
        for (Parameter p : params) {
            m.add(new float[p.size()]);
            v.add(new float[p.size()]);
        }
        iterations = 0;
        int k = params.size();
        values = new float[k][];
        grads = new float[k][];
        moments1 = new float[k][];
        moments2 = new float[k][];
        for (int i = 0; i < k; i++) {
            values[i] = params.get(i).value();
            grads[i] = params.get(i).grad();
            moments1[i] = m.get(i);
            moments2[i] = v.get(i);
        }
    }

    @Override
    public void step() {
        long t = iterations + 1;
        float alpha = (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        final float b1 = oneMinusBeta1;
        final float b2 = oneMinusBeta2;
        final float e = eps;
        final float[][] ws = values;
        final float[][] gs = grads;
        final float[][] ms = moments1;
        final float[][] vs = moments2;
        for (int k = 0; k < ws.length; k++) {
            update(ws[k], gs[k], ms[k], vs[k], alpha, b1, b2, e);
        }
        if ((t & (FLUSH_PERIOD - 1)) == 0) {
            for (int k = 0; k < ws.length; k++) {
                flushSubnormals(ms[k]);
                flushSubnormals(vs[k]);
            }
        }
        iterations = t;
    }

    /**
     * Moments of parameters whose gradient stays 0 (dead ReLU units) decay into subnormal floats, whose arithmetic is
     * slow on x86; every {@value #FLUSH_PERIOD} steps they are set to 0 (where they then stay). A separate pass keeps
     * the update loop free of branches; the effect on the weights is below 1e-30.
     */
    static final int FLUSH_PERIOD = 1024;

    private static void flushSubnormals(float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0f && Math.abs(a[i]) < Float.MIN_NORMAL) {
                a[i] = 0f;
            }
        }
    }

    private static void update(float[] w, float[] g, float[] mk, float[] vk, float alpha, float b1, float b2,
            float e) {
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float mi = mk[i] + (gi - mk[i]) * b1;
            float vi = vk[i] + (gi * gi - vk[i]) * b2;
            mk[i] = mi;
            vk[i] = vi;
            w[i] -= (mi * alpha) / ((float) Math.sqrt(vi) + e);
        }
    }

    @Override
    public long iterations() {
        return iterations;
    }

    @Override
    public String toString() {
        return "Adam(learning_rate=" + learningRate + ", beta_1=" + beta1 + ", beta_2=" + beta2 + ", epsilon="
                + epsilon + ")";
    }
}
