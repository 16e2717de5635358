package org.losses4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.regression.AdaptiveHuberLoss;

/**
 * The element-wise losses that must run whole vectors on the Vector API kernels say so, and no loss has a Vector
 * API form that it does not declare (which would leave it on the plain loops without a sound).
 */
class VectorKernelCoverageTest {
    /** The registered losses with a kernel in {@link VectorKernels}. */
    private static final Set<String> VECTORISED = Set.of("l1_loss", "mse_loss", "huber_loss", "smooth_l1_loss");

    private static List<ElementwiseLoss> elementwise() {
        List<ElementwiseLoss> losses = new ArrayList<>();
        for (LossInfo info : LossRegistry.standard().list()) {
            if (LossRegistry.standard().create(info.name()) instanceof ElementwiseLoss e) {
                losses.add(e);
            }
        }
        losses.add(new AdaptiveHuberLoss());
        return losses;
    }

    @Test
    void theLossesWithAVectorKernelDeclareIt() {
        Set<String> declared = new TreeSet<>();
        for (ElementwiseLoss loss : elementwise()) {
            if (loss.hasVectorKernel()) {
                declared.add(loss.name());
            }
        }
        assertThat(declared).containsAll(VECTORISED).contains("adaptive_huber_loss");
        assertThat(declared).hasSize(VECTORISED.size() + 1);
    }

    @Test
    void noLossOverridesTheVectorFormWithoutDeclaringIt() {
        for (ElementwiseLoss loss : elementwise()) {
            boolean overrides = false;
            for (Class<?> k = loss.getClass(); k != ElementwiseLoss.class; k = k.getSuperclass()) {
                for (var m : k.getDeclaredMethods()) {
                    overrides |= m.getName().equals("vectorKernel");
                }
            }
            assertThat(loss.hasVectorKernel()).as(loss.name()).isEqualTo(overrides);
        }
    }
}
