package org.losses4j.loss.regression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * Huber loss with a concomitant scale σ learned jointly with the model, so that δ = ε·σ follows the noise level:
 * the objective of scikit-learn's {@code HuberRegressor} (Owen 2007), without its L2 penalty.
 *
 * <p>With r = x − y and a scale σ &gt; 0, per element:
 * <pre>
 *   ℓ = σ + r²/σ                  if |r| ≤ ε·σ
 *   ℓ = σ + 2·ε·|r| − ε²·σ        otherwise
 * </pre>
 * that is ℓ = σ·(1 + 2·H<sub>ε</sub>(r/σ)) with H<sub>ε</sub> the Huber function of threshold ε. Minimising over σ
 * estimates the scale of the inliers (for fixed residuals, ∂ℓ/∂σ = 0 balances the inliers' r²/σ² against 1 and
 * 1 − ε²); the effective Huber threshold on r is δ = ε·σ. The two pieces meet with equal value and equal
 * derivatives (in r and in σ) at |r| = ε·σ.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub> (scikit-learn's objective is this sum plus α·‖w‖²).</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast); {@code sigma} a 0-d tensor (one scale, as
 * scikit-learn) or a tensor of the input's shape (a scale per element).
 * <p>Gradient: ∂ℓ/∂x = 2r/σ inside, 2ε·sign(r) outside (continuous at the threshold); ∂ℓ/∂y = −∂ℓ/∂x;
 * ∂ℓ/∂σ = 1 − r²/σ² inside, 1 − ε² outside, summed over the elements for a 0-d σ; divided by n for {@code mean}.
 * <p>Parameters: {@code epsilon} = 1.35 (scikit-learn's default; 95 % efficiency at the Gaussian), ≥ 1 as
 * scikit-learn requires. {@code sigma} must be &gt; 0 (checked per element:
 * {@code huber_concomitant_loss: sigma must be > 0, got -1 at index 0}). To learn σ unconstrained, parametrise
 * σ = exp(s) or softplus(s) outside the loss.
 * <p>Reference: A. B. Owen, "A robust hybrid of lasso and ridge regression", Contemporary Mathematics 443, 2007
 * (eq. for the concomitant scale, after Huber 1981 §7.7); scikit-learn
 * {@code sklearn/linear_model/_huber.py}, {@code _huber_loss_and_gradient}. PyTorch has no such loss; the golden
 * values come from this formula written in torch ({@code tools/fixtures/delta.py}).
 */
public final class HuberConcomitantLoss extends AbstractLoss {
    static final String NAME = "huber_concomitant_loss";

    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of(NAME, Family.REGRESSION,
                    "Huber with a learned scale sigma, delta = epsilon*sigma; inputs input, target, sigma (scikit-learn "
                            + "HuberRegressor, Owen 2007).")
            .inputs(InputSpec.differentiable("input"), InputSpec.differentiable("target"),
                    InputSpec.differentiable("sigma"))
            .number("epsilon", 1.35, Rule.finiteAtLeast(1), "the threshold in units of sigma")
            .factory(p -> new HuberConcomitantLoss(p.getDouble("epsilon"), p.reduction()));

    private final double epsilon;

    /** ε = 1.35, reduction {@code mean}. */
    public HuberConcomitantLoss() {
        this(1.35, Reduction.MEAN);
    }

    /**
     * The given ε (≥ 1) and reduction.
     *
     * @param epsilon ε ≥ 1, the threshold in units of σ (scikit-learn's default 1.35)
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public HuberConcomitantLoss(double epsilon, Reduction reduction) {
        super(DECLARATION, reduction);
        this.epsilon = checked("epsilon", epsilon);
    }

    /**
     * ε: the threshold in units of σ.
     *
     * @return ε: the threshold in units of σ
     */
    public double epsilon() {
        return epsilon;
    }

    /**
     * The value and the gradients of (input, target, sigma).
     *
     * @param input the input (the prediction)
     * @param target the target, of the input's shape
     * @param sigma the scale σ &gt; 0: a 0-d tensor (one scale) or a tensor of the input's shape (one per element)
     * @return the value and the gradients with respect to input, target and sigma
     */
    public LossResult valueAndGradient(Tensor input, Tensor target, Tensor sigma) {
        return compute(Map.of("input", input, "target", target, "sigma", sigma), Set.of("input", "target", "sigma"));
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> inputs, Set<String> wrt) {
        Tensor in = inputs.get("input");
        Tensor tg = inputs.get("target");
        Tensor sg = inputs.get("sigma");
        Check.sameShape(NAME, "input", in, "target", tg);
        boolean scalarSigma = sg.dim() == 0;
        if (!scalarSigma && !sg.sameShape(in)) {
            throw error("sigma shape " + sg.shapeString() + " must be [] or match input shape " + in.shapeString()
                    + " (losses4j does not broadcast it)");
        }
        float[] x = in.data();
        float[] y = tg.data();
        float[] s = sg.data();
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] > 0)) {
                throw error("sigma must be > 0, got " + Check.fmt(s[i]) + (scalarSigma ? "" : " at index " + i));
            }
        }
        int n = x.length;
        Reduction red = reduction();
        double scale = 1 / red.divisor(n);
        float[] out = red == Reduction.NONE ? new float[n] : null;
        float[] gx = wrt.contains("input") ? new float[n] : null;
        float[] gy = wrt.contains("target") ? new float[n] : null;
        boolean wantS = wrt.contains("sigma");
        float[] gs = wantS && !scalarSigma ? new float[n] : null;
        final double eps = epsilon;
        final double eps2 = eps * eps;
        double sum = 0;
        double gsSum = 0;
        for (int i = 0; i < n; i++) {
            double sigma = s[scalarSigma ? 0 : i];
            double r = (double) x[i] - (double) y[i];
            double a = Math.abs(r);
            double l;
            double dr;
            double ds;
            if (a <= eps * sigma) {
                l = sigma + r * r / sigma;
                dr = 2 * r / sigma;
                ds = 1 - (r / sigma) * (r / sigma);
            } else {
                l = sigma + 2 * eps * a - eps2 * sigma;
                dr = 2 * eps * Math.signum(r);
                ds = 1 - eps2;
            }
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = (float) (dr * scale);
            }
            if (gy != null) {
                gy[i] = (float) (-dr * scale);
            }
            if (gs != null) {
                gs[i] = (float) (ds * scale);
            } else if (wantS) {
                gsSum += ds;
            }
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        putGradient(grads, "input", gx, in.shape());
        putGradient(grads, "target", gy, in.shape());
        if (wantS) {
            grads.put("sigma", scalarSigma ? Tensor.scalar(n == 0 ? 0f : (float) (gsSum * scale)) : Tensor.wrap(gs, sg.shape()));
        }
        return reduced(sum, n, out, in.shape(), grads);
    }
}
