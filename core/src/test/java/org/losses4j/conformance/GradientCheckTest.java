package org.losses4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.classification.ClassificationExtraSamples;
import org.losses4j.loss.classification.ClassificationSamples;
import org.losses4j.loss.ranking.RankingSamples;
import org.losses4j.loss.regression.DeltaSamples;
import org.losses4j.loss.regression.RegressionSamples;
import org.losses4j.loss.rl.ReinforcementSamples;
import org.losses4j.testing.GradientCheck;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.SampleProvider;

/** Finite-difference gradient check of every loss, over the samples of every family. */
class GradientCheckTest {
    static final List<SampleProvider> PROVIDERS = List.of(new RegressionSamples(), new ClassificationSamples(), new ClassificationExtraSamples(),
            new RankingSamples(), new ReinforcementSamples(), new DeltaSamples());

    static List<LossSample> allSamples() {
        return PROVIDERS.stream().flatMap(p -> p.samples().stream()).collect(Collectors.toList());
    }

    @TestFactory
    Stream<DynamicTest> analyticGradientsMatchFiniteDifferences() {
        return allSamples().stream().map(s -> DynamicTest.dynamicTest(s.label(), () -> {
            assertThat(s.wrt()).as("a sample must differentiate something").isNotEmpty();
            assertThat(GradientCheck.mismatches(s.loss(), s.inputs(), s.wrt())).as(s.label()).isEmpty();
        }));
    }

    @Test
    void everyRegisteredLossHasAGradientSample() {
        Set<String> sampled = allSamples().stream().map(s -> s.loss().name()).collect(Collectors.toSet());
        Set<String> registered = LossRegistry.standard().list().stream().map(LossInfo::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sampled).containsAll(registered);
    }
}
