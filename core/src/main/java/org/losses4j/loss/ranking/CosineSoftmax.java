package org.losses4j.loss.ranking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.tensor.Tensor;

/**
 * The machinery of the softmax contrastive losses ({@link InfoNceLoss}, {@link NtXentLoss},
 * {@link MultipleNegativesRankingLoss}): rows of several embedding inputs, each L2-normalised as PyTorch's
 * {@code F.normalize} does (u = z / max(‖z‖, 1e-12)); a query row's logits over a list of candidate rows,
 * scale·(u<sub>q</sub>·u<sub>c</sub>); the cross-entropy −logit<sub>pos</sub> + LSE(logits) with a max-shifted
 * log-sum-exp; and its gradient back through the cosine and the normalisation.
 *
 * <p>Memory: the normalised rows and their gradients (the size of the inputs) and one logits row; the similarity
 * matrix is never stored, so a batch of B queries over C candidates costs O(B·C·D) time and O(C) extra memory.
 */
final class CosineSoftmax {
    static final double NORM_EPS = 1e-12;

    private final int d;
    private final Tensor[] sources;
    private final float[][] raw;
    private final double[][] u;
    private final double[][] norm;
    private final double[][] gu;

    /**
     * @param sources the embedding inputs, row-major with rows of width {@code d} (null entries allowed)
     * @param grads   whether gradients will be accumulated
     */
    CosineSoftmax(Tensor[] sources, int d, boolean grads) {
        this.d = d;
        this.sources = sources;
        int k = sources.length;
        raw = new float[k][];
        u = new double[k][];
        norm = new double[k][];
        gu = grads ? new double[k][] : null;
        for (int s = 0; s < k; s++) {
            if (sources[s] == null) {
                continue;
            }
            float[] z = sources[s].data();
            raw[s] = z;
            int rows = d == 0 ? 0 : z.length / d;
            u[s] = new double[z.length];
            norm[s] = new double[rows];
            if (grads) {
                gu[s] = new double[z.length];
            }
            for (int r = 0; r < rows; r++) {
                int o = r * d;
                double ss = 0;
                for (int t = 0; t < d; t++) {
                    ss += (double) z[o + t] * z[o + t];
                }
                double n = Math.sqrt(ss);
                norm[s][r] = n;
                double inv = 1 / Math.max(n, NORM_EPS);
                for (int t = 0; t < d; t++) {
                    u[s][o + t] = z[o + t] * inv;
                }
            }
        }
    }

    /** The cosine of two rows (normalised dot product). */
    double cos(int s1, int r1, int s2, int r2) {
        double[] a = u[s1];
        double[] b = u[s2];
        int o1 = r1 * d;
        int o2 = r2 * d;
        double dot = 0;
        for (int t = 0; t < d; t++) {
            dot += a[o1 + t] * b[o2 + t];
        }
        return dot;
    }

    /**
     * The cross-entropy of query row (qs, qr) over the candidates (cs[k], cr[k]), k &lt; count, whose logits are
     * scale·cos; the positive is candidate {@code pos}. Adds c·∂loss/∂u to the normalised rows' gradients when
     * gradients are on and c ≠ 0.
     */
    double row(int qs, int qr, int[] cs, int[] cr, int count, int pos, double scale, double c, double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            logits[k] = scale * cos(qs, qr, cs[k], cr[k]);
            max = Math.max(max, logits[k]);
        }
        double se = 0;
        for (int k = 0; k < count; k++) {
            se += Math.exp(logits[k] - max);
        }
        double ls = Math.log(se);
        double loss = (max - logits[pos]) + ls; // the shift first: max + log Σe would round away log Σe
        if (gu != null && c != 0) {
            double[] uq = u[qs];
            double[] gq = gu[qs];
            int oq = qr * d;
            for (int k = 0; k < count; k++) {
                double g = c * scale * (Math.exp((logits[k] - max) - ls) - (k == pos ? 1 : 0));
                double[] uc = u[cs[k]];
                double[] gc = gu[cs[k]];
                int oc = cr[k] * d;
                for (int t = 0; t < d; t++) {
                    gq[oq + t] += g * uc[oc + t];
                    gc[oc + t] += g * uq[oq + t];
                }
            }
        }
        return loss;
    }

    /**
     * The gradients with respect to the sources whose names (one per source, in order) are in {@code wrt}, by name
     * in the sources' order, each in its source's shape.
     */
    Map<String, Tensor> grads(String[] names, Set<String> wrt) {
        Map<String, Tensor> g = new LinkedHashMap<>();
        for (int s = 0; s < names.length; s++) {
            if (wrt.contains(names[s])) {
                g.put(names[s], Tensor.wrap(grad(s), sources[s].shape()));
            }
        }
        return g;
    }

    /**
     * The gradient with respect to source {@code s}'s raw rows: through u = z / max(‖z‖, ε),
     * ∂z = (∂u − u·(u·∂u)) / ‖z‖, or ∂u / ε where the norm is clamped (PyTorch's clamp_min passes no gradient to
     * the norm there).
     */
    float[] grad(int s) {
        double[] g = gu[s];
        double[] us = u[s];
        float[] out = new float[g.length];
        int rows = d == 0 ? 0 : g.length / d;
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            double n = norm[s][r];
            if (n < NORM_EPS) {
                for (int t = 0; t < d; t++) {
                    out[o + t] = (float) (g[o + t] / NORM_EPS);
                }
                continue;
            }
            double dot = 0;
            for (int t = 0; t < d; t++) {
                dot += us[o + t] * g[o + t];
            }
            for (int t = 0; t < d; t++) {
                out[o + t] = (float) ((g[o + t] - us[o + t] * dot) / n);
            }
        }
        return out;
    }
}
