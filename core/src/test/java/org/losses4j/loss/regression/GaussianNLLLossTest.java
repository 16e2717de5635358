package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.losses4j.loss.LossResult;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;

/**
 * The var shapes of torch 1.13's {@code F.gaussian_nll_loss}, branch by branch, with the shapes of the result and of
 * the gradients (the golden fixtures hold the numbers).
 */
class GaussianNLLLossTest {
    private static LossResult none(Tensor x, Tensor y, Tensor v) {
        return new GaussianNLLLoss(Reduction.NONE).valueAndGradient(x, y, v);
    }

    /**
     * Branch 3 ({@code input.size()[:-1] == var.size()[:-1] and var.size(-1) == 1}) with a 0-d input: both [:-1]
     * are (), so var (1,) is accepted and the loss broadcasts to (1,). Torch 1.13:
     * {@code F.gaussian_nll_loss(tensor(.5), tensor(1.5), tensor([.3]), reduction='none')} is {@code [1.06468]}.
     */
    @Test
    void zeroDimInputWithAVarOfShapeOneGivesAResultOfShapeOne() {
        LossResult r = none(Tensor.scalar(0.5f), Tensor.scalar(1.5f), Tensor.vector(0.3f));
        assertThat(r.value().shape()).containsExactly(1);
        assertThat((double) r.value().data()[0]).isCloseTo(1.0646802, within(1e-6));
        assertThat(r.gradInput().shape()).isEmpty();
        assertThat(r.gradTarget().shape()).isEmpty();
        assertThat(r.grad("var").shape()).containsExactly(1);
        assertThat((double) r.grad("var").data()[0]).isCloseTo(-3.8888885, within(1e-5));
        assertThat(new GaussianNLLLoss(Reduction.MEAN).forward(Tensor.scalar(0.5f), Tensor.scalar(1.5f),
                Tensor.vector(0.3f)).item()).isCloseTo(1.0646802f, within(1e-6f));
    }

    /** Every accepted var shape keeps the input's shape for the result, except branch 3's 0-d input above. */
    @Test
    void resultHasTheInputsShapeForEveryOtherBranch() {
        Tensor x1 = Tensor.vector(0.5f, -1f, 2f);
        Tensor x2 = Tensor.matrix(new float[][] {{0.5f, -1f, 2f}, {0f, 3f, 1f}});
        Tensor[][] cases = {
            {Tensor.scalar(0.5f), Tensor.scalar(0.3f)},                       // 1: same shape, 0-d
            {x2, Tensor.matrix(new float[][] {{1, 2, 3}, {1, 2, 3}})},        // 1: same shape
            {x1, Tensor.scalar(0.3f)},                                        // 2: (3)[:-1] = () = var
            {x2, Tensor.vector(0.3f, 2f)},                                    // 2: (2, 3) -> var (2)
            {x1, Tensor.vector(0.3f)},                                        // 3: () = (1)[:-1], last 1
            {x2, Tensor.matrix(new float[][] {{0.3f}, {2f}})},                // 3: (2, 1)
            {x2, Tensor.scalar(0.3f)},                                        // newer PyTorch: 0-d var
            {x2, Tensor.matrix(new float[][] {{0.3f, 1f, 2f}})},              // newer PyTorch: (1, 3)
        };
        for (Tensor[] c : cases) {
            LossResult r = none(c[0], c[0], c[1]);
            assertThat(r.value().shape()).as("input %s, var %s", c[0].shapeString(), c[1].shapeString())
                    .isEqualTo(c[0].shape());
            assertThat(r.grad("var").shape()).isEqualTo(c[1].shape());
        }
    }

    /** Shapes no branch takes. */
    @Test
    void otherShapesAreIncorrect() {
        Tensor[][] cases = {
            {Tensor.scalar(0.5f), Tensor.vector(0.3f, 0.4f)},
            {Tensor.scalar(0.5f), Tensor.matrix(new float[][] {{0.3f}})},
            {Tensor.vector(0.5f, 1f), Tensor.matrix(new float[][] {{0.3f}, {0.4f}})},
            {Tensor.vector(0.5f, 1f), Tensor.vector(0.3f, 0.4f, 0.5f)},
        };
        for (Tensor[] c : cases) {
            assertThatThrownBy(() -> none(c[0], c[0], c[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("gaussian_nll_loss: var is of incorrect size")
                    .hasMessageContaining(c[1].shapeString()).hasMessageNotContaining("\n");
        }
    }
}
