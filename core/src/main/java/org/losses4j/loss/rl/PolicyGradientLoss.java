package org.losses4j.loss.rl;

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
 * The policy-gradient (REINFORCE) loss of a categorical policy ({@code policy_gradient_loss}), Williams (1992), with an
 * optional entropy bonus.
 *
 * <p>Inputs, for N timesteps and A discrete actions: {@code logits} (N, A), the policy's unnormalised log-probabilities
 * (the only differentiable input); {@code actions} (N), int64 in [0, A); {@code advantages} (N), the advantages
 * A<sub>t</sub> (returns minus a baseline, already computed: they are constants, so no gradient flows into the
 * baseline). With log π = {@code log_softmax(logits)} and the entropy H<sub>t</sub> = −Σ<sub>j</sub> π<sub>tj</sub>·log π<sub>tj</sub>, the
 * per-timestep loss is
 * <pre>
 *   ℓ_t = −log π(a_t | s_t)·A_t − β·H_t
 * </pre>
 * <ul>
 *   <li>{@code mean} (default): (1/N)·Σℓ<sub>t</sub> = −mean(log π(a|s)·A) − β·mean(H) (NaN for an empty batch);</li>
 *   <li>{@code sum}: Σℓ<sub>t</sub> (what the PyTorch REINFORCE example script does);</li>
 *   <li>{@code none}: the (N) tensor of ℓ<sub>t</sub>.</li>
 * </ul>
 * <p>Gradient with respect to the logits (divided by N for {@code mean}):
 * ∂ℓ<sub>t</sub>/∂z<sub>tj</sub> = −A<sub>t</sub>·(1[j = a<sub>t</sub>] − π<sub>tj</sub>) + β·π<sub>tj</sub>·(log π<sub>tj</sub> + H<sub>t</sub>).
 * The log-softmax is evaluated with the max subtracted (log-sum-exp in double), so logits of ±100 give exact
 * probabilities 0 and 1 and no overflow. Logits must be finite for the entropy term (a −∞ logit gives 0·(−∞), NaN, as
 * the plain torch formula).
 * <p>Parameters: β ({@code entropy_coef}, default 0, finite and ≥ 0).
 * <p>Helpers for preparing the advantages: {@link #discountedReturns(Tensor, Tensor, double)} (returns-to-go with
 * episode boundaries) and {@link #normalize(Tensor, double)} / {@link #advantages(Tensor, Tensor, boolean)}
 * (baseline subtraction and normalisation by the unbiased standard deviation plus ε).
 * <p>Validation: logits must be 2-D with A ≥ 1; actions and advantages must have shape (N); actions must be in [0, A)
 * (the message names the value, its index and A); β must be finite and ≥ 0.
 * <p>Reference: R. J. Williams, "Simple statistical gradient-following algorithms for connectionist reinforcement
 * learning", Machine Learning 8, 1992; the entropy bonus of V. Mnih et al., "Asynchronous Methods for Deep
 * Reinforcement Learning", ICML 2016; PyTorch's {@code examples/reinforcement_learning/reinforce.py}.
 */
public final class PolicyGradientLoss extends AbstractLoss {
    /** The registry name. */
    public static final String NAME = "policy_gradient_loss";

    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of(NAME, Family.REINFORCEMENT,
                    "REINFORCE: -mean(log_softmax(logits)[a] * advantage) - entropy_coef * mean entropy.")
            .inputs(InputSpec.differentiable("logits"), InputSpec.indices("actions"), InputSpec.constant("advantages"))
            .number("entropy_coef", 0.0, Rule.FINITE_NON_NEGATIVE, "the weight of the entropy bonus")
            .factory(p -> new PolicyGradientLoss(p.getDouble("entropy_coef"), p.reduction()));

    /** float32 machine epsilon, the default ε of {@link #normalize(Tensor)} (PyTorch examples' {@code eps}). */
    public static final double EPS = 1.1920928955078125e-7;

    private final double entropyCoef;

    /** No entropy bonus, reduction {@code mean}. */
    public PolicyGradientLoss() {
        this(0.0, Reduction.MEAN);
    }

    /**
     * @param entropyCoef the entropy bonus coefficient β (finite, ≥ 0)
     * @param reduction   {@code none}, {@code mean} or {@code sum}
     */
    public PolicyGradientLoss(double entropyCoef, Reduction reduction) {
        super(DECLARATION, reduction);
        this.entropyCoef = checked("entropy_coef", entropyCoef);
    }

    /**
     * The entropy bonus coefficient β.
     *
     * @return the entropy bonus coefficient β
     */
    public double entropyCoef() {
        return entropyCoef;
    }

    /**
     * The value and the gradient with respect to the logits.
     *
     * @param logits the policy's unnormalised log-probabilities, (N, A), finite
     * @param actions the actions taken, as indices
     * @param advantages the advantages A<sub>t</sub>, (N), constants (no gradient flows into them)
     * @return the value and the gradient with respect to the logits
     */
    public LossResult valueAndGradient(Tensor logits, Tensor actions, Tensor advantages) {
        return compute(Map.of("logits", logits, "actions", actions, "advantages", advantages), Set.of("logits"));
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> inputs, Set<String> wrt) {
        Tensor z = inputs.get("logits");
        Batch.requireRows(NAME, "logits", z);
        int n = z.size(0);
        int a = z.size(1);
        Tensor actions = inputs.get("actions");
        Tensor adv = inputs.get("advantages");
        Batch.requirePerRow(NAME, "actions", actions, "logits", z);
        Batch.requirePerRow(NAME, "advantages", adv, "logits", z);
        long[] act = actions.longData();
        Batch.requireActions(NAME, act, a);
        Reduction red = reduction();
        float[] zd = z.data();
        float[] ad = adv.data();
        float[] g = wrt.contains("logits") ? new float[zd.length] : null;
        float[] out = red == Reduction.NONE ? new float[n] : null;
        double scale = LossResult.gradientScale(red, n);
        double beta = entropyCoef;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int row = i * a;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = row; j < row + a; j++) {
                m = Math.max(m, zd[j]);
            }
            double s = 0;
            for (int j = row; j < row + a; j++) {
                s += Math.exp(zd[j] - m);
            }
            double ls = Math.log(s); // log π = (z − m) − ls: the shift first, so large logits keep ls
            double h = 0;
            if (beta != 0) {
                for (int j = row; j < row + a; j++) {
                    double lp = (zd[j] - m) - ls;
                    h -= Math.exp(lp) * lp;
                }
            }
            int at = (int) act[i];
            double advantage = ad[i];
            double l = -((zd[row + at] - m) - ls) * advantage - beta * h;
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (g != null) {
                for (int j = row; j < row + a; j++) {
                    double lp = (zd[j] - m) - ls;
                    double p = Math.exp(lp);
                    double gj = advantage * p + (beta != 0 ? beta * p * (lp + h) : 0);
                    if (j == row + at) {
                        gj -= advantage;
                    }
                    g[j] = (float) (gj * scale);
                }
            }
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        putGradient(grads, "logits", g, z.shape());
        return reduced(sum, n, out, new int[] {n}, grads);
    }

    /**
     * Discounted returns-to-go, G<sub>t</sub> = r<sub>t</sub> + γ·(1 − done<sub>t</sub>)·G<sub>t+1</sub>, computed backwards from
     * G<sub>T</sub> = r<sub>T</sub> (the last step bootstraps nothing). {@code done_t = 1} marks the last step of an
     * episode, so the return restarts there; several episodes may be concatenated.
     *
     * @param rewards (T) rewards
     * @param dones   (T) 0 or 1, or {@code null} for a single episode
     * @param gamma   the discount, in [0, 1]
     * @return the (T) returns, accumulated in double and rounded to float32
     */
    public static Tensor discountedReturns(Tensor rewards, Tensor dones, double gamma) {
        String fn = NAME + ".discountedReturns";
        Check.closedInterval(fn, "gamma", gamma, 0, 1);
        Check.floatTensor(fn, "rewards", rewards);
        if (rewards.dim() != 1) {
            throw Check.error(fn, "rewards must have shape (T), got " + rewards.shapeString());
        }
        float[] r = rewards.data();
        float[] d = null;
        if (dones != null) {
            Tensor df = dones.toFloat();
            if (!df.sameShape(rewards)) {
                throw Check.error(fn, "dones shape " + df.shapeString() + " must match rewards shape "
                        + rewards.shapeString());
            }
            d = df.data();
            Batch.requireZeroOne(fn, "dones", d);
        }
        float[] out = new float[r.length];
        double g = 0;
        for (int t = r.length - 1; t >= 0; t--) {
            double keep = d == null ? 1 : 1 - d[t];
            g = r[t] + gamma * keep * g;
            out[t] = (float) g;
        }
        return Tensor.wrap(out, r.length);
    }

    /**
     * {@link #normalize(Tensor, double)} with ε = {@link #EPS}.
     *
     * @param x the values to normalise (advantages, say), float32 of any shape, at least two
     * @return a new tensor of the normalised values, in x's shape
     */
    public static Tensor normalize(Tensor x) {
        return normalize(x, EPS);
    }

    /**
     * (x − mean(x)) / (std(x) + ε) with the unbiased (N − 1) standard deviation, as
     * {@code (x - x.mean()) / (x.std() + eps)} in the PyTorch examples. All-equal values give zeros.
     *
     * @param x the values to normalise, float32 of any shape, at least two
     * @param eps ε ≥ 0, added to the standard deviation (it bounds the result when the values barely differ)
     * @return a new tensor of the normalised values, in x's shape
     * @throws IllegalArgumentException for fewer than 2 values (PyTorch's unbiased std is NaN there), or ε &lt; 0
     */
    public static Tensor normalize(Tensor x, double eps) {
        String fn = NAME + ".normalize";
        Check.floatTensor(fn, "x", x);
        Check.nonNegative(fn, "eps", eps);
        float[] v = x.data();
        int n = v.length;
        if (n < 2) {
            throw Check.error(fn, "needs at least 2 values for the unbiased standard deviation, got " + n);
        }
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= n;
        double ss = 0;
        for (float f : v) {
            ss += (f - mean) * (f - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((v[i] - mean) / (sd + eps));
        }
        return Tensor.wrap(out, x.shape());
    }

    /**
     * Advantages A<sub>t</sub> = G<sub>t</sub> − b(s<sub>t</sub>), optionally normalised with {@link #normalize(Tensor)}.
     *
     * @param returns   (T) returns G
     * @param baseline  (T) baseline values b (treated as constants), or {@code null} for none
     * @param normalize whether to normalise the result
     * @return the (T) advantages G − b, passed through {@link #normalize(Tensor)} when {@code normalize}
     */
    public static Tensor advantages(Tensor returns, Tensor baseline, boolean normalize) {
        String fn = NAME + ".advantages";
        Check.floatTensor(fn, "returns", returns);
        float[] g = returns.data();
        float[] out = g.clone();
        if (baseline != null) {
            Tensor b = baseline.toFloat();
            Check.sameShape(fn, "returns", returns, "baseline", b);
            float[] bd = b.data();
            for (int i = 0; i < out.length; i++) {
                out[i] = g[i] - bd[i];
            }
        }
        Tensor a = Tensor.wrap(out, returns.shape());
        return normalize ? normalize(a) : a;
    }
}
