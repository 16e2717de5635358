package org.losses4j.loss.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Samples;
import org.losses4j.testing.Tolerances;

class DiceLossTest {

    @Test
    void specWorkedCheck() {
        // worked by hand: p = [0.9, 0.8, 0.2, 0.1], g = [1, 1, 0, 0], s = 1 -> 0.022222
        Tensor p = Tensor.of(new float[] {0.9f, 0.8f, 0.2f, 0.1f}, 1, 1, 4);
        Tensor g = Tensor.of(new float[] {1, 1, 0, 0}, 1, 1, 4);
        assertThat(new DiceLoss().valueAndGradient(p, g).item()).isCloseTo(1 - 4.4 / 4.5, within(1e-6));
    }

    @Property(tries = 50)
    void indexTargetEqualsItsOneHotEncoding(@ForAll @LongRange(min = 1, max = 10_000) long seed,
            @ForAll boolean squared, @ForAll boolean background) {
        int n = 2;
        int c = 3;
        int sp = 5;
        Tensor p = Samples.uniform(seed, 0, 1, n, c, sp);
        Tensor idx = ClassificationExtraSamples.labels(seed + 1, c, n, sp);
        float[] oh = new float[n * c * sp];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < sp; j++) {
                oh[(s * c + (int) idx.longData()[s * sp + j]) * sp + j] = 1;
            }
        }
        DiceLoss loss = new DiceLoss(0.5, squared, background, Reduction.SUM);
        LossResult a = loss.valueAndGradient(p, idx);
        LossResult b = loss.valueAndGradient(p, Tensor.wrap(oh, n, c, sp));
        assertThat(a.item()).isCloseTo(b.item(), within(Tolerances.FLOAT_ROUNDING));
        assertThat(a.gradInput().data()).containsExactly(b.gradInput().data(), within(1e-6f));
    }

    @Property(tries = 50)
    void liesBetweenZeroAndOneForProbabilitiesAndOneHotTargets(@ForAll @LongRange(min = 1, max = 10_000) long seed,
            @ForAll boolean squared, @ForAll @IntRange(min = 0, max = 3) int smoothTenths) {
        Tensor p = Samples.uniform(seed, 0, 1, 3, 4, 6);
        Tensor idx = ClassificationExtraSamples.labels(seed + 7, 4, 3, 6);
        float[] per = new DiceLoss(smoothTenths / 10.0, squared, true, Reduction.NONE).forward(p, idx).data();
        for (float v : per) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void perfectPredictionIsZeroWithZeroGradientOnTheSquaredForm() {
        Tensor p = Tensor.of(new float[] {0, 1, 0, 1, 0, 1}, 1, 2, 3);
        LossResult r = new DiceLoss().valueAndGradient(p, Tensor.indices(1, 0, 1).reshape(1, 3));
        assertThat(r.item()).isCloseTo(0.0, within(1e-12));
        for (float v : r.gradInput().data()) {
            assertThat(v).isCloseTo(0f, within(1e-7f));
        }
    }

    @Test
    void excludedBackgroundNeitherCountsNorGetsAGradient() {
        Tensor p = Samples.uniform(3, 0, 1, 2, 3, 4);
        Tensor q = p.copy();
        float[] qd = q.data();
        for (int s = 0; s < 2; s++) {
            for (int j = 0; j < 4; j++) {
                qd[s * 12 + j] = 0.5f; // class 0 changed
            }
        }
        Tensor y = ClassificationExtraSamples.labels(4, 3, 2, 4);
        DiceLoss loss = new DiceLoss(1.0, true, false, Reduction.MEAN);
        LossResult r = loss.valueAndGradient(p, y);
        assertThat(loss.forward(q, y).item()).isEqualTo(r.value().item());
        for (int s = 0; s < 2; s++) {
            for (int j = 0; j < 4; j++) {
                assertThat(r.gradInput().data()[s * 12 + j]).isZero();
            }
        }
    }

    @Test
    void emptyBatchThroughTheJavaApi() {
        Tensor p = Tensor.zeros(0, 3, 2);
        assertThat(new DiceLoss(1, true, true, Reduction.MEAN).forward(p, p).item()).isNaN();
        assertThat(new DiceLoss(1, true, true, Reduction.SUM).forward(p, p).item()).isZero();
        assertThat(new DiceLoss(1, true, true, Reduction.NONE).forward(p, p).shape()).containsExactly(0);
    }

    @Test
    void messagesNameTheArgumentValueAndRule() {
        Tensor p = Tensor.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 1, 2, 2);
        assertThatThrownBy(() -> new DiceLoss().forward(p, Tensor.indices(0, 2).reshape(1, 2)))
                .hasMessage("dice_loss: target 2 at index 1 is out of range for C = 2 classes (must be in [0, 2))");
        assertThatThrownBy(() -> new DiceLoss(-1, true, true, Reduction.MEAN))
                .hasMessage("dice_loss: smooth must be >= 0, got -1");
        assertThatThrownBy(() -> new DiceLoss(1, true, true, Reduction.BATCHMEAN))
                .hasMessageStartingWith("dice_loss: reduction must be one of");
        assertThatThrownBy(() -> new DiceLoss().forward(Tensor.vector(0.5f), Tensor.vector(1f)))
                .hasMessage("dice_loss: input must have shape (N, C, ...) with at least 2 dimensions, got [1]");
    }

    @Test
    void toStringAndRegistry() {
        assertThat(new DiceLoss()).hasToString(
                "DiceLoss(smooth=1.0, squared=true, include_background=true, reduction=mean)");
        assertThat(LossRegistry.standard().create("dice_loss", Map.of("squared", false), "sum"))
                .hasToString("DiceLoss(smooth=1.0, squared=false, include_background=true, reduction=sum)");
        assertThat(new DiceLoss().compute(Map.of("input", Tensor.full(0.5f, 1, 1, 2),
                "target", Tensor.full(1f, 1, 1, 2)), Set.of()).hasGrad("input")).isFalse();
    }
}
