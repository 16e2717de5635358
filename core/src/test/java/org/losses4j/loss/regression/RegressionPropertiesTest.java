package org.losses4j.loss.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import org.losses4j.loss.InputTargetLoss;
import org.losses4j.loss.Reduction;
import org.losses4j.tensor.Tensor;
import org.losses4j.testing.VectorApiRun;

/**
 * Properties of the maths of the regression losses: the limits and special cases each loss's Javadoc states, checked
 * on random residuals. The golden fixtures check agreement with PyTorch on fixed inputs; these check the shapes of
 * the curves everywhere.
 */
@Tag(VectorApiRun.TAG)
class RegressionPropertiesTest {

    /** ℓ(d) of one residual d (target 0), reduction none. */
    private static double loss(InputTargetLoss loss, double d) {
        return loss.forward(Tensor.vector((float) d), Tensor.vector(0f)).data()[0];
    }

    /** ∂ℓ/∂x of one residual d. */
    private static double slope(InputTargetLoss loss, double d) {
        return loss.valueAndGradInput(Tensor.vector((float) d), Tensor.vector(0f)).gradInput().data()[0];
    }

    private static double rel(double expected) {
        return 2e-6 * Math.max(Math.abs(expected), 1e-30);
    }

    // -- huber_loss: ½d² inside delta -----------------------------------------------------------------------------

    @Property
    void huberIsHalfSquareInsideDelta(@ForAll @Scale(12) @DoubleRange(min = 0.01, max = 100) double delta,
            @ForAll @Scale(12) @DoubleRange(min = -0.999, max = 0.999) double fraction) {
        float d = (float) (fraction * delta);
        double expected = 0.5 * (double) d * d;
        assertThat(loss(new HuberLoss(delta, Reduction.NONE), d)).isCloseTo(expected, within(rel(expected)));
        assertThat(slope(new HuberLoss(delta, Reduction.NONE), d)).isCloseTo(d, within(rel(d)));
    }

    @Property
    void huberIsLinearOutsideDelta(@ForAll @Scale(12) @DoubleRange(min = 0.01, max = 100) double delta,
            @ForAll @Scale(12) @DoubleRange(min = 1.001, max = 1000) double multiple) {
        float d = (float) (-multiple * delta);
        float dl = (float) delta;
        double expected = dl * (Math.abs(d) - 0.5 * dl);
        assertThat(loss(new HuberLoss(delta, Reduction.NONE), d)).isCloseTo(expected, within(rel(expected)));
    }

    // -- asymmetric_huber: alpha = 1 is Huber; the under-estimation side is alpha times Huber --------------------

    @Property
    void asymmetricHuberScalesOnlyUnderEstimation(@ForAll @Scale(12) @DoubleRange(min = 0.05, max = 10) double delta,
            @ForAll @Scale(12) @DoubleRange(min = 0.05, max = 10) double alpha,
            @ForAll @Scale(12) @DoubleRange(min = -50, max = 50) double d) {
        double huber = loss(new HuberLoss(delta, Reduction.NONE), d);
        double asym = loss(new AsymmetricHuberLoss(delta, alpha, Reduction.NONE), d);
        double expected = d < 0 ? alpha * huber : huber;
        assertThat(asym).isCloseTo(expected, within(rel(expected) + 1e-12));
        assertThat(loss(new AsymmetricHuberLoss(delta, 1.0, Reduction.NONE), d)).isEqualTo(huber);
    }

    @Property
    void asymmetricHuberIsContinuousAtMinusDelta(@ForAll @Scale(12) @DoubleRange(min = 0.1, max = 10) double delta,
            @ForAll @Scale(12) @DoubleRange(min = 0.1, max = 10) double alpha) {
        AsymmetricHuberLoss l = new AsymmetricHuberLoss(delta, alpha, Reduction.NONE);
        float dl = (float) delta;
        double inside = loss(l, Math.nextUp(-dl));
        double outside = loss(l, Math.nextDown(-dl));
        assertThat(outside).isCloseTo(inside, within(1e-5 * Math.max(1, inside)));
    }

    // -- general_robust_loss: alpha = 2, 0, -inf are the closed forms; continuous in alpha near them -------------

    @Property
    void generalRobustAtAlpha2IsHalfSquare(@ForAll @Scale(12) @DoubleRange(min = -100, max = 100) double d,
            @ForAll @Scale(12) @DoubleRange(min = 0.01, max = 10) double c) {
        double z = (float) d / c;
        double expected = 0.5 * z * z;
        assertThat(loss(new GeneralRobustLoss(2.0, c, Reduction.NONE), d)).isCloseTo(expected, within(rel(expected)));
    }

    @Property
    void generalRobustAtAlpha0IsCauchy(@ForAll @Scale(12) @DoubleRange(min = -100, max = 100) double d,
            @ForAll @Scale(12) @DoubleRange(min = 0.01, max = 10) double c) {
        double z = (float) d / c;
        double expected = Math.log1p(0.5 * z * z);
        assertThat(loss(new GeneralRobustLoss(0.0, c, Reduction.NONE), d)).isCloseTo(expected, within(rel(expected)));
    }

    @Property
    void generalRobustAtMinusInfinityIsWelsch(@ForAll @Scale(12) @DoubleRange(min = -100, max = 100) double d,
            @ForAll @Scale(12) @DoubleRange(min = 0.01, max = 10) double c) {
        double z = (float) d / c;
        double expected = -Math.expm1(-0.5 * z * z);
        assertThat(loss(new GeneralRobustLoss(Double.NEGATIVE_INFINITY, c, Reduction.NONE), d))
                .isCloseTo(expected, within(rel(expected)));
    }

    @Property
    void generalRobustAtAlpha1IsPseudoHuberOverCSquared(@ForAll @Scale(12) @DoubleRange(min = -100, max = 100) double d,
            @ForAll @Scale(12) @DoubleRange(min = 0.01, max = 10) double c) {
        // rho(d, 1, c) = sqrt(z^2 + 1) - 1 = pseudo_huber_c(d) / c^2
        double expected = loss(new PseudoHuberLoss(c, Reduction.NONE), d) / (c * c);
        assertThat(loss(new GeneralRobustLoss(1.0, c, Reduction.NONE), d))
                .isCloseTo(expected, within(1e-5 * Math.max(expected, 1e-6)));
    }

    @Property
    void generalRobustIsContinuousInAlphaNearItsLimits(@ForAll @Scale(12) @DoubleRange(min = -30, max = 30) double d,
            @ForAll @Scale(12) @DoubleRange(min = 1e-9, max = 1e-6) double h) {
        for (double limit : new double[] {0.0, 2.0}) {
            double at = loss(new GeneralRobustLoss(limit, 1.0, Reduction.NONE), d);
            for (double alpha : new double[] {limit - h, limit + h}) {
                double near = loss(new GeneralRobustLoss(alpha, 1.0, Reduction.NONE), d);
                // |d rho / d alpha| is at most ~z^2 log(z^2) here; the step h moves the value by far less than 1e-4
                assertThat(near).as("alpha=%s d=%s", alpha, d).isCloseTo(at, within(1e-4 * Math.max(1, at)));
            }
        }
        double welsch = loss(new GeneralRobustLoss(Double.NEGATIVE_INFINITY, 1.0, Reduction.NONE), d);
        assertThat(loss(new GeneralRobustLoss(-1e9, 1.0, Reduction.NONE), d)).isCloseTo(welsch, within(1e-6));
    }

    // -- pseudo_huber: Huber's shape -------------------------------------------------------------------------------

    @Property
    void pseudoHuberIsHalfSquareForSmallResiduals(@ForAll @Scale(12) @DoubleRange(min = 0.01, max = 100) double delta,
            @ForAll @Scale(12) @DoubleRange(min = -1e-2, max = 1e-2) double fraction) {
        float d = (float) (fraction * delta);
        double expected = 0.5 * (double) d * d;
        // delta^2 (sqrt(1 + u^2) - 1) = delta^2 (u^2/2 - u^4/8 + ...): relative error u^2/4 <= 2.5e-5
        assertThat(loss(new PseudoHuberLoss(delta, Reduction.NONE), d))
                .isCloseTo(expected, within(3e-5 * expected + 1e-30));
    }

    @Property
    void pseudoHuberIsDeltaAbsForLargeResiduals(@ForAll @Scale(12) @DoubleRange(min = 0.01, max = 100) double delta,
            @ForAll @Scale(12) @DoubleRange(min = 1e4, max = 1e6) double multiple) {
        float d = (float) (multiple * delta);
        double expected = delta * d;
        // delta^2 (sqrt(1 + u^2) - 1) = delta |d| - delta^2 + O(delta^3/|d|): relative error ~ 1/u <= 1e-4
        assertThat(loss(new PseudoHuberLoss(delta, Reduction.NONE), d)).isCloseTo(expected, within(2e-4 * expected));
        assertThat(slope(new PseudoHuberLoss(delta, Reduction.NONE), d)).isCloseTo(delta, within(2e-4 * delta));
    }

    // -- log_cosh: ½d² small, |d| − log 2 large, no overflow -----------------------------------------------------

    @Property
    void logCoshIsHalfSquareForSmallResiduals(@ForAll @Scale(12) @DoubleRange(min = -1e-2, max = 1e-2) double d0) {
        float d = (float) d0;
        double expected = 0.5 * (double) d * d;
        // log cosh d = d^2/2 - d^4/12 + ...: relative error d^2/6
        assertThat(loss(new LogCoshLoss(Reduction.NONE), d)).isCloseTo(expected, within(3e-5 * expected + 1e-30));
    }

    @Property
    void logCoshIsAbsMinusLog2ForLargeResiduals(@ForAll @Scale(12) @DoubleRange(min = 20, max = 1e30) double a,
            @ForAll boolean negative) {
        float d = (float) (negative ? -a : a);
        double expected = Math.abs((double) d) - Math.log(2);
        double got = loss(new LogCoshLoss(Reduction.NONE), d);
        assertThat(got).isFinite().isCloseTo(expected, within(1e-6 * expected));
        assertThat(slope(new LogCoshLoss(Reduction.NONE), d)).isEqualTo(negative ? -1.0 : 1.0);
    }

    // -- quantile_loss: q = 0.5 is half of L1 ----------------------------------------------------------------------

    @Property
    void quantileAtHalfIsHalfOfL1(@ForAll @Scale(12) @DoubleRange(min = -1e4, max = 1e4) double x,
            @ForAll @Scale(12) @DoubleRange(min = -1e4, max = 1e4) double y) {
        Tensor in = Tensor.vector((float) x, (float) y, 0f);
        Tensor tg = Tensor.vector((float) y, (float) x, 0f);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            double q = new QuantileLoss(0.5, r).forward(in, tg).item();
            double l1 = new L1Loss(r).forward(in, tg).item();
            assertThat(q).isCloseTo(0.5 * l1, within(1e-6 * Math.max(1, l1)));
        }
    }

    @Property
    void quantileWeighsUnderAndOverPrediction(@ForAll @Scale(12) @DoubleRange(min = 0.01, max = 0.99) double q,
            @ForAll @Scale(12) @DoubleRange(min = 0.01, max = 1e3) double e) {
        QuantileLoss l = new QuantileLoss(q, Reduction.NONE);
        float ef = (float) e;
        // under-prediction (x < y, e = y - x > 0) costs q e, over-prediction (1 - q) e
        assertThat(loss(l, -ef)).isCloseTo(q * ef, within(1e-6 * ef));
        assertThat(loss(l, ef)).isCloseTo((1 - q) * ef, within(1e-6 * ef));
    }

    // -- rmse, mape, msle ----------------------------------------------------------------------------------------

    @Property
    void rmseIsTheRootOfMse(@ForAll @Scale(12) @DoubleRange(min = -1e3, max = 1e3) double a,
            @ForAll @Scale(12) @DoubleRange(min = -1e3, max = 1e3) double b) {
        Tensor in = Tensor.vector((float) a, (float) b);
        Tensor tg = Tensor.vector(0f, 1f);
        double mse = new MSELoss(Reduction.MEAN).forward(in, tg).item();
        double rmse = new RMSELoss().forward(in, tg).item();
        assertThat(rmse).isCloseTo(Math.sqrt(mse), within(1e-6 * Math.sqrt(mse)));
    }

    @Property
    void mapeIsAPercentage(@ForAll @Scale(12) @DoubleRange(min = 0.1, max = 1e3) double y,
            @ForAll @Scale(12) @DoubleRange(min = -2, max = 2) double fraction) {
        float yf = (float) y;
        float x = (float) (yf * (1 + fraction));
        double expected = 100 * Math.abs((double) x - yf) / yf;
        double got = new MAPELoss(Reduction.NONE).forward(Tensor.vector(x), Tensor.vector(yf)).data()[0];
        assertThat(got).isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
    }

    @Property
    void msleClipsNegativeValuesToEps(@ForAll @Scale(12) @DoubleRange(min = -1e3, max = 0) double x,
            @ForAll @Scale(12) @DoubleRange(min = 0, max = 1e3) double y) {
        MSLELoss l = new MSLELoss(Reduction.NONE);
        float yf = (float) y;
        double clipped = l.forward(Tensor.vector((float) x), Tensor.vector(yf)).data()[0];
        double atZero = l.forward(Tensor.vector(0f), Tensor.vector(yf)).data()[0];
        assertThat(clipped).isEqualTo(atZero);
        assertThat(l.valueAndGradInput(Tensor.vector((float) Math.min(x, -1e-6)), Tensor.vector(yf)).gradInput()
                .data()[0]).isZero();
    }

    // -- every element-wise regression loss: dℓ/dy = −dℓ/dx (a function of x − y) ----------------------------

    @Property
    void targetGradientIsMinusInputGradient(@ForAll @Scale(12) @DoubleRange(min = -20, max = 20) double x,
            @ForAll @Scale(12) @DoubleRange(min = -20, max = 20) double y) {
        Tensor in = Tensor.vector((float) x);
        Tensor tg = Tensor.vector((float) y);
        for (InputTargetLoss l : new InputTargetLoss[] {new AsymmetricHuberLoss(1.0, 2.0, Reduction.SUM),
                new PseudoHuberLoss(0.5, Reduction.SUM), new LogCoshLoss(Reduction.SUM),
                new QuantileLoss(0.3, Reduction.SUM), new GeneralRobustLoss(-2.0, 0.7, Reduction.SUM)}) {
            var r = l.valueAndGradient(in, tg);
            assertThat(r.gradTarget().data()[0]).as(l.toString()).isEqualTo(-r.gradInput().data()[0]);
        }
    }
}
