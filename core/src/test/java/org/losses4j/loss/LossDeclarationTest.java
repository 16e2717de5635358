package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.regression.HuberLoss;
import org.losses4j.tensor.Tensor;

/**
 * Each loss's declaration states what its default instance is (name, reductions, default reduction, parameters and
 * their defaults), and the registry, the typed parameter list and the derived text agree with it.
 */
class LossDeclarationTest {
    private static final LossRegistry REGISTRY = LossRegistry.standard();

    @Test
    void everyDeclarationDescribesItsDefaultInstance() {
        List<String> problems = new ArrayList<>();
        for (LossInfo info : REGISTRY.list()) {
            Loss loss = REGISTRY.create(info.name());
            String n = info.name();
            if (!loss.name().equals(n)) {
                problems.add(n + ": instance named " + loss.name());
            }
            if (!loss.reductions().equals(info.reductions())) {
                problems.add(n + ": offers " + loss.reductions() + ", declared " + info.reductions());
            }
            if (loss.reduction() != info.defaultReduction()) {
                problems.add(n + ": default reduction " + loss.reduction() + ", declared " + info.defaultReduction());
            }
            Map<String, Object> config = loss.config();
            for (ParameterSpec p : info.parameterList()) {
                Object v = config.get(p.name());
                if (p.type() == ParameterSpec.Type.TENSOR) {
                    continue; // None: not recorded
                }
                // distance_function's None is recorded as its value; q as given
                String shown = v instanceof Number && !(v instanceof Long || v instanceof Integer)
                        ? Double.toString(((Number) v).doubleValue()) : String.valueOf(v);
                String declared = p.defaultValue() instanceof Double d ? Double.toString(d)
                        : String.valueOf(p.defaultValue());
                if (v != null && !shown.equals(declared)) {
                    problems.add(n + ": " + p.name() + " is " + shown + " by default, declared " + declared);
                }
            }
            Set<String> declared = new LinkedHashSet<>();
            info.parameterList().forEach(p -> declared.add(p.name()));
            for (String k : config.keySet()) {
                if (!k.equals("reduction") && !declared.contains(k)) {
                    problems.add(n + ": parameter " + k + " not declared");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theFourFamiliesInOrder() {
        List<String> families = new ArrayList<>();
        for (LossInfo info : REGISTRY.list()) {
            if (families.isEmpty() || !families.get(families.size() - 1).equals(info.family())) {
                families.add(info.family());
            }
        }
        assertThat(families).containsExactly("regression", "classification", "ranking", "reinforcement");
    }

    @Test
    void theParameterTextIsDerivedFromTheTypedList() {
        LossInfo huber = REGISTRY.info("huber_loss");
        assertThat(huber.parameters()).isEqualTo("delta=1.0");
        ParameterSpec delta = huber.parameterList().get(0);
        assertThat(delta.name()).isEqualTo("delta");
        assertThat(delta.type()).isEqualTo(ParameterSpec.Type.NUMBER);
        assertThat(delta.defaultValue()).isEqualTo(1.0);
        assertThat(delta.rule().text()).isEqualTo("> 0 in float32");
        assertThat(REGISTRY.info("poisson_nll_loss").parameters()).isEqualTo("log_input=true, full=false, eps=1e-8");
        assertThat(REGISTRY.info("cross_entropy").parameters())
                .isEqualTo("weight=None, ignore_index=-100, label_smoothing=0.0");
        assertThat(REGISTRY.info("ge2e_loss").parameters()).isEqualTo("w=10.0, b=-5.0, variant=softmax (reduction sum)");
        assertThat(REGISTRY.info("nmae").parameterList().get(0).rule().text()).isEqualTo("one of range, mean_abs, mean");
    }

    @Test
    void theConstructorValidatesThroughTheDeclaration() {
        assertThatThrownBy(() -> new HuberLoss(-1.5)).hasMessage("huber_loss: delta must be > 0, got -1.5");
        assertThatThrownBy(() -> HuberLoss.DECLARATION.parameter("delta").check(-1.5))
                .hasMessage("huber_loss: delta must be > 0, got -1.5");
        assertThat(new HuberLoss().delta()).isEqualTo(HuberLoss.DECLARATION.parameter("delta").defaultDouble());
    }

    @Test
    void aTypedCreateGivesTheTwoTensorMethods() {
        Tensor prediction = Tensor.vector(2.5f, 4.75f, 7f, 11f);
        Tensor target = Tensor.vector(3f, 5f, 7f, 9f);
        InputTargetLoss huber = REGISTRY.createInputTarget("huber_loss", Map.of("delta", 1.5), null);
        assertThat(huber.forward(prediction, target).item()).isEqualTo(0.5078125f);
        LossResult r = huber.valueAndGradient(prediction, target);
        assertThat(r.gradInput().data()).containsExactly(-0.125f, -0.0625f, 0f, 0.375f);
        HuberLoss typed = REGISTRY.create("huber_loss", Map.of(), "sum", HuberLoss.class);
        assertThat(typed.delta()).isEqualTo(1.0);
        assertThatThrownBy(() -> REGISTRY.createInputTarget("triplet_margin_loss", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("triplet_margin_loss: not a loss of type InputTargetLoss; inputs: anchor, positive, "
                        + "negative");
    }

    @Test
    void everyLossOfAnInputAndATargetIsReachableTyped() {
        for (LossInfo info : REGISTRY.list()) {
            Loss loss = REGISTRY.create(info.name());
            List<String> names = loss.inputs().stream().filter(s -> !s.optional()).map(InputSpec::name).toList();
            if (names.equals(List.of("input", "target")) && loss.inputs().size() == 2) {
                assertThat(REGISTRY.createInputTarget(info.name(), null, null)).as(info.name())
                        .isInstanceOf(InputTargetLoss.class);
            }
        }
    }
}
