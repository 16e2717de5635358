package org.losses4j.loss.rl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.SampleProvider;
import org.losses4j.testing.Samples;

/** Finite-difference samples of this family's losses (run by the conformance GradientCheckTest). */
public final class ReinforcementSamples implements SampleProvider {
    private static final double GAP = 0.05;

    @Override
    public List<LossSample> samples() {
        List<LossSample> s = new ArrayList<>();
        for (Reduction r : List.of(Reduction.NONE, Reduction.MEAN, Reduction.SUM)) {
            for (TdLoss.LossType type : TdLoss.LossType.values()) {
                for (double delta : new double[] {0.5, 1.0, 2.0}) {
                    if (type == TdLoss.LossType.MSE && delta != 1.0) {
                        continue;
                    }
                    for (boolean dbl : new boolean[] {false, true}) {
                        TdLoss loss = new TdLoss(0.9, type, delta, r);
                        s.add(new LossSample(loss + (dbl ? " double" : ""), loss, tdInputs(11, 6, 4, delta, dbl),
                                Set.of("q")));
                    }
                }
            }
            for (double beta : new double[] {0.0, 0.3, 2.0}) {
                PolicyGradientLoss loss = new PolicyGradientLoss(beta, r);
                s.add(new LossSample(loss.toString(), loss, Map.of("logits", Samples.normal(21, 2.0, 5, 4),
                        "actions", actions(22, 5, 4), "advantages", Samples.normal(23, 1.5, 5)), Set.of("logits")));
            }
        }
        PolicyGradientLoss one = new PolicyGradientLoss(0.1, Reduction.MEAN);
        s.add(new LossSample(one + " A=1", one, Map.of("logits", Samples.normal(31, 1.0, 3, 1),
                "actions", Tensor.indices(0, 0, 0), "advantages", Samples.normal(32, 1.0, 3)), Set.of("logits")));
        return s;
    }

    static Tensor actions(long seed, int n, int a) {
        Random r = new Random(seed);
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = r.nextInt(a);
        }
        return Tensor.wrapIndices(l, n);
    }

    /**
     * Transitions whose TD errors stay at least {@link #GAP} away from the kinks 0 and ±delta (the chosen Q-value is
     * moved until they do), with every third transition terminal.
     */
    static Map<String, Tensor> tdInputs(long seed, int n, int a, double delta, boolean dbl) {
        Tensor q = Samples.normal(seed, 2.0, n, a);
        Tensor act = actions(seed + 1, n, a);
        Tensor rew = Samples.normal(seed + 2, 1.0, n);
        Tensor nt = Samples.normal(seed + 3, 2.0, n, a);
        Tensor no = Samples.normal(seed + 4, 2.0, n, a);
        float[] dones = new float[n];
        for (int i = 0; i < n; i++) {
            dones[i] = i % 3 == 2 ? 1f : 0f;
        }
        float[] qd = q.data();
        for (int i = 0; i < n; i++) {
            double next = dbl ? nt.data()[i * a + TdLoss.argmax(no.data(), i * a, a)] : TdLoss.max(nt.data(), i * a, a);
            double y = rew.data()[i] + 0.9 * (1 - dones[i]) * next;
            int k = i * a + (int) act.longData()[i];
            while (near(qd[k] - y, delta)) {
                qd[k] += 0.2f;
            }
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("actions", act);
        m.put("rewards", rew);
        m.put("next_q_target", nt);
        m.put("dones", Tensor.wrap(dones, n));
        if (dbl) {
            m.put("next_q_online", no);
        }
        return m;
    }

    private static boolean near(double d, double delta) {
        return Math.abs(d) < GAP || Math.abs(Math.abs(d) - delta) < GAP;
    }
}
