package org.losses4j.loss.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossRegistry;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

class TdLossTest {
    private static final Tensor Q = Tensor.matrix(new float[][] {{1f, 2f}, {0.5f, -1f}});
    private static final Tensor NEXT = Tensor.matrix(new float[][] {{3f, 1f}, {2f, 4f}});

    @Test
    void handComputedDqnTargetAndClippedGradient() {
        // y0 = 1 + 0.5 * 3 = 2.5, q0 = q[0,1] = 2 -> d = -0.5 (quadratic); y1 = -1 (terminal), q1 = q[1,0] = 0.5 -> d = 1.5
        TdLoss loss = new TdLoss(0.5, TdLoss.LossType.HUBER, 1.0, Reduction.SUM);
        LossResult r = loss.valueAndGradient(Q, Tensor.indices(1, 0), Tensor.vector(1f, -1f), NEXT,
                Tensor.vector(0f, 1f));
        assertThat(r.item()).isCloseTo(0.125 + 1.0, within(1e-12));
        assertThat(r.grad("q").data()).containsExactly(0f, -0.5f, 1f, 0f);
    }

    @Test
    void doubleDqnEvaluatesTheOnlineArgmaxWithTheTargetNetAndTakesTheFirstTie() {
        Tensor online = Tensor.matrix(new float[][] {{0f, 5f}, {7f, 7f}});
        TdLoss loss = new TdLoss(0.5, TdLoss.LossType.MSE, 1.0, Reduction.NONE);
        LossResult r = loss.valueAndGradient(Q, Tensor.indices(1, 0), Tensor.vector(1f, -1f), NEXT,
                Tensor.vector(0f, 0f), online);
        // row 0: a* = 1, y = 1 + 0.5 * 1 = 1.5, d = 0.5; row 1: tie -> a* = 0, y = -1 + 0.5 * 2 = 0, d = 0.5
        assertThat(r.value().data()).containsExactly(0.25f, 0.25f);
        assertThat(r.grad("q").data()).containsExactly(0f, 1f, 1f, 0f);
    }

    @Test
    void smoothL1IsHuberOverDelta() {
        Tensor act = Tensor.indices(1, 0);
        Tensor rew = Tensor.vector(-3f, 4f);
        Tensor dn = Tensor.vector(0f, 0f);
        double h = new TdLoss(0.9, TdLoss.LossType.HUBER, 2.0, Reduction.MEAN)
                .valueAndGradient(Q, act, rew, NEXT, dn).item();
        double s = new TdLoss(0.9, TdLoss.LossType.SMOOTH_L1, 2.0, Reduction.MEAN)
                .valueAndGradient(Q, act, rew, NEXT, dn).item();
        assertThat(s).isCloseTo(h / 2.0, within(1e-9));
    }

    @Test
    void emptyBatchGivesNanMeanAndZeroSum() {
        Tensor q = Tensor.zeros(0, 3);
        Map<String, Tensor> in = Map.of("q", q, "actions", Tensor.wrapIndices(new long[0], 0), "rewards",
                Tensor.zeros(0), "next_q_target", Tensor.zeros(0, 3), "dones", Tensor.zeros(0));
        assertThat(new TdLoss().compute(in, Set.of("q")).item()).isNaN();
        assertThat(new TdLoss(0.99, TdLoss.LossType.HUBER, 1, Reduction.SUM).compute(in, Set.of("q")).item())
                .isZero();
    }

    @Test
    void integerDonesAreAccepted() {
        double a = new TdLoss().valueAndGradient(Q, Tensor.indices(1, 0), Tensor.vector(1f, -1f), NEXT,
                Tensor.indices(0, 1)).item();
        double b = new TdLoss().valueAndGradient(Q, Tensor.indices(1, 0), Tensor.vector(1f, -1f), NEXT,
                Tensor.vector(0f, 1f)).item();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void messagesNameTheArgumentValueAndRule() {
        assertThatThrownBy(() -> new TdLoss(1.5, TdLoss.LossType.HUBER, 1, Reduction.MEAN))
                .hasMessage("td_loss: gamma must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> TdLoss.LossType.parse("l2"))
                .hasMessage("td_loss: loss_type must be one of huber, smooth_l1, mse, got 'l2'");
        assertThatThrownBy(() -> new TdLoss().valueAndGradient(Q, Tensor.indices(2, 0), Tensor.vector(1f, 1f), NEXT,
                Tensor.vector(0f, 0f))).hasMessage("td_loss: actions must be in [0, 2) for A = 2 actions, got 2 at index 0");
        assertThatThrownBy(() -> new TdLoss().valueAndGradient(Q, Tensor.indices(1, 0), Tensor.vector(1f, 1f), NEXT,
                Tensor.vector(0f, 0.5f))).hasMessage("td_loss: dones must be 0 or 1, got 0.5 at index 1");
        assertThatThrownBy(() -> new TdLoss(0.99, TdLoss.LossType.HUBER, 1, Reduction.BATCHMEAN))
                .hasMessageStartingWith("td_loss: reduction must be one of none, mean, sum");
    }

    @Test
    void registryDefaultsAndToString() {
        TdLoss l = (TdLoss) LossRegistry.standard().create("td_loss");
        assertThat(l.gamma()).isEqualTo(0.99);
        assertThat(l.lossType()).isEqualTo(TdLoss.LossType.HUBER);
        assertThat(l.delta()).isEqualTo(1.0);
        assertThat(l.toString()).isEqualTo("TdLoss(gamma=0.99, loss_type=huber, delta=1.0, reduction=mean)");
        TdLoss m = (TdLoss) LossRegistry.standard().create("td_loss", Map.of("loss_type", "mse", "gamma", 0.5), "sum");
        assertThat(m.lossType()).isEqualTo(TdLoss.LossType.MSE);
        assertThat(m.reduction()).isEqualTo(Reduction.SUM);
        assertThatThrownBy(() -> LossRegistry.standard().create("td_loss", Map.of("loss_type", "MSE"), null))
                .hasMessage("td_loss: loss_type must be one of huber, smooth_l1, mse, got 'MSE'");
        assertThatThrownBy(() -> LossRegistry.standard().create("td_loss", Map.of(), "Sum"))
                .hasMessage("td_loss: reduction must be one of none, mean, sum, got 'Sum'");
    }
}
