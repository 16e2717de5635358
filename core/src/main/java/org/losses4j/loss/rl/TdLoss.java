package org.losses4j.loss.rl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.Check;
import org.losses4j.loss.Family;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.Labelled;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;
import org.losses4j.tensor.Tensor;

/**
 * The DQN temporal-difference loss ({@code td_loss}) of Mnih et al. (2015), with the double-DQN target as an option.
 *
 * <p>Inputs, for a batch of N transitions (s, a, r, s', done) and A discrete actions:
 * <ul>
 *   <li>{@code q} (N, A): the online network's Q-values of s (the only differentiable input);</li>
 *   <li>{@code actions} (N), int64 in [0, A): the action taken;</li>
 *   <li>{@code rewards} (N): the reward r;</li>
 *   <li>{@code next_q_target} (N, A): the target network's Q-values of s';</li>
 *   <li>{@code dones} (N), each 0 or 1: whether s' is terminal (terminated, not truncated by a time limit);</li>
 *   <li>{@code next_q_online} (N, A), optional: the online network's Q-values of s'; when given, the target is the
 *       double-DQN one (van Hasselt et al. 2016).</li>
 * </ul>
 * The target (a constant: no gradient flows into it, as under {@code torch.no_grad()} / {@code .detach()}):
 * <pre>
 *   y_i = r_i + γ·(1 − done_i)·max_a' Q_target(s'_i, a')          (DQN)
 *   y_i = r_i + γ·(1 − done_i)·Q_target(s'_i, argmax_a' Q_online(s'_i, a'))   (double DQN)
 * </pre>
 * The prediction is q<sub>i</sub> = Q(s<sub>i</sub>, a<sub>i</sub>) ({@code q.gather(1, actions[:, None])}), and with
 * d<sub>i</sub> = q<sub>i</sub> − y<sub>i</sub> the per-transition loss is, by {@code loss_type}:
 * <ul>
 *   <li>{@code huber} (default): ½d² if |d| &lt; δ, else δ·(|d| − ½δ) ({@code F.huber_loss});</li>
 *   <li>{@code smooth_l1}: Huber/δ, i.e. {@code F.smooth_l1_loss} with β = δ (identical to Huber for δ = 1);</li>
 *   <li>{@code mse}: d² ({@code F.mse_loss}).</li>
 * </ul>
 * With δ = 1 the Huber gradient is the TD error clipped to [−1, 1], which is what Mnih et al. do; the PyTorch DQN
 * tutorial and Stable-Baselines3 use {@code smooth_l1_loss} with β = 1, the same thing.
 * <p>Reductions: {@code none} gives the (N) tensor of per-transition losses; {@code mean} (default) divides the sum by
 * N (NaN for an empty batch, as PyTorch); {@code sum} adds them up.
 * <p>Gradient: only {@code q} is differentiable, and only its chosen entries: ∂L/∂q<sub>i,a_i</sub> =
 * clamp(d<sub>i</sub>, −δ, δ) (huber), clamp(d<sub>i</sub>, −δ, δ)/δ (smooth_l1) or 2d<sub>i</sub> (mse), divided by N for
 * {@code mean}; every other entry of q gets 0. At a kink the one-sided values PyTorch's kernels return are used
 * (0 at d = 0, ±δ at |d| = δ). Ties in the max are harmless (the max is unique); ties in the double-DQN argmax take
 * the first maximal action, as {@code torch.argmax}. A NaN in the next-state values propagates, as in PyTorch.
 * <p>Parameters: γ ({@code gamma}, default 0.99, in [0, 1]); {@code loss_type} (default {@code huber}); δ
 * ({@code delta}, default 1, &gt; 0; unused by {@code mse}). Stable-Baselines3 additionally clips the global gradient
 * norm at 10; that belongs to the optimiser, not to this loss.
 * <p>Validation (one-line {@link IllegalArgumentException}s): q must be 2-D with A ≥ 1; next_q_target and
 * next_q_online must have q's shape; actions, rewards and dones must have shape (N); actions must be in [0, A) and
 * dones 0 or 1 (the message names the value and its index); γ outside [0, 1], δ ≤ 0 and an unknown loss type are
 * rejected at construction.
 * <p>Reference: V. Mnih et al., "Human-level control through deep reinforcement learning", Nature 518, 2015;
 * H. van Hasselt, A. Guez, D. Silver, "Deep Reinforcement Learning with Double Q-learning", AAAI 2016; the PyTorch
 * DQN tutorial ({@code optimize_model}).
 */
public final class TdLoss extends AbstractLoss {
    /** The registry name. */
    public static final String NAME = "td_loss";

    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of(NAME, Family.REINFORCEMENT,
                    "DQN temporal-difference loss on q[a] vs r + gamma*(1-done)*max Q_target(s'); double DQN with "
                            + "next_q_online.")
            .inputs(InputSpec.differentiable("q"), InputSpec.indices("actions"), InputSpec.constant("rewards"),
                    InputSpec.constant("next_q_target"), InputSpec.constant("dones"),
                    InputSpec.constant("next_q_online").asOptional())
            .number("gamma", 0.99, Rule.closed(0, 1), "the discount factor")
            .choice("loss_type", LossType.HUBER, LossType.values(), "the loss of the TD error")
            .number("delta", 1.0, Rule.POSITIVE_FINITE, "the Huber threshold (and Smooth L1's beta)")
            .factory(p -> new TdLoss(p.getDouble("gamma"), LossType.parse(p.getString("loss_type")),
                    p.getDouble("delta"), p.reduction()));

    /** The element-wise loss applied to the TD error. */
    public enum LossType implements Labelled {
        /** Huber with threshold δ ({@code F.huber_loss}). */
        HUBER,
        /** Smooth L1 with β = δ ({@code F.smooth_l1_loss}): Huber divided by δ. */
        SMOOTH_L1,
        /** Squared error ({@code F.mse_loss}). */
        MSE;

        /**
         * The loss type of that name (exactly).
         *
         * @param name the label given: {@code huber}, {@code smooth_l1} or {@code mse}, exactly
         * @return the loss type of that label
         * @throws IllegalArgumentException for any other value
         */
        public static LossType parse(String name) {
            return Check.choice(NAME, "loss_type", name, values());
        }

        @Override
        public String toString() {
            return label();
        }
    }

    private final double gamma;
    private final LossType type;
    private final double delta;

    /** γ = 0.99, Huber with δ = 1, reduction {@code mean}: the DQN defaults. */
    public TdLoss() {
        this(0.99, LossType.HUBER, 1.0, Reduction.MEAN);
    }

    /**
     * @param gamma     the discount γ, in [0, 1]
     * @param type      the loss applied to the TD error
     * @param delta     Huber's δ (smooth L1's β), &gt; 0; ignored by {@code mse}
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public TdLoss(double gamma, LossType type, double delta, Reduction reduction) {
        super(DECLARATION, reduction);
        this.gamma = checked("gamma", gamma);
        if (type == null) {
            throw error("loss_type must be one of huber, smooth_l1, mse, got null");
        }
        this.type = type;
        param("loss_type", type.label());
        this.delta = checked("delta", delta);
    }

    /**
     * The discount γ.
     *
     * @return the discount γ
     */
    public double gamma() {
        return gamma;
    }

    /**
     * The loss applied to the TD error.
     *
     * @return the loss applied to the TD error
     */
    public LossType lossType() {
        return type;
    }

    /**
     * Huber's δ (smooth L1's β).
     *
     * @return Huber's δ (smooth L1's β)
     */
    public double delta() {
        return delta;
    }

    /**
     * Value and the gradient with respect to {@code q} (DQN target).
     *
     * @param q the online network's Q-values of the states, (N, A); the only differentiable input
     * @param actions the action taken at each transition, (N), int64 in [0, A)
     * @param rewards the reward of each transition, (N)
     * @param nextQTarget the target network's Q-values of the next states, (N, A)
     * @param dones 1 where the episode ended at the transition, else 0
     * @return the value and the gradient with respect to {@code q} (zero outside the actions taken)
     */
    public LossResult valueAndGradient(Tensor q, Tensor actions, Tensor rewards, Tensor nextQTarget, Tensor dones) {
        return compute(Map.of("q", q, "actions", actions, "rewards", rewards, "next_q_target", nextQTarget,
                "dones", dones), Set.of("q"));
    }

    /**
     * Value and the gradient with respect to {@code q} with the double-DQN target.
     *
     * @param nextQOnline the online network's Q-values of the next states, (N, A): they choose the next action, whose
     *                    value {@code nextQTarget} gives (double DQN)
     * @param q the online network's Q-values of the states, (N, A); the only differentiable input
     * @param actions the action taken at each transition, (N), int64 in [0, A)
     * @param rewards the reward of each transition, (N)
     * @param nextQTarget the target network's Q-values of the next states, (N, A)
     * @param dones 1 where the episode ended at the transition, else 0
     * @return the value and the gradient with respect to {@code q} (zero outside the actions taken)
     */
    public LossResult valueAndGradient(Tensor q, Tensor actions, Tensor rewards, Tensor nextQTarget, Tensor dones,
            Tensor nextQOnline) {
        return compute(Map.of("q", q, "actions", actions, "rewards", rewards, "next_q_target", nextQTarget,
                "dones", dones, "next_q_online", nextQOnline), Set.of("q"));
    }

    @Override
    protected LossResult evaluate(Map<String, Tensor> inputs, Set<String> wrt) {
        Tensor q = inputs.get("q");
        Batch.requireRows(NAME, "q", q);
        int n = q.size(0);
        int a = q.size(1);
        Tensor actions = inputs.get("actions");
        Tensor rewards = inputs.get("rewards");
        Tensor nextT = inputs.get("next_q_target");
        Tensor dones = inputs.get("dones");
        Tensor nextO = inputs.get("next_q_online");
        Check.sameShape(NAME, "q", q, "next_q_target", nextT);
        if (nextO != null) {
            Check.sameShape(NAME, "q", q, "next_q_online", nextO);
        }
        Batch.requirePerRow(NAME, "actions", actions, "q", q);
        Batch.requirePerRow(NAME, "rewards", rewards, "q", q);
        Batch.requirePerRow(NAME, "dones", dones, "q", q);
        long[] act = actions.longData();
        Batch.requireActions(NAME, act, a);
        float[] dn = dones.data();
        Batch.requireZeroOne(NAME, "dones", dn);

        Reduction red = reduction();
        boolean wantQ = wrt.contains("q");
        float[] qd = q.data();
        float[] r = rewards.data();
        float[] nt = nextT.data();
        float[] no = nextO == null ? null : nextO.data();
        float[] g = wantQ ? new float[qd.length] : null;
        float[] out = red == Reduction.NONE ? new float[n] : null;
        double scale = LossResult.gradientScale(red, n);
        double dl = delta;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int row = i * a;
            double next;
            if (no == null) {
                next = max(nt, row, a);
            } else {
                next = nt[row + argmax(no, row, a)];
            }
            double y = r[i] + gamma * (1.0 - dn[i]) * next;
            double d = qd[row + (int) act[i]] - y;
            double l;
            double gr;
            switch (type) {
                case MSE:
                    l = d * d;
                    gr = 2 * d;
                    break;
                case SMOOTH_L1: {
                    double m = Math.min(Math.abs(d), dl);
                    l = m * (Math.abs(d) - 0.5 * m) / dl;
                    gr = Math.max(-dl, Math.min(d, dl)) / dl;
                    break;
                }
                default: {
                    double m = Math.min(Math.abs(d), dl);
                    l = m * (Math.abs(d) - 0.5 * m);
                    gr = Math.max(-dl, Math.min(d, dl));
                }
            }
            if (Double.isNaN(d)) {
                gr = Double.NaN;
            }
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (g != null) {
                g[row + (int) act[i]] = (float) (gr * scale);
            }
        }
        Map<String, Tensor> grads = new LinkedHashMap<>();
        putGradient(grads, "q", g, q.shape());
        return reduced(sum, n, out, new int[] {n}, grads);
    }

    /** max over row {@code [from, from + a)}; NaN if any element is NaN (as {@code torch.max}). */
    static double max(float[] v, int from, int a) {
        float m = v[from];
        for (int j = from + 1; j < from + a; j++) {
            float x = v[j];
            if (x > m || Float.isNaN(x)) {
                m = x;
                if (Float.isNaN(x)) {
                    break;
                }
            }
        }
        return m;
    }

    /** The first index of the maximum in a row (a NaN counts as the maximum, as {@code torch.argmax}). */
    static int argmax(float[] v, int from, int a) {
        int best = 0;
        float m = v[from];
        if (Float.isNaN(m)) {
            return 0;
        }
        for (int j = 1; j < a; j++) {
            float x = v[from + j];
            if (Float.isNaN(x)) {
                return j;
            }
            if (x > m) {
                m = x;
                best = j;
            }
        }
        return best;
    }
}
