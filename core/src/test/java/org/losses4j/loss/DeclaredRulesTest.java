package org.losses4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.losses4j.loss.classification.ArcFaceLoss;
import org.losses4j.loss.classification.MultiMarginLoss;
import org.losses4j.loss.ranking.ContrastiveLoss;
import org.losses4j.loss.ranking.TripletMarginLoss;
import org.losses4j.loss.ranking.TripletMarginWithDistanceLoss;
import org.losses4j.loss.regression.GeneralRobustLoss;

/**
 * Every rule a declaration gives a number checks what its text says, and a loss's constructor, its declaration and
 * the registry reject a value with the same one-line message (loss, argument, value, rule).
 */
class DeclaredRulesTest {
    private static final LossRegistry REGISTRY = LossRegistry.standard();

    /** Values to try a rule with: any rule but {@link Rule#ANY} rejects at least one of them. */
    private static final double[] PROBES = {Double.NaN, Double.NEGATIVE_INFINITY, -1e300, -1.5, -1, 0, 0.5, 1, 1.5,
        2, 3, 1e300, Double.POSITIVE_INFINITY};

    @Test
    void everyRuleOfANumberChecksSomethingAndPassesItsDefault() {
        // A rule that were only a text (checked, or not, somewhere else) would let every probe through.
        List<String> problems = new ArrayList<>();
        int rules = 0;
        for (LossInfo info : REGISTRY.list()) {
            for (ParameterSpec p : info.parameterList()) {
                boolean numeric = p.type() == ParameterSpec.Type.NUMBER || p.type() == ParameterSpec.Type.INTEGER
                        || p.type() == ParameterSpec.Type.NUMBER_OR_TENSOR;
                if (!numeric || p.rule() == Rule.ANY) {
                    continue;
                }
                rules++;
                try {
                    p.check(p.defaultDouble());
                } catch (IllegalArgumentException e) {
                    problems.add(info.name() + "." + p.name() + ": its default fails its rule: " + e.getMessage());
                }
                int rejected = 0;
                for (double v : PROBES) {
                    try {
                        p.check(v);
                    } catch (IllegalArgumentException e) {
                        rejected++;
                        if (!e.getMessage().startsWith(info.name() + ": " + p.name() + " must be ")) {
                            problems.add(info.name() + "." + p.name() + ": message " + e.getMessage());
                        }
                    }
                }
                if (rejected == 0) {
                    problems.add(info.name() + "." + p.name() + ": rule '" + p.rule() + "' rejects nothing");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(rules).isGreaterThan(40);
    }

    @Test
    void tripletNormDegree() {
        String small = "triplet_margin_loss: p must be >= 0.001 (a smaller p overflows every distance), got 5.0E-4";
        rejects(() -> TripletMarginLoss.DECLARATION.parameter("p").check(5e-4), small);
        rejects(() -> new TripletMarginLoss(1, 5e-4, 1e-6, false, Reduction.MEAN), small);
        rejects(() -> REGISTRY.create("triplet_margin_loss", Map.of("p", 5e-4), null), small);
        rejects(() -> TripletMarginLoss.DECLARATION.parameter("p").check(0),
                "triplet_margin_loss: p must be > 0, got 0");
        rejects(() -> TripletMarginLoss.DECLARATION.parameter("p").check(Double.NaN),
                "triplet_margin_loss: p must be a finite number, got NaN");
        rejects(() -> TripletMarginLoss.DECLARATION.parameter("p").check(Double.NEGATIVE_INFINITY),
                "triplet_margin_loss: p must be a finite number, got -Infinity");
        passes(() -> TripletMarginLoss.DECLARATION.parameter("p").check(Double.POSITIVE_INFINITY));
        passes(() -> TripletMarginLoss.DECLARATION.parameter("p").check(1e-3));
        rejects(() -> new TripletMarginWithDistanceLoss(TripletMarginWithDistanceLoss.Distance.PAIRWISE, 5e-4, 1e-6,
                1, false, Reduction.MEAN), "triplet_margin_with_distance_loss: p must be >= 0.001 (a smaller p "
                + "overflows every distance), got 5.0E-4");
        // with the cosine distance p is still checked by its rule first
        rejects(() -> new TripletMarginWithDistanceLoss(TripletMarginWithDistanceLoss.Distance.COSINE, Double.NaN,
                1e-6, 1, false, Reduction.MEAN),
                "triplet_margin_with_distance_loss: p must be a finite number, got NaN");
    }

    @Test
    void distanceEps() {
        String huge = "triplet_margin_loss: eps must be at most 3.4028234663852886E38 (finite in float32), got 1.0E39";
        rejects(() -> TripletMarginLoss.DECLARATION.parameter("eps").check(1e39), huge);
        rejects(() -> new TripletMarginLoss(1, 2, 1e39, false, Reduction.MEAN), huge);
        rejects(() -> TripletMarginLoss.DECLARATION.parameter("eps").check(-1),
                "triplet_margin_loss: eps must be >= 0, got -1");
        rejects(() -> TripletMarginLoss.DECLARATION.parameter("eps").check(Double.POSITIVE_INFINITY),
                "triplet_margin_loss: eps must be a finite number, got Infinity");
        passes(() -> TripletMarginLoss.DECLARATION.parameter("eps").check(0));
        passes(() -> TripletMarginLoss.DECLARATION.parameter("eps").check(Float.MAX_VALUE));
        rejects(() -> new ContrastiveLoss(1, ContrastiveLoss.LabelConvention.SIMILAR_IS_0, -1, Reduction.MEAN),
                "contrastive_loss: eps must be >= 0, got -1");
        rejects(() -> TripletMarginWithDistanceLoss.DECLARATION.parameter("eps").check(-0.5),
                "triplet_margin_with_distance_loss: eps must be >= 0, got -0.5");
    }

    @Test
    void multiMarginPower() {
        String three = "multi_margin_loss: p must be 1 or 2, got 3";
        rejects(() -> MultiMarginLoss.DECLARATION.parameter("p").check(3), three);
        rejects(() -> new MultiMarginLoss(3, 1.0, null, Reduction.MEAN), three);
        rejects(() -> REGISTRY.create("multi_margin_loss", Map.of("p", 3), null), three);
        // checked as the whole number given, before it is narrowed to an int (4294967297 would wrap to 1)
        rejects(() -> REGISTRY.create("multi_margin_loss", Map.of("p", 4294967297L), null),
                "multi_margin_loss: p must be 1 or 2, got 4294967297");
        passes(() -> MultiMarginLoss.DECLARATION.parameter("p").check(1));
        passes(() -> MultiMarginLoss.DECLARATION.parameter("p").check(2));
        assertThat(MultiMarginLoss.DECLARATION.parameter("p").rule().text()).isEqualTo("1 or 2");
        assertThat(new MultiMarginLoss(2, 1.0, null, Reduction.SUM).config().get("p")).isEqualTo(2);
    }

    @Test
    void contrastiveSimilarLabel() {
        String two = "contrastive_loss: similar_label must be 0 or 1, got 2";
        rejects(() -> ContrastiveLoss.DECLARATION.parameter("similar_label").check(2), two);
        rejects(() -> REGISTRY.create("contrastive_loss", Map.of("similar_label", 2), null), two);
        rejects(() -> ContrastiveLoss.LabelConvention.ofSimilarLabel("contrastive_loss", -1),
                "contrastive_loss: similar_label must be 0 or 1, got -1");
        assertThat(ContrastiveLoss.LabelConvention.ofSimilarLabel("contrastive_loss", 1))
                .isEqualTo(ContrastiveLoss.LabelConvention.SIMILAR_IS_1);
        assertThat(REGISTRY.create("contrastive_loss", Map.of("similar_label", 1), null).config())
                .containsEntry("similar_label", 1);
    }

    @Test
    void arcFaceMargin() {
        String halfPi = "arcface_loss: m must be in [0, 1.5707963267948966) (radians, [0, π/2)), got "
                + "1.5707963267948966";
        rejects(() -> ArcFaceLoss.DECLARATION.parameter("m").check(Math.PI / 2), halfPi);
        rejects(() -> new ArcFaceLoss(64, Math.PI / 2, false, Reduction.MEAN), halfPi);
        rejects(() -> REGISTRY.create("arcface_loss", Map.of("m", Math.PI / 2), null), halfPi);
        rejects(() -> ArcFaceLoss.DECLARATION.parameter("m").check(-0.1),
                "arcface_loss: m must be in [0, 1.5707963267948966) (radians, [0, π/2)), got -0.1");
        rejects(() -> ArcFaceLoss.DECLARATION.parameter("m").check(Double.NaN),
                "arcface_loss: m must be in [0, 1.5707963267948966) (radians, [0, π/2)), got NaN");
        passes(() -> ArcFaceLoss.DECLARATION.parameter("m").check(0));
        passes(() -> ArcFaceLoss.DECLARATION.parameter("m").check(Math.nextDown(Math.PI / 2)));
    }

    @Test
    void generalRobustShape() {
        String nan = "general_robust_loss: alpha must be a number in [-Infinity, Infinity], got NaN";
        rejects(() -> GeneralRobustLoss.DECLARATION.parameter("alpha").check(Double.NaN), nan);
        rejects(() -> new GeneralRobustLoss(Double.NaN, 1.0), nan);
        rejects(() -> REGISTRY.create("general_robust_loss", Map.of("alpha", "NaN"), null), nan);
        passes(() -> GeneralRobustLoss.DECLARATION.parameter("alpha").check(Double.NEGATIVE_INFINITY));
        passes(() -> GeneralRobustLoss.DECLARATION.parameter("alpha").check(Double.POSITIVE_INFINITY));
        assertThat(Rule.NOT_NAN.text()).isEqualTo("not NaN");
    }

    @Test
    void aRuleOfOneLossNeedsATest() {
        assertThatThrownBy(() -> Rule.of("whatever")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule 'whatever': a rule needs a test");
        assertThat(Rule.oneOfNumbers(0, 1, 2).text()).isEqualTo("0, 1 or 2");
        rejects(() -> Rule.oneOfNumbers(0, 1, 2).check("some_loss", "k", 1.5),
                "some_loss: k must be 0, 1 or 2, got 1.5");
    }

    private static void rejects(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static void passes(ThrowingCallable call) {
        assertThatCode(call).doesNotThrowAnyException();
    }
}
