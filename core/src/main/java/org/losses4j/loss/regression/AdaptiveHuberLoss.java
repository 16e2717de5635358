package org.losses4j.loss.regression;

import org.losses4j.kernel.VectorKernels;
import org.losses4j.loss.Check;
import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Reduction;

/**
 * The Huber loss of {@link HuberLoss} with a δ that can be changed between evaluations, for schedules that
 * re-estimate δ from the current residuals during training (nn's {@code AdaptiveDelta} callback, after Friedman's
 * gradient boosting, which re-estimates δ as the α-quantile of |residuals| at every iteration).
 *
 * <p>Per element, with d = x − y and a = |d|: ℓ = ½·d² if a &lt; δ, δ·(a − ½·δ) otherwise; reductions, shapes and
 * gradients exactly as {@link HuberLoss} with the current δ (∂ℓ/∂x = clamp(d, −δ, δ); second derivative 1 where
 * |d| &lt; δ, 0 from |d| = δ on). δ is held in a
 * {@code volatile} field: an evaluation reads it once per kernel block, so a change made while another thread
 * evaluates takes effect at the next evaluation.
 *
 * <p>This class is deliberately <em>not</em> in the registry (a registered loss is immutable and configured by its
 * parameters); for a fixed δ use {@code huber_loss}. Unlike every other loss here it is mutable: share an instance
 * only with the training run that adapts it.
 * <p>Reference: P. J. Huber 1964 (the loss); J. H. Friedman, "Greedy function approximation: a gradient boosting
 * machine", Annals of Statistics 29(5), 2001 (the adaptive δ).
 */
public final class AdaptiveHuberLoss extends ElementwiseLoss {
    private volatile float delta;

    /** δ = 1 to start with, reduction {@code mean}. */
    public AdaptiveHuberLoss() {
        this(1.0, Reduction.MEAN);
    }

    /**
     * The starting δ (0 &lt; δ &lt; ∞, in float32 too) and the reduction.
     *
     * @param initialDelta the δ until the first {@link #setDelta}: &gt; 0 and finite, in float32 too
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public AdaptiveHuberLoss(double initialDelta, Reduction reduction) {
        super("adaptive_huber_loss", reduction);
        this.delta = Check.positiveFiniteFloat32("adaptive_huber_loss", "delta", initialDelta);
        param("initial_delta", initialDelta);
    }

    /**
     * The current δ.
     *
     * @return the current δ
     */
    public double delta() {
        return delta;
    }

    /**
     * Sets δ for the following evaluations.
     *
     * @param delta the new δ: &gt; 0 and finite, in float32 too; used from the next evaluation on
     * @throws IllegalArgumentException unless 0 &lt; δ &lt; ∞, in double and as the float32 the kernel uses
     *                                  ({@code adaptive_huber_loss: delta must be > 0, got 0})
     */
    public void setDelta(double delta) {
        this.delta = Check.positiveFiniteFloat32("adaptive_huber_loss", "delta", delta);
    }

    @Override
    public boolean hasVectorKernel() {
        return true;
    }

    /** Whole vectors on the Vector API kernels (see {@link ElementwiseLoss#vectorKernel}). */
    @Override
    protected double vectorKernel(VectorKernels v, float[] x, float[] y, float[] out, float[] gx, float[] gy,
            float scale, int from, int to) {
        return v.clampedQuadratic(x, y, out, gx, gy, delta, 1f, scale, from, to);
    }

    @Override
    protected void values(float[] x, float[] y, float[] out, int from, int to) {
        HuberLoss.values(x, y, out, delta, from, to);
    }

    @Override
    protected void inputGradient(float[] x, float[] y, float[] gx, float scale, int from, int to) {
        HuberLoss.inputGradient(x, y, gx, delta, scale, from, to);
    }

    /** The second derivative of {@link HuberLoss} for the current δ (see there). */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        HuberLoss.inputHessian(x, y, hx, delta, scale, from, to);
    }
}
