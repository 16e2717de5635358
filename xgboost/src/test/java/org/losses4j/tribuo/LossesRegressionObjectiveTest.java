package org.losses4j.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.common.sgd.AbstractSGDModel;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.RegressionObjective;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The anchors: our {@code huber_loss} trains Tribuo's {@code Huber} model and our {@code mse_loss} its
 * {@code SquaredLoss} model (at half the learning rate: Tribuo's ½), with the same trainer, optimiser, seed and
 * epochs; and the objective's configuration in the model's provenance.
 */
class LossesRegressionObjectiveTest {
    /** Weights agree to this, relative to the largest weight of the model (float32 gradients against double). */
    private static final double WEIGHT_TOLERANCE = 1e-5;
    private static final long SEED = 12345L;
    private static final MutableDataset<Regressor> BOSTON = TribuoBoston.training();

    private static double[] linear(RegressionObjective objective, StochasticGradientOptimiser optimiser, int epochs) {
        LinearSGDTrainer t = new LinearSGDTrainer(objective, optimiser, epochs, -1, 1, SEED);
        return TribuoBoston.flatten(((AbstractSGDModel<Regressor>) t.train(BOSTON)).getModelParameters().get());
    }

    private static double[] fm(RegressionObjective objective, StochasticGradientOptimiser optimiser, int epochs) {
        FMRegressionTrainer t = new FMRegressionTrainer(objective, optimiser, epochs, -1, 1, SEED, 3, 0.1, false);
        return TribuoBoston.flatten(((AbstractSGDModel<Regressor>) t.train(BOSTON)).getModelParameters().get());
    }

    /** Element-wise within {@link #WEIGHT_TOLERANCE} of the largest |weight|; returns the largest relative gap. */
    private static double assertSameModel(String what, double[] ours, double[] tribuo) {
        assertThat(ours).hasSameSizeAs(tribuo);
        double scale = 0;
        for (double w : tribuo) {
            scale = Math.max(scale, Math.abs(w));
        }
        assertThat(scale).isGreaterThan(0.1); // a model that learned something
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - tribuo[i]) / scale);
        }
        System.out.printf("%s: %d weights, largest |difference| / largest |weight| = %.2e%n", what, ours.length, worst);
        assertThat(worst).as("largest weight difference / largest weight").isLessThanOrEqualTo(WEIGHT_TOLERANCE);
        return worst;
    }

    @Test
    void huberLossIsTribuosHuberWithLinearSgd() {
        for (double c : new double[] {1.0, 3.0}) {
            double[] ours = linear(new LossesRegressionObjective("huber_loss", Map.of("delta", c)),
                    SGD.getSimpleSGD(0.01), 5);
            double[] theirs = linear(new Huber(c), SGD.getSimpleSGD(0.01), 5);
            assertSameModel("huber_loss δ=" + c + " / Huber(" + c + "), linear, SGD 0.01, 5 epochs", ours, theirs);
        }
    }

    @Test
    void huberLossIsTribuosHuberWithAdaGrad() {
        double[] ours = linear(new LossesRegressionObjective("huber_loss", Map.of("delta", 2.0)), new AdaGrad(0.5), 10);
        double[] theirs = linear(new Huber(2.0), new AdaGrad(0.5), 10);
        assertSameModel("huber_loss δ=2 / Huber(2), linear, AdaGrad 0.5, 10 epochs", ours, theirs);
    }

    @Test
    void huberLossIsTribuosHuberWithFactorizationMachines() {
        double[] ours = fm(new LossesRegressionObjective("huber_loss", Map.of("delta", 2.0)), new AdaGrad(0.1), 5);
        double[] theirs = fm(new Huber(2.0), new AdaGrad(0.1), 5);
        assertSameModel("huber_loss δ=2 / Huber(2), factorization machine, AdaGrad 0.1, 5 epochs", ours, theirs);
    }

    @Test
    void mseLossAtHalfTheLearningRateIsTribuosSquaredLoss() {
        double[] ours = linear(new LossesRegressionObjective("mse_loss"), SGD.getSimpleSGD(0.005), 5);
        double[] theirs = linear(new SquaredLoss(), SGD.getSimpleSGD(0.01), 5);
        assertSameModel("mse_loss at SGD 0.005 / SquaredLoss at SGD 0.01, linear, 5 epochs", ours, theirs);
        // and not at the same learning rate: the ½ matters
        double[] doubled = linear(new LossesRegressionObjective("mse_loss"), SGD.getSimpleSGD(0.01), 5);
        assertThatThrownBy(() -> assertSameModel("mse_loss at the same rate", doubled, theirs)).isInstanceOf(AssertionError.class);
    }

    @Test
    void valueAndNegativeGradientFollowTribuosConvention() {
        DenseVector truth = DenseVector.createDenseVector(new double[] {3, 10});
        SGDVector prediction = DenseVector.createDenseVector(new double[] {2.5, 4});
        Pair<Double, SGDVector> ours = new LossesRegressionObjective("huber_loss", Map.of("delta", 2.0))
                .lossAndGradient(truth, prediction);
        Pair<Double, SGDVector> theirs = new Huber(2.0).lossAndGradient(truth, prediction);
        // ½·0.5² + 2·(6 − 1) = 10.125; −∂ℓ/∂ŷ = (0.5, 2)
        assertThat(ours.getA()).isEqualTo(10.125).isEqualTo(theirs.getA());
        assertThat(ours.getB().get(0)).isEqualTo(0.5).isEqualTo(theirs.getB().get(0));
        assertThat(ours.getB().get(1)).isEqualTo(2.0).isEqualTo(theirs.getB().get(1));
    }

    @Test
    void otherLossesTrainToo() {
        for (String loss : new String[] {"log_cosh", "pseudo_huber", "l1_loss"}) {
            double[] w = linear(new LossesRegressionObjective(loss), new AdaGrad(0.5), 5);
            assertThat(java.util.Arrays.stream(w).allMatch(Double::isFinite)).as(loss).isTrue();
            assertThat(java.util.Arrays.stream(w).map(Math::abs).max().orElse(0)).as(loss).isGreaterThan(1);
        }
    }

    @Test
    void provenanceRecordsTheLossAndItsParameters() {
        LinearSGDTrainer t = new LinearSGDTrainer(new LossesRegressionObjective("huber_loss", Map.of("delta", 1.5)),
                new AdaGrad(0.1), 1, SEED);
        String provenance = t.train(BOSTON).getProvenance().getTrainerProvenance().toString();
        assertThat(provenance).contains("org.losses4j.tribuo.LossesRegressionObjective")
                .contains("huber_loss").contains("delta").contains("1.5");
        assertThat(new LossesRegressionObjective("huber_loss", Map.of("delta", 1.5)))
                .hasToString("LossesRegressionObjective(huber_loss, {delta=1.5})");
    }

    @Test
    void badLossesAreRefusedWithTheRegistrysMessage() {
        assertThatThrownBy(() -> new LossesRegressionObjective("hubber_loss")).isInstanceOf(
                IllegalArgumentException.class).hasMessageStartingWith("unknown loss 'hubber_loss'; did you mean"
                + " 'huber_loss'?");
        assertThatThrownBy(() -> new LossesRegressionObjective("huber_loss", Map.of("delta", -1)))
                .hasMessage("huber_loss: delta must be > 0, got -1");
        assertThatThrownBy(() -> new LossesRegressionObjective("huber_loss", Map.of("dleta", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("huber_loss: ")
                .hasMessageContaining("dleta");
        assertThatThrownBy(() -> new LossesRegressionObjective("cross_entropy"))
                .hasMessageStartingWith("cross_entropy: not element-wise in a prediction and a target; Tribuo"
                        + " regression objectives take ").hasMessageContaining("huber_loss").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> new LossesRegressionObjective("binary_cross_entropy_with_logits"))
                .hasMessageStartingWith("binary_cross_entropy_with_logits: a classification loss, not a regression"
                        + " loss; Tribuo regression objectives take ");
    }

    @Test
    void sizesThatDifferAreRefusedNamingBoth() {
        assertThatThrownBy(() -> new LossesRegressionObjective("mse_loss").lossAndGradient(
                DenseVector.createDenseVector(new double[] {1, 2}), DenseVector.createDenseVector(new double[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LossesRegressionObjective(mse_loss, {}): 2 targets for 1 predictions; give one target"
                        + " per prediction");
    }
}
