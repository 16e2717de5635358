package org.losses4j.loss.classification;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.InputSpec;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * A GE2E loss whose learnable parameters w and b are passed as 0-d inputs, so that the finite-difference check
 * (which perturbs inputs) can differentiate them: each call builds {@link Ge2eLoss} with the given w and b and asks it
 * for the gradients of its learnable parameters, which must match central differences over w and b.
 */
final class Ge2eParameterProbe implements Loss {
    private static final List<InputSpec> INPUTS = List.of(InputSpec.differentiable("embeddings"),
            InputSpec.differentiable("w"), InputSpec.differentiable("b"));

    private final Ge2eLoss.Variant variant;
    private final Reduction reduction;

    Ge2eParameterProbe(Ge2eLoss.Variant variant, Reduction reduction) {
        this.variant = variant;
        this.reduction = reduction;
    }

    @Override
    public String name() {
        return "ge2e_loss";
    }

    @Override
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public List<InputSpec> inputs() {
        return INPUTS;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of("variant", variant.label(), "reduction", reduction.label());
    }

    @Override
    public LossResult compute(Map<String, Tensor> inputs, Set<String> wrt) {
        Ge2eLoss loss = new Ge2eLoss(inputs.get("w").item(), inputs.get("b").item(), variant, reduction);
        LossResult r = loss.compute(Map.of("embeddings", inputs.get("embeddings")), new LinkedHashSet<>(wrt));
        if (r.isScalar()) {
            return LossResult.scalar(r.item(), new LinkedHashMap<>(r.grads()));
        }
        return LossResult.elementwise(r.value(), new LinkedHashMap<>(r.grads()));
    }

    @Override
    public String toString() {
        return "Ge2eLoss(w, b as inputs; variant=" + variant.label() + ", reduction=" + reduction.label() + ")";
    }
}
