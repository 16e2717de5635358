package org.losses4j.loss.classification;

import java.util.List;

import org.losses4j.loss.LossDeclaration;

/** The classification losses (with segmentation and embedding losses), in the order {@code losses4j list} shows. */
public final class ClassificationLosses {
    private ClassificationLosses() {
    }

    /** Every classification loss; a new one is one line here. */
    public static final List<LossDeclaration> LOSSES = List.of(
            BinaryCrossEntropyLoss.DECLARATION,
            BinaryCrossEntropyWithLogitsLoss.DECLARATION,
            CrossEntropyLoss.DECLARATION,
            NLLLoss.DECLARATION,
            KLDivLoss.DECLARATION,
            HingeEmbeddingLoss.DECLARATION,
            MultiMarginLoss.DECLARATION,
            SoftMarginLoss.DECLARATION,
            MultilabelSoftMarginLoss.DECLARATION,
            MultilabelMarginLoss.DECLARATION,
            SigmoidFocalLoss.DECLARATION,
            SoftmaxFocalLoss.DECLARATION,
            SquaredHingeLoss.DECLARATION,
            CategoricalHingeLoss.DECLARATION,
            Poly1CrossEntropyLoss.DECLARATION,
            DiceLoss.DECLARATION,
            Ge2eLoss.DECLARATION,
            ArcFaceLoss.DECLARATION);
}
