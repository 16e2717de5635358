package org.losses4j.nn;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.InputSpec;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * Evaluates a core loss on the model's (rows, width) output against (rows, width) targets, and writes
 * ∂loss/∂output. Element-wise losses take core's allocation-free fast path
 * ({@link ElementwiseLoss#valueAndGradInput(float[], float[], float[], int)}); any other loss of (input, target)
 * goes through {@link Loss#compute} on tensors wrapped once per batch size.
 */
final class LossStep {
    private static final Set<String> WRT_INPUT = Set.of("input");

    private final Loss loss;
    private final ElementwiseLoss fast;
    private final boolean indexTarget;
    private final Map<Integer, Slot> slots = new HashMap<>();

    private static final class Slot {
        final float[] input;
        final float[] target;
        final Map<String, Tensor> tensors;

        Slot(int rows, int width, boolean indexTarget) {
            input = new float[rows * width];
            target = new float[rows * width];
            Tensor t = indexTarget && width == 1 ? Tensor.wrap(target, rows) : Tensor.wrap(target, rows, width);
            tensors = Map.of("input", Tensor.wrap(input, rows, width), "target", t);
        }
    }

    LossStep(Loss loss) {
        this.loss = check(loss);
        this.fast = loss instanceof ElementwiseLoss ? (ElementwiseLoss) loss : null;
        InputSpec target = loss.inputs().stream().filter(s -> s.name().equals("target")).findFirst().orElseThrow();
        this.indexTarget = target.kind() == InputSpec.Kind.INDEX;
    }

    /** A loss a Sequential model can train: inputs {@code input} (differentiable) and {@code target}, reduced. */
    static Loss check(Loss loss) {
        boolean hasInput = false;
        boolean hasTarget = false;
        for (InputSpec s : loss.inputs()) {
            if (s.name().equals("input")) {
                hasInput = s.differentiable();
            } else if (s.name().equals("target")) {
                hasTarget = true;
            } else if (!s.optional()) {
                throw new IllegalArgumentException(loss.name() + ": a Sequential model trains losses of (input, "
                        + "target); this loss also needs '" + s.name() + "'");
            }
        }
        if (!hasInput || !hasTarget) {
            throw new IllegalArgumentException(loss.name() + ": a Sequential model trains losses of a "
                    + "differentiable 'input' and a 'target'");
        }
        if (loss.reduction() == Reduction.NONE) {
            throw new IllegalArgumentException(loss.name() + ": training needs a reduced loss (mean or sum), got "
                    + "reduction none");
        }
        return loss;
    }

    Loss loss() {
        return loss;
    }

    /**
     * Whether the loss can move the model at all: its gradient on a probe of two rows (outputs of both signs,
     * targets one-hot on the first unit) is not identically zero. A loss over a class dimension given one output unit sees one class, and
     * its value is then constant (cross-entropy: 0 for every target), so training would "converge" at once.
     */
    boolean dependsOnOutput(int width) {
        int rows = 2;
        int n = rows * width;
        float[] prediction = new float[n];
        for (int i = 0; i < n; i++) {
            prediction[i] = (i % 2 == 0 ? 0.25f : -0.75f) * (1 + i);
        }
        float[] target = new float[n];
        for (int i = 0; i < n; i += width) {
            target[i] = 1;
        }
        float[] grad = new float[n];
        try {
            evaluate(prediction, target, rows, width, grad);
        } catch (RuntimeException e) {
            return true; // the probe is not valid input for this loss: leave the verdict to the real data
        }
        for (float g : grad) {
            if (g != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The loss of {@code rows} samples; when {@code grad} is not null, ∂loss/∂prediction is written there.
     */
    double evaluate(float[] prediction, float[] target, int rows, int width, float[] grad) {
        int n = rows * width;
        if (fast != null) {
            return fast.valueAndGradInput(prediction, target, grad != null ? grad : scratch(n), n);
        }
        Slot s = slots.computeIfAbsent(rows, r -> new Slot(r, width, indexTarget));
        System.arraycopy(prediction, 0, s.input, 0, n);
        System.arraycopy(target, 0, s.target, 0, n);
        LossResult r = loss.compute(s.tensors, grad != null ? WRT_INPUT : Set.of());
        if (grad != null) {
            System.arraycopy(r.gradInput().data(), 0, grad, 0, n);
        }
        return r.item();
    }

    private float[] scratchBuffer = new float[0];

    private float[] scratch(int n) {
        if (scratchBuffer.length < n) {
            scratchBuffer = new float[n];
        }
        return scratchBuffer;
    }
}
