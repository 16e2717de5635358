package org.losses4j.loss.ranking;

import org.losses4j.loss.LossParams;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;

/** Registers the ranking, metric-learning and contrastive losses under their JSON-lines names. */
public final class RankingLosses {
    private RankingLosses() {
    }

    /**
     * Adds every loss of this family to {@code registry}.
     *
     * @param registry the registry the losses are added to
     */
    public static void register(LossRegistry.Builder registry) {
        registry.add("margin_ranking_loss", "ranking",
                "Hinge max(0, -y(x1 - x2) + margin) on score pairs (PyTorch MarginRankingLoss).", "margin=0.0",
                p -> new MarginRankingLoss(p.getDouble("margin", 0.0), p.reduction(Reduction.MEAN)));
        registry.add("triplet_margin_loss", "ranking",
                "max(margin + d(a,p) - d(a,n), 0) with the pairwise L_p distance (PyTorch TripletMarginLoss).",
                "margin=1.0, p=2.0, eps=1e-6, swap=false",
                p -> new TripletMarginLoss(p.getDouble("margin", 1.0), p.getDouble("p", 2.0),
                        p.getDouble("eps", 1e-6), p.getBoolean("swap", false), p.reduction(Reduction.MEAN)));
        registry.add("triplet_margin_with_distance_loss", "ranking",
                "Triplet loss with pairwise_distance or cosine_distance (PyTorch TripletMarginWithDistanceLoss).",
                "distance_function=pairwise_distance, p=2.0, eps=1e-6, margin=1.0, swap=false",
                RankingLosses::tripletWithDistance);
        registry.add("cosine_embedding_loss", "ranking",
                "1 - cos for y=1, max(0, cos - margin) for y=-1 (PyTorch CosineEmbeddingLoss).", "margin=0.0",
                p -> new CosineEmbeddingLoss(p.getDouble("margin", 0.0), p.reduction(Reduction.MEAN)));
        registry.add("contrastive_loss", "ranking",
                "Hadsell-Chopra-LeCun 2006: D^2/2 similar, max(0, m - D)^2/2 dissimilar.",
                "margin=1.0, similar_label=0, eps=1e-6",
                p -> new ContrastiveLoss(p.getDouble("margin", 1.0),
                        ContrastiveLoss.LabelConvention.ofSimilarLabel(p.loss(), p.getLong("similar_label", 0)),
                        p.getDouble("eps", 1e-6), p.reduction(Reduction.MEAN)));
        registry.add("pairwise_hinge_loss", "ranking",
                "Sum of max(0, margin - (s_i - s_j)) over pairs with y_i > y_j of each list (TF-Ranking).",
                "margin=1.0, normalization=items",
                p -> new PairwiseHingeLoss(p.getDouble("margin", 1.0), normalization(p, "items"),
                        p.reduction(Reduction.MEAN)));
        registry.add("pairwise_logistic_loss", "ranking",
                "Sum of log(1 + exp(-(s_i - s_j)/T)) over pairs with y_i > y_j (TF-Ranking / Keras-RS).",
                "temperature=1.0, normalization=items",
                p -> new PairwiseLogisticLoss(p.getDouble("temperature", 1.0), normalization(p, "items"),
                        p.reduction(Reduction.MEAN)));
        registry.add("soft_pairwise_loss", "ranking",
                "RankNet: cross-entropy of sigma(s_i - s_j) against 1 (y_i > y_j) or 1/2 (ties).",
                "sigma=1.0, ties=true, normalization=pairs",
                p -> new SoftPairwiseLoss(p.getDouble("sigma", 1.0), p.getBoolean("ties", true),
                        normalization(p, "pairs"), p.reduction(Reduction.MEAN)));
        registry.add("info_nce", "ranking",
                "InfoNCE (CPC): CE of cos(q, k+)/T against explicit or in-batch negatives (info-nce-pytorch).",
                "temperature=0.1, negative_mode=unpaired",
                p -> new InfoNceLoss(p.getDouble("temperature", 0.1),
                        InfoNceLoss.NegativeMode.parse(p.loss(), p.getString("negative_mode", "unpaired")),
                        p.reduction(Reduction.MEAN)));
        registry.add("nt_xent", "ranking",
                "SimCLR NT-Xent over 2N stacked views: CE of cos/T, positive (i+N) mod 2N, self-pairs removed.",
                "temperature=0.5",
                p -> new NtXentLoss(p.getDouble("temperature", 0.5), p.reduction(Reduction.MEAN)));
        registry.add("multiple_negatives_ranking_loss", "ranking",
                "sentence-transformers MNRL: CE of scale*cos(anchor, [positives, hard negatives]), in-batch.",
                "scale=20.0, symmetric=false",
                p -> new MultipleNegativesRankingLoss(p.getDouble("scale", 20.0), p.getBoolean("symmetric", false),
                        p.reduction(Reduction.MEAN)));
    }

    private static PairwiseListLoss.Normalization normalization(LossParams p, String def) {
        return PairwiseListLoss.Normalization.parse(p.loss(), p.getString("normalization", def));
    }

    private static TripletMarginWithDistanceLoss tripletWithDistance(LossParams p) {
        String name = p.getString("distance_function", null); // None is pairwise_distance, as in PyTorch
        TripletMarginWithDistanceLoss.Distance d = TripletMarginWithDistanceLoss.Distance.parse(p.loss(),
                name == null ? "pairwise_distance" : name);
        if (d == TripletMarginWithDistanceLoss.Distance.COSINE && (p.has("p") || p.has("eps"))) {
            throw org.losses4j.loss.Check.error(p.loss(),
                    "p and eps apply to distance_function=pairwise_distance, not cosine_distance");
        }
        return new TripletMarginWithDistanceLoss(d, p.getDouble("p", 2.0), p.getDouble("eps", 1e-6),
                p.getDouble("margin", 1.0), p.getBoolean("swap", false), p.reduction(Reduction.MEAN));
    }
}
