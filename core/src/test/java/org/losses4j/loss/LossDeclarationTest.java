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
import org.losses4j.tensor.NestedArrays;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.Fixtures;

/**
 * Each loss's declaration states what its default instance is (name, inputs, reductions, default reduction,
 * parameters and their defaults), and the registry, the typed parameter list and the derived text agree with it.
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

    @Test
    void everyLossTakesTheInputsItsDeclarationStates() {
        // The default instance, and the instance of every golden value case (every parameter setting the fixtures
        // use): what compute() validates against is what the registry, `losses4j list` and the protocol show.
        List<String> problems = new ArrayList<>();
        int instances = 0;
        for (LossInfo info : REGISTRY.list()) {
            compareInputs(info, REGISTRY.create(info.name()), "default", problems);
            instances++;
        }
        for (Fixtures.Case c : Fixtures.all()) {
            if (!c.expectsError()) {
                compareInputs(REGISTRY.info(c.loss()), build(c), c.name(), problems);
                instances++;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(instances).isGreaterThan(10 * REGISTRY.list().size());
    }

    private static void compareInputs(LossInfo info, Loss loss, String which, List<String> problems) {
        if (!loss.inputs().equals(info.inputs())) {
            problems.add(info.name() + " (" + which + "): takes " + loss.inputs() + ", declared " + info.inputs());
        }
    }

    private static Loss build(Fixtures.Case c) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        if (c.request().get("params") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> params.put((String) k, v instanceof List ? NestedArrays.toTensor(v, "param") : v));
        }
        return REGISTRY.create(c.loss(), params, (String) c.request().get("reduction"));
    }

    @Test
    void theDeclarationStatesTheInputs() {
        assertThat(REGISTRY.info("huber_loss").inputs()).isEqualTo(LossDeclaration.INPUT_TARGET);
        assertThat(REGISTRY.info("nll_loss").inputs()).containsExactly(InputSpec.differentiable("input"),
                InputSpec.indices("target"));
        assertThat(REGISTRY.info("cross_entropy").inputs()).containsExactly(InputSpec.differentiable("input"),
                InputSpec.indicesOrFloat("target"));
        assertThat(REGISTRY.info("info_nce").inputs()).containsExactly(InputSpec.differentiable("query"),
                InputSpec.differentiable("positive_key"), InputSpec.differentiable("negative_keys").asOptional());
        assertThat(REGISTRY.info("ge2e_loss").inputs()).containsExactly(InputSpec.differentiable("embeddings"));
    }

    @Test
    void aDeclarationNamesEachInputOnce() {
        assertThatThrownBy(() -> LossDeclaration.of("twice", Family.RANKING, "two inputs of one name")
                .inputs(InputSpec.differentiable("input"), InputSpec.constant("input")).factory(p -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("twice: an input is declared twice");
        assertThatThrownBy(() -> LossDeclaration.of("none", Family.RANKING, "no inputs").inputs()
                .factory(p -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("none: a loss has at least one input");
    }

    @Test
    void aLossOfAnInputAndATargetDeclaresThem() {
        LossDeclaration triple = LossDeclaration.of("triple", Family.RANKING, "three inputs")
                .inputs(InputSpec.differentiable("anchor"), InputSpec.differentiable("positive"),
                        InputSpec.differentiable("negative"))
                .factory(p -> null);
        assertThatThrownBy(() -> new TwoInputs(triple)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("triple: a loss of an input and a target declares the inputs input and "
                        + "target");
        LossDeclaration pair = LossDeclaration.of("pair", Family.REGRESSION, "the default inputs").factory(p -> null);
        assertThat(new TwoInputs(pair).inputs()).isEqualTo(LossDeclaration.INPUT_TARGET);
    }

    /** A loss of an input and a target whose declaration the test chooses. */
    private static final class TwoInputs extends InputTargetLoss {
        TwoInputs(LossDeclaration declaration) {
            super(declaration, Reduction.MEAN);
        }

        @Override
        protected LossResult evaluate(Tensor input, Tensor target, boolean gradInput, boolean gradTarget) {
            throw new AssertionError("not evaluated");
        }
    }
}
