package org.losses4j.loss.ranking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.AbstractLoss;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * The losses of a pair of inputs and a label per pair, {@code input1}, {@code input2} and {@code target}
 * ({@link CosineEmbeddingLoss}, {@link MarginRankingLoss}, {@link ContrastiveLoss}): the typed entry points, the
 * gradient buffers and the reduction of the per-pair losses. A subclass checks the shapes and labels in
 * {@link #pairs} and computes the per-pair losses and gradients in {@link #losses}.
 */
abstract class AbstractPairLoss extends AbstractLoss {
    AbstractPairLoss(LossDeclaration declaration, Reduction reduction) {
        super(declaration, reduction);
    }

    /**
     * Checks the shapes of the inputs and the labels of the target.
     *
     * @return the number of pairs, the number of per-pair losses (the target's element count)
     */
    abstract int pairs(Tensor input1, Tensor input2, Tensor target);

    /**
     * Writes each pair's loss into {@code per}, and {@code c} times its gradients into {@code g1} and {@code g2},
     * each null when not wanted (both arrays start at zero).
     */
    abstract void losses(Tensor input1, Tensor input2, Tensor target, double c, double[] per, float[] g1,
            float[] g2);

    /**
     * The value.
     *
     * @param input1 the first member of each pair: embeddings (N, D) or (D), or scores (the loss's shapes)
     * @param input2 the second member of each pair, of input1's shape
     * @param target one label per pair, in the loss's label convention
     * @return the loss: 0-d after a reduction, one value per pair for {@code none}
     */
    public final Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return compute(Map.of("input1", input1, "input2", input2, "target", target), Set.of()).value();
    }

    /**
     * The value and the gradients with respect to {@code input1} and {@code input2}.
     *
     * @param input1 the first member of each pair: embeddings (N, D) or (D), or scores (the loss's shapes)
     * @param input2 the second member of each pair, of input1's shape
     * @param target one label per pair, in the loss's label convention
     * @return the value and the gradients with respect to {@code input1} and {@code input2}
     */
    public final LossResult valueAndGradient(Tensor input1, Tensor input2, Tensor target) {
        return compute(Map.of("input1", input1, "input2", input2, "target", target), Set.of("input1", "input2"));
    }

    @Override
    protected final LossResult evaluate(Map<String, Tensor> in, Set<String> wrt) {
        Tensor t1 = in.get("input1");
        Tensor t2 = in.get("input2");
        Tensor ty = in.get("target");
        int n = pairs(t1, t2, ty);
        float[] g1 = Support.grad(wrt.contains("input1"), t1);
        float[] g2 = Support.grad(wrt.contains("input2"), t2);
        double[] per = new double[n];
        losses(t1, t2, ty, LossResult.gradientScale(reduction(), n), per, g1, g2);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        putGradient(grads, "input1", g1, t1.shape());
        putGradient(grads, "input2", g2, t2.shape());
        return LossResult.reduce(reduction(), per, ty.shape(), grads);
    }
}
