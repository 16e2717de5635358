package org.losses4j.loss.ranking;

import java.util.List;

import org.losses4j.loss.LossDeclaration;

/** The ranking, metric-learning and contrastive losses, in the order {@code losses4j list} shows them. */
public final class RankingLosses {
    private RankingLosses() {
    }

    /** Every ranking loss; a new one is one line here. */
    public static final List<LossDeclaration> LOSSES = List.of(
            MarginRankingLoss.DECLARATION,
            TripletMarginLoss.DECLARATION,
            TripletMarginWithDistanceLoss.DECLARATION,
            CosineEmbeddingLoss.DECLARATION,
            ContrastiveLoss.DECLARATION,
            PairwiseHingeLoss.DECLARATION,
            PairwiseLogisticLoss.DECLARATION,
            SoftPairwiseLoss.DECLARATION,
            InfoNceLoss.DECLARATION,
            NtXentLoss.DECLARATION,
            MultipleNegativesRankingLoss.DECLARATION);
}
