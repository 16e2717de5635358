package org.losses4j.loss.regression;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Asymmetric Huber loss: Huber's loss with the whole under-estimation side weighted by α, so that predicting too
 * little costs α times as much as predicting too much by the same amount (or less, for α &lt; 1).
 *
 * <p>With a = x − y (prediction minus target; a &lt; 0 is under-estimation) and Huber<sub>δ</sub> as in
 * {@link HuberLoss}:
 * <pre>
 *   ℓ = Huber_δ(a)        if a ≥ 0
 *   ℓ = α·Huber_δ(a)      if a &lt; 0
 *   Huber_δ(a) = ½·a² if |a| &lt; δ, else δ·(|a| − ½·δ)
 * </pre>
 * The loss is continuous with a continuous first derivative: both sides have value and slope 0 at a = 0, and on
 * each side the quadratic and linear pieces meet at |a| = δ as in Huber's loss. α = 1 is {@link HuberLoss} exactly.
 * <p><b>Not the primer's variant.</b> The primer that motivated this loss prints
 * <pre>
 *   ℓ = ½·a²              if |a| ≤ δ
 *   ℓ = δ·(|a| − ½·δ)     if a &gt; δ
 *   ℓ = α·δ·(|a| − ½·δ)   if a &lt; −δ
 * </pre>
 * which scales only the linear part below −δ. When α ≠ 1 that loss jumps at a = −δ, from ½·δ² to α·½·δ², and its
 * slope jumps from −δ to −α·δ: the optimiser sees a cliff exactly where errors become large. We do not reproduce
 * the jump: our loss is continuous in value and slope at a = −δ.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast).
 * <p>Gradient: ∂ℓ/∂x = w·clamp(a, −δ, δ) with w = α for a &lt; 0 and 1 otherwise (0 at a = 0, ±w·δ at |a| ≥ δ);
 * ∂ℓ/∂y = −∂ℓ/∂x; divided by n for {@code mean}.
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): α where −δ &lt; d &lt; 0, 1 where
 * 0 ≤ d &lt; δ (d = 0 takes the over-estimation side, as the value's weight), <b>0 from |d| = δ on</b>, NaN where d is
 * NaN; divided by n for {@code mean}.
 * <p>Validation: δ &gt; 0 and 0 &lt; α &lt; ∞, also as the float32 values the kernel uses
 * ({@code asymmetric_huber: alpha must be > 0, got 0}; {@code alpha must be > 0 in float32, got 1.0E-46 (rounds to
 * 0.0)}). δ = ∞ is accepted as in {@link HuberLoss} (α·½a² below 0, ½a² above); an infinite α is not: every
 * under-estimate would cost ∞, and ∞·0 = NaN where ½a² underflows.
 * <p>Reference: a library loss, defined here; P. J. Huber, "Robust Estimation of a Location
 * Parameter", Annals of Mathematical Statistics 35(1), 1964.
 */
public final class AsymmetricHuberLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("asymmetric_huber", Family.REGRESSION,
                    "Huber with under-estimation (x < y) weighted by alpha; continuous.")
            .number("delta", 1.0, Rule.POSITIVE_FLOAT32, "where the loss turns from quadratic to linear")
            .number("alpha", 1.0, Rule.POSITIVE_FINITE_FLOAT32, "the weight of under-estimation")
            .factory(p -> new AsymmetricHuberLoss(p.getDouble("delta"), p.getDouble("alpha"), p.reduction()));

    private final float delta;
    private final float alpha;

    /** δ = 1, α = 1 (Huber's loss), reduction {@code mean}. */
    public AsymmetricHuberLoss() {
        this(1.0, 1.0, Reduction.MEAN);
    }

    /**
     * The given δ and α, reduction {@code mean}.
     *
     * @param delta the threshold between the quadratic and the linear part
     * @param alpha α &gt; 0, the weight of under-estimation (x &lt; y): 2 makes predicting too little cost twice as
     *              much
     */
    public AsymmetricHuberLoss(double delta, double alpha) {
        this(delta, alpha, Reduction.MEAN);
    }

    /**
     * @param delta     where the loss turns from quadratic to linear; &gt; 0
     * @param alpha     the weight of under-estimation (x &lt; y); &gt; 0
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public AsymmetricHuberLoss(double delta, double alpha, Reduction reduction) {
        super(DECLARATION, reduction);
        this.delta = checkedFloat32("delta", delta);
        this.alpha = checkedFloat32("alpha", alpha);
    }

    /**
     * δ, the point where the loss turns from quadratic to linear.
     *
     * @return δ, the point where the loss turns from quadratic to linear
     */
    public double delta() {
        return delta;
    }

    /**
     * α, the weight of under-estimation.
     *
     * @return α, the weight of under-estimation
     */
    public double alpha() {
        return alpha;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final float dl = delta;
        final float al = alpha;
        double sum = 0;
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            float a = Math.abs(d);
            float m = Math.min(a, dl);
            float w = d < 0 ? al : 1f;
            float l = w * (m * (a - 0.5f * m));
            sum += l;
            if (out != null) {
                out[i] = l;
            }
            float g = w * Math.max(-dl, Math.min(d, dl)) * scale;
            if (gx != null) {
                gx[i] = g;
            }
            if (gy != null) {
                gy[i] = -g;
            }
        }
        return sum;
    }

    /**
     * The second derivative: w where |d| &lt; δ (w = α for d &lt; 0, 1 for d ≥ 0, as the value's weight), 0 from
     * |d| = δ on, as autograd of the formula gives (Huber's rule on each side); NaN where d is NaN; divided by n for
     * {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        final float dl = delta;
        final float al = alpha;
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            float a = Math.abs(d);
            float w = d < 0 ? al : 1f;
            hx[i] = a < dl ? w * scale : a >= dl ? 0f : Float.NaN;
        }
    }
}
