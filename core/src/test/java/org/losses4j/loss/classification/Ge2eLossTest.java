package org.losses4j.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Samples;

class Ge2eLossTest {

    @Property(tries = 40)
    void gradientIsOrthogonalToAGlobalRescaling(@ForAll @LongRange(min = 1, max = 10_000) long seed,
            @ForAll boolean contrast) {
        // the loss depends on cosines only, so it is invariant to e -> t·e and, by Euler, Σ e·∂L/∂e = 0
        Tensor e = Samples.normal(seed, 1.0, 3, 3, 4);
        Ge2eLoss loss = new Ge2eLoss(10, -5, contrast ? Ge2eLoss.Variant.CONTRAST : Ge2eLoss.Variant.SOFTMAX,
                Reduction.SUM);
        LossResult r = loss.valueAndGradient(e);
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < e.numel(); i++) {
            dot += e.data()[i] * r.grad("embeddings").data()[i];
            norm += Math.abs(e.data()[i] * r.grad("embeddings").data()[i]);
        }
        assertThat(Math.abs(dot)).isLessThanOrEqualTo(1e-5 * Math.max(1, norm));
        Tensor scaled = e.copy();
        for (int i = 0; i < scaled.numel(); i++) {
            scaled.data()[i] *= 3.0f;
        }
        assertThat((double) loss.forward(scaled).item()).isCloseTo(r.item(), within(1e-5 * Math.max(1, r.item())));
    }

    @Property(tries = 30)
    void softmaxVariantIgnoresTheBias(@ForAll @LongRange(min = 1, max = 10_000) long seed,
            @ForAll @DoubleRange(min = -20, max = 20) double b) {
        Tensor e = Samples.normal(seed, 1.0, 2, 3, 4);
        LossResult r0 = new Ge2eLoss(4, 0, Ge2eLoss.Variant.SOFTMAX, Reduction.SUM).valueAndGradient(e);
        LossResult rb = new Ge2eLoss(4, b, Ge2eLoss.Variant.SOFTMAX, Reduction.SUM).valueAndGradient(e);
        assertThat(rb.item()).isCloseTo(r0.item(), within(1e-9 * Math.max(1, r0.item())));
        assertThat(rb.grad("b").item()).isZero();
    }

    @Test
    void wBelowTheClampActsAsTheClampWithZeroGradient() {
        Tensor e = Samples.normal(5, 1.0, 3, 2, 4);
        for (Ge2eLoss.Variant v : Ge2eLoss.Variant.values()) {
            LossResult neg = new Ge2eLoss(-2, 0.5, v, Reduction.SUM).valueAndGradient(e);
            LossResult at = new Ge2eLoss(Ge2eLoss.W_MIN, 0.5, v, Reduction.SUM).valueAndGradient(e);
            assertThat(neg.item()).isEqualTo(at.item());
            assertThat(neg.grad("w").item()).isZero();
            assertThat(at.grad("w").item()).isNotZero();
        }
    }

    @Test
    void learnableParametersAreRequestableAndRebuilt() {
        Ge2eLoss loss = new Ge2eLoss();
        assertThat(loss.learnableParameters()).containsExactly("w", "b");
        assertThat(loss.reduction()).isEqualTo(Reduction.SUM);
        LossResult r = loss.compute(Map.of("embeddings", Samples.normal(6, 1.0, 2, 2, 3)), Set.of("w"));
        assertThat(r.grads().keySet()).containsExactly("w");
        assertThat(r.grad("w").dim()).isZero();
        Ge2eLoss next = loss.withParameters(9.5, -4.5);
        assertThat(next).hasToString("Ge2eLoss(w=9.5, b=-4.5, variant=softmax, reduction=sum)");
        assertThat(LossRegistry.standard().create("ge2e_loss", Map.of("variant", "contrast"), "mean"))
                .hasToString("Ge2eLoss(w=10.0, b=-5.0, variant=contrast, reduction=mean)");
    }

    @Test
    void messagesNameTheArgumentValueAndRule() {
        Ge2eLoss loss = new Ge2eLoss();
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(1, 3, 2))).hasMessage(
                "ge2e_loss: embeddings must hold >= 2 speakers (dimension 0), got 1 in shape [1, 3, 2]");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(3, 1, 2))).hasMessageStartingWith(
                "ge2e_loss: embeddings must hold >= 2 utterances per speaker (dimension 1), got 1");
        assertThatThrownBy(() -> Ge2eLoss.Variant.parse("ge2e_loss", "triplet"))
                .hasMessage("ge2e_loss: variant must be one of softmax, contrast, got 'triplet'");
        assertThatThrownBy(() -> new Ge2eLoss(Double.NaN, 0, Ge2eLoss.Variant.SOFTMAX, Reduction.SUM))
                .hasMessage("ge2e_loss: w must be a finite number, got NaN");
    }
}
