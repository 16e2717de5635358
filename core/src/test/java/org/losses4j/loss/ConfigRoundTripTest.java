package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Fixtures;

/**
 * A loss rebuilt from its {@code config()} behaves as the original: saved models and {@code train} rebuild their loss
 * that way, so a parameter recorded wrongly (or not at all) would silently change the loss they train. Every golden
 * value case is the sample: its loss is built from the case's parameters, rebuilt from {@code config()} (as it is, and
 * through JSON-like values: tensors as nested lists), and both must give bit-identical values and gradients.
 */
class ConfigRoundTripTest {
    private static final LossRegistry REGISTRY = LossRegistry.standard();

    @TestFactory
    Stream<DynamicTest> aLossRebuiltFromItsConfigBehavesAsTheOriginal() {
        return valueCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Loss original = build(c);
            Map<String, Tensor> inputs = inputs(c);
            Set<String> wrt = wrt(c);
            LossResult expected = original.compute(inputs, wrt);
            for (boolean json : new boolean[] {false, true}) {
                Loss copy = rebuild(original, json);
                String how = json ? "through JSON values" : "as recorded";
                assertThat(copy.config().toString()).as("config %s", how).isEqualTo(original.config().toString());
                LossResult actual = copy.compute(inputs, wrt);
                assertThat(actual.value()).as("value %s", how).isEqualTo(expected.value());
                assertThat(actual.grads()).as("gradients %s", how).isEqualTo(expected.grads());
            }
        }));
    }

    @Test
    void theCasesCoverEveryLossAndTheParametersThatMatterMost() {
        Set<String> losses = new TreeSet<>();
        boolean ceWeight = false;
        boolean quantileSum = false;
        for (Fixtures.Case c : valueCases()) {
            losses.add(c.loss());
            Map<String, Object> config = build(c).config();
            ceWeight |= c.loss().equals("cross_entropy") && config.get("weight") instanceof Tensor;
            quantileSum |= c.loss().equals("quantile_loss") && "sum".equals(config.get("quantile_reduction"));
        }
        Set<String> registered = new TreeSet<>();
        REGISTRY.list().forEach(i -> registered.add(i.name()));
        assertThat(losses).containsAll(registered);
        assertThat(ceWeight).as("a cross_entropy case with a class weight").isTrue();
        assertThat(quantileSum).as("a quantile_loss case with quantile_reduction=sum").isTrue();
    }

    @Test
    void aChangedParameterChangesTheRebuiltLoss() {
        // The comparison above can fail: quantile_reduction=sum rebuilt as the default (mean) gives another value.
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("q", Tensor.vector(0.1f, 0.5f, 0.9f));
        params.put("quantile_reduction", "sum");
        Loss sum = REGISTRY.create("quantile_loss", params, "mean");
        params.remove("quantile_reduction");
        Loss mean = REGISTRY.create("quantile_loss", params, "mean");
        Map<String, Tensor> in = Map.of("input", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
                "target", Tensor.vector(0.5f, 7f));
        assertThat(rebuild(sum, true).compute(in, Set.of()).value())
                .isNotEqualTo(mean.compute(in, Set.of()).value());
    }

    private static List<Fixtures.Case> valueCases() {
        List<Fixtures.Case> out = new ArrayList<>();
        for (Fixtures.Case c : Fixtures.all()) {
            if (!c.expectsError()) {
                out.add(c);
            }
        }
        return out;
    }

    private static Loss build(Fixtures.Case c) {
        Map<String, Object> params = new LinkedHashMap<>();
        Object p = c.request().get("params");
        if (p instanceof Map<?, ?> m) {
            m.forEach((k, v) -> params.put((String) k, v instanceof List ? NestedArrays.toTensor(v, "param") : v));
        }
        return REGISTRY.create(c.loss(), params, (String) c.request().get("reduction"));
    }

    private static Loss rebuild(Loss original, boolean json) {
        Map<String, Object> params = new LinkedHashMap<>(original.config());
        Object reduction = params.remove("reduction");
        if (json) {
            params.replaceAll((k, v) -> v instanceof Tensor t ? NestedArrays.toTensor(NestedArrays.toNested(t), k) : v);
        }
        return REGISTRY.create(original.name(), params, reduction == null ? null : reduction.toString());
    }

    private static Map<String, Tensor> inputs(Fixtures.Case c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        ((Map<?, ?>) c.request().get("inputs")).forEach((k, v) -> out.put((String) k,
                NestedArrays.toTensor(v, (String) k)));
        return out;
    }

    private static Set<String> wrt(Fixtures.Case c) {
        Set<String> out = new LinkedHashSet<>();
        Object g = c.request().get("grad");
        if (g instanceof List<?> l) {
            l.forEach(x -> out.add((String) x));
        }
        return out;
    }
}
