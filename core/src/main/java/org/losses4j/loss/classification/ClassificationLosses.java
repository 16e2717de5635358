package org.losses4j.loss.classification;

import org.losses4j.loss.Check;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.Reduction;

/** Registers the losses of this family under their JSON-lines names. */
public final class ClassificationLosses {
    private static final String FAMILY = "classification";

    private ClassificationLosses() {
    }

    /**
     * Adds every loss of this family to {@code registry}.
     *
     * @param registry the registry the losses are added to
     */
    public static void register(LossRegistry.Builder registry) {
        registry.add("binary_cross_entropy", FAMILY,
                "BCE on probabilities, logs clamped at -100 (PyTorch BCELoss).", "weight=None",
                p -> new BinaryCrossEntropyLoss(p.getTensor("weight"), p.reduction(Reduction.MEAN)));
        registry.add("binary_cross_entropy_with_logits", FAMILY,
                "Stable BCE on logits with pos_weight (PyTorch BCEWithLogitsLoss).", "weight=None, pos_weight=None",
                p -> new BinaryCrossEntropyWithLogitsLoss(p.getTensor("weight"), p.reduction(Reduction.MEAN),
                        p.getTensor("pos_weight")));
        registry.add("cross_entropy", FAMILY,
                "log_softmax + NLL; index or probability targets (PyTorch CrossEntropyLoss).",
                "weight=None, ignore_index=-100, label_smoothing=0.0",
                p -> CrossEntropyLoss.builder().weight(p.getTensor("weight"))
                        .ignoreIndex(p.getLong("ignore_index", -100))
                        .labelSmoothing(p.getDouble("label_smoothing", 0.0))
                        .reduction(p.reduction(Reduction.MEAN)).build());
        registry.add("nll_loss", FAMILY, "Negative log-likelihood of log-probabilities (PyTorch NLLLoss).",
                "weight=None, ignore_index=-100",
                p -> new NLLLoss(p.getTensor("weight"), p.getLong("ignore_index", -100),
                        p.reduction(Reduction.MEAN)));
        registry.add("kl_div", FAMILY,
                "KL divergence of log-probability input from target; has batchmean (PyTorch KLDivLoss).",
                "log_target=false",
                p -> new KLDivLoss(p.reduction(Reduction.MEAN), p.getBoolean("log_target", false)));
        registry.add("hinge_embedding_loss", FAMILY,
                "x for y=1, max(0, margin - x) for y=-1 (PyTorch HingeEmbeddingLoss).", "margin=1.0",
                p -> new HingeEmbeddingLoss(p.getDouble("margin", 1.0), p.reduction(Reduction.MEAN)));
        registry.add("multi_margin_loss", FAMILY, "Multi-class hinge, p in {1, 2} (PyTorch MultiMarginLoss).",
                "p=1, margin=1.0, weight=None",
                p -> {
                    long pp = p.getLong("p", 1);
                    if (pp != 1 && pp != 2) {
                        throw Check.error("multi_margin_loss", "p must be 1 or 2, got " + pp);
                    }
                    return new MultiMarginLoss((int) pp, p.getDouble("margin", 1.0), p.getTensor("weight"),
                            p.reduction(Reduction.MEAN));
                });
        registry.add("soft_margin_loss", FAMILY, "log(1 + exp(-y x)) on +-1 labels (PyTorch SoftMarginLoss).", "",
                p -> new SoftMarginLoss(p.reduction(Reduction.MEAN)));
        registry.add("multilabel_soft_margin_loss", FAMILY,
                "One-vs-all logistic loss averaged over classes (PyTorch MultiLabelSoftMarginLoss).", "weight=None",
                p -> new MultilabelSoftMarginLoss(p.getTensor("weight"), p.reduction(Reduction.MEAN)));
        registry.add("multilabel_margin_loss", FAMILY,
                "Hinge of each listed class against the others; -1 ends the list (PyTorch MultiLabelMarginLoss).", "",
                p -> new MultilabelMarginLoss(p.reduction(Reduction.MEAN)));
        registry.add("sigmoid_focal_loss", FAMILY,
                "Focal BCE on logits; default reduction none (torchvision sigmoid_focal_loss).",
                "alpha=0.25, gamma=2.0",
                p -> new SigmoidFocalLoss(p.getDouble("alpha", 0.25), p.getDouble("gamma", 2.0),
                        p.reduction(Reduction.NONE)));
        registry.add("softmax_focal_loss", FAMILY,
                "Multi-class focal loss on logits, optional per-class alpha (Lin et al. 2017).",
                "alpha=None, gamma=2.0",
                p -> new SoftmaxFocalLoss(p.getTensor("alpha"), p.getDouble("gamma", 2.0),
                        p.reduction(Reduction.MEAN)));
        registry.add("squared_hinge", FAMILY, "Mean over the last axis of max(1 - y x, 0)^2 (Keras squared_hinge).",
                "", p -> new SquaredHingeLoss(p.reduction(Reduction.MEAN)));
        registry.add("categorical_hinge", FAMILY,
                "max(max_neg - pos + 1, 0) on one-hot targets (Keras categorical_hinge).", "",
                p -> new CategoricalHingeLoss(p.reduction(Reduction.MEAN)));
        registry.add("poly1_cross_entropy", FAMILY,
                "Cross-entropy + epsilon (1 - p_t) (Leng et al. 2022, optax poly_loss_cross_entropy).",
                "epsilon=2.0, label_smoothing=0.0",
                p -> new Poly1CrossEntropyLoss(p.getDouble("epsilon", 2.0), p.getDouble("label_smoothing", 0.0),
                        p.reduction(Reduction.MEAN)));
    }
}
