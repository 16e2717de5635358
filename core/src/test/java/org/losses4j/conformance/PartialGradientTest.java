package org.losses4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.loss.LossResult;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.VectorApiRun;

/**
 * Asking for the gradient of only some inputs gives the same numbers as asking for all of them: for every sample of
 * the gradient check and every one of its differentiable inputs (or learnable parameters) alone, the value and that
 * gradient are bit-identical to the full call's, and no other gradient is returned. A loss that computes a
 * gradient only when another one is requested too (a target-only or scale-only request) fails here.
 */
@Tag(VectorApiRun.TAG)
class PartialGradientTest {
    @TestFactory
    Stream<DynamicTest> eachGradientAloneEqualsTheSameGradientAmongAll() {
        return GradientCheckTest.allSamples().stream().filter(s -> s.wrt().size() >= 2)
                .map(s -> DynamicTest.dynamicTest(s.label(), () -> check(s)));
    }

    private static void check(LossSample s) {
        LossResult all = s.loss().compute(s.inputs(), s.wrt());
        for (String name : s.wrt()) {
            LossResult one = s.loss().compute(s.inputs(), Set.of(name));
            assertThat(one.grads().keySet()).as("%s: gradients returned for wrt={%s}", s.label(), name)
                    .containsExactly(name);
            assertThat(one.grad(name)).as("%s: the gradient of %s alone", s.label(), name)
                    .isEqualTo(all.grad(name));
            assertThat(one.value()).as("%s: the value with wrt={%s}", s.label(), name).isEqualTo(all.value());
        }
    }
}
