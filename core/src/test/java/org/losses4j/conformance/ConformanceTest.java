package org.losses4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.protocol.RequestEvaluator;
import org.losses4j.testing.Fixtures;
import org.losses4j.testing.VectorApiRun;

/**
 * Every golden case generated from PyTorch ({@code tools/fixtures/generate.py}), run through the protocol evaluator:
 * values and gradients within 2e-5·max(1, |reference|) of PyTorch's float64 answer, and errors where PyTorch (or
 * our documented deviation) rejects the input.
 */
@Tag(VectorApiRun.TAG)
class ConformanceTest {
    private static final RequestEvaluator EVALUATOR = new RequestEvaluator();

    @TestFactory
    Stream<DynamicTest> everyFixtureCaseAgreesWithPyTorch() {
        return Fixtures.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Map<String, Object> response = EVALUATOR.evaluate(c.request());
            List<String> problems = Fixtures.check(c, response);
            assertThat(problems).as("%s: %s", c.name(), c.expect().getOrDefault("torch", "")).isEmpty();
        }));
    }

    @Test
    void everyRegisteredLossHasValueCasesAndErrorCases() {
        List<Fixtures.Case> all = Fixtures.all();
        Set<String> withValues = all.stream().filter(c -> !c.expectsError()).map(Fixtures.Case::loss)
                .collect(Collectors.toSet());
        Set<String> withErrors = all.stream().filter(Fixtures.Case::expectsError).map(Fixtures.Case::loss)
                .collect(Collectors.toSet());
        Set<String> registered = LossRegistry.standard().list().stream().map(LossInfo::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(withValues).as("losses with golden values").containsAll(registered);
        assertThat(withErrors).as("losses with golden error cases").containsAll(registered);
    }
}
