package org.losses4j.kernel;

/**
 * The row kernel of the GE2E loss ({@code org.losses4j.loss.classification.Ge2eLoss} holds the specification, the
 * validation, and the centroids, cosines and back-propagation around it). Row r = j·M + i is utterance i of speaker
 * j; its scores against the N centroids are S<sub>k</sub> = w·cos<sub>r,k</sub> + b, the own speaker's (k = j) taken
 * against the centroid without the utterance.
 */
public final class Ge2eRows {
    private Ge2eRows() {
    }

    /**
     * Each row's loss into {@code per} and, when {@code gS} is not null, {@code scale}·∂ℓ/∂S into {@code gS} (N per
     * row). Softmax: ℓ = log Σ<sub>k</sub> e<sup>S<sub>k</sub></sup> − S<sub>j</sub> (max-shifted); contrast:
     * ℓ = 1 − σ(S<sub>j</sub>) + max<sub>k≠j</sub> σ(S<sub>k</sub>).
     *
     * @param cos     cos<sub>r,k</sub>, the cosine of row r against centroid k, at {@code cos[r·N + k]}; N·M rows of N
     * @param n       N, the number of speakers (centroids); the contrast variant needs N ≥ 2
     * @param m       M, the number of utterances per speaker
     * @param wEff    the scale w of the scores (already bounded below, so &gt; 0)
     * @param b       the offset b of the scores
     * @param softmax true for the softmax variant, false for the contrast variant
     * @param scale   the factor of the gradient (the upstream gradient over the reduction's denominator)
     * @param per     receives row r's loss at {@code per[r]}, N·M of them
     * @param gS      receives scale·∂ℓ<sub>r</sub>/∂S<sub>k</sub> at {@code gS[r·N + k]}, or null for no gradient; the
     *                softmax variant writes every entry, the contrast variant only the own speaker's and the hardest
     *                other speaker's (the first largest on ties), so it must come zeroed
     */
    public static void scores(double[] cos, int n, int m, double wEff, double b, boolean softmax, double scale,
            double[] per, double[] gS) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int r = j * m + i;
                int base = r * n;
                double sOwn = wEff * cos[base + j] + b;
                if (softmax) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < n; k++) {
                        max = Math.max(max, wEff * cos[base + k] + b);
                    }
                    double z = 0;
                    for (int k = 0; k < n; k++) {
                        z += Math.exp(wEff * cos[base + k] + b - max);
                    }
                    per[r] = (max - sOwn) + Math.log(z);
                    if (gS != null) {
                        for (int k = 0; k < n; k++) {
                            double sm = Math.exp(wEff * cos[base + k] + b - max) / z;
                            gS[base + k] = scale * (sm - (k == j ? 1 : 0));
                        }
                    }
                } else {
                    int kStar = -1;
                    double sMax = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < n; k++) {
                        double s = wEff * cos[base + k] + b;
                        if (k != j && (kStar < 0 || s > sMax)) {
                            kStar = k;
                            sMax = s;
                        }
                    }
                    double pos = Logistic.sigmoid(sOwn);
                    double neg = Logistic.sigmoid(sMax);
                    per[r] = 1 - pos + neg;
                    if (gS != null) {
                        gS[base + j] = -scale * pos * (1 - pos);
                        gS[base + kStar] = scale * neg * (1 - neg);
                    }
                }
            }
        }
    }
}
