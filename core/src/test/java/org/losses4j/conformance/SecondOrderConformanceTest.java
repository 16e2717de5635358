package org.losses4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Loss;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.SecondOrderLoss;
import org.losses4j.loss.SecondOrderResult;
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Fixtures;
import org.losses4j.testing.Nested;
import org.losses4j.testing.Tolerances;

/**
 * Every second-derivative case generated from PyTorch's double backward ({@code tools/fixtures/second_order.py}):
 * value, gradient and second derivative with respect to the input within 2e-5·max(1, |reference|), through the
 * tensor form; and the buffer form gives the same floats as the tensor form and the first-order fast path.
 */
class SecondOrderConformanceTest {
    private static final LossRegistry REGISTRY = LossRegistry.standard();

    /**
     * The registered losses that are sums of per-element terms of (input, target) and so have a diagonal Hessian with
     * respect to the input. Every other registered loss is either not element-wise (rmse, nmae: a root or a
     * normaliser over all elements; the row losses: softmax or a max over a row) or has other inputs (gaussian_nll's
     * var, the ranking losses).
     */
    static final Set<String> SECOND_ORDER = Set.of("l1_loss", "mse_loss", "huber_loss", "smooth_l1_loss",
            "poisson_nll_loss", "asymmetric_huber", "pseudo_huber", "log_cosh", "mape", "msle", "quantile_loss",
            "general_robust_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div",
            "hinge_embedding_loss", "soft_margin_loss", "sigmoid_focal_loss");

    @TestFactory
    Stream<DynamicTest> everyCaseAgreesWithPyTorchsDoubleBackward() {
        List<Fixtures.Case> cases = Fixtures.family("second_order");
        assertThat(cases).as("second_order.jsonl").hasSizeGreaterThan(300);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            assertThat(check(c)).as(c.name()).isEmpty();
        }));
    }

    @SuppressWarnings("unchecked")
    private static List<String> check(Fixtures.Case c) {
        Map<String, Object> req = c.request();
        String name = c.loss();
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> p = (Map<String, Object>) req.get("params");
        if (p != null) {
            p.forEach((k, v) -> params.put(k, v instanceof List ? NestedArrays.toTensor(v, k) : v));
        }
        Loss created = REGISTRY.create(name, params, (String) req.get("reduction"));
        List<String> problems = new ArrayList<>();
        if (!(created instanceof SecondOrderLoss)) {
            problems.add(name + " is not a SecondOrderLoss");
            return problems;
        }
        SecondOrderLoss loss = (SecondOrderLoss) created;
        Map<String, Object> inputs = (Map<String, Object>) req.get("inputs");
        Tensor input = NestedArrays.toTensor(inputs.get("input"), "input").toFloat();
        Tensor target = NestedArrays.toTensor(inputs.get("target"), "target").toFloat();
        SecondOrderResult r = loss.valueGradHess(input, target);
        Map<String, Object> e = c.expect();
        Object value = r.isScalar() ? NestedArrays.number(r.item()) : NestedArrays.toNested(r.value());
        Nested.mismatches(e.get("value"), value).forEach(m -> problems.add("value" + m));
        Nested.mismatches(((Map<String, Object>) e.get("grad")).get("input"), NestedArrays.toNested(r.gradInput()))
                .forEach(m -> problems.add("grad" + m));
        Nested.mismatches(((Map<String, Object>) e.get("hess")).get("input"), NestedArrays.toNested(r.hessInput()))
                .forEach(m -> problems.add("hess" + m));

        // The buffer form: the same floats as the tensor form (as for a tensor of shape (n)), and the value and
        // gradient of the first-order fast path, bit for bit. Weights broadcast along dimensions, and batchmean
        // divides by dimension 0, which the flat form does not have.
        if (input.dim() > 1 && (params.containsKey("weight") || params.containsKey("pos_weight")
                || isBatchMean(created))) {
            return problems;
        }
        int n = input.numel();
        float[] x = input.data().clone();
        float[] y = target.data().clone();
        float[] g = new float[n + 1];
        float[] h = new float[n + 1];
        g[n] = 7f;
        h[n] = 7f;
        double v = loss.valueGradHess(x, y, g, h, n);
        if (g[n] != 7f || h[n] != 7f) {
            problems.add("buffer form wrote past n");
        }
        for (int i = 0; i < n; i++) {
            if (Float.compare(g[i], r.gradInput().data()[i]) != 0
                    || Float.compare(h[i], r.hessInput().data()[i]) != 0) {
                problems.add("buffer form differs from the tensor form at " + i + ": grad " + g[i] + " vs "
                        + r.gradInput().data()[i] + ", hess " + h[i] + " vs " + r.hessInput().data()[i]);
                break;
            }
        }
        float[] g1 = new float[n];
        double v1 = ((InputTargetLoss) created).valueAndGradInput(x, y, g1, n);
        // quantile_loss's first-order fast path goes through the tensor API, which adds float32 values for none
        boolean exact = !name.equals("quantile_loss");
        if (exact ? Double.compare(v, v1) != 0 : !Tolerances.agrees(v1, v)) {
            problems.add("buffer value " + v + " differs from valueAndGradInput's " + v1);
        }
        for (int i = 0; i < n; i++) {
            if (Float.compare(g[i], g1[i]) != 0) {
                problems.add("buffer gradient differs from valueAndGradInput's at " + i + ": " + g[i] + " vs " + g1[i]);
                break;
            }
        }
        LossResult first = ((InputTargetLoss) created).valueAndGradInput(input, target);
        double expected = first.isScalar() ? first.item() : sum(first.value().data());
        if (!Tolerances.agrees(expected, v)) {
            problems.add("buffer value " + v + " vs tensor API " + expected);
        }
        return problems;
    }

    private static boolean isBatchMean(Loss loss) {
        return loss.reduction().label().equals("batchmean");
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float f : a) {
            s += f;
        }
        return s;
    }

    @Test
    void theElementwiseLossesAreExactlyTheSecondOrderOnes() {
        Set<String> implementing = new TreeSet<>();
        for (LossInfo info : REGISTRY.list()) {
            if (REGISTRY.create(info.name()) instanceof SecondOrderLoss) {
                implementing.add(info.name());
            }
        }
        assertThat(implementing).containsExactlyInAnyOrderElementsOf(SECOND_ORDER);
        Set<String> withCases = Fixtures.family("second_order").stream().map(Fixtures.Case::loss)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(withCases).containsExactlyInAnyOrderElementsOf(SECOND_ORDER);
    }
}
