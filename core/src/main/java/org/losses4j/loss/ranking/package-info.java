/**
 * Ranking, metric-learning and contrastive losses: margin ranking, pairwise losses, triplet, contrastive, cosine embedding, InfoNCE / NT-Xent and multiple-negatives ranking.
 *
 * <p>Where PyTorch has the loss, its semantics are the contract; the Javadoc of each class gives the formula, each
 * reduction, the shapes, the gradient and the reference. {@link org.losses4j.loss.ranking.RankingLosses} registers them by name.
 */
package org.losses4j.loss.ranking;
