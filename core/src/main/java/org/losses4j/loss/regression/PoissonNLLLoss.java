package org.losses4j.loss.regression;

import org.losses4j.loss.ElementwiseLoss;
import org.losses4j.loss.Family;
import org.losses4j.loss.LossDeclaration;
import org.losses4j.loss.Reduction;
import org.losses4j.loss.Rule;

/**
 * Poisson negative log-likelihood, PyTorch's
 * {@code nn.PoissonNLLLoss(log_input=True, full=False, eps=1e-8, reduction='mean')} / {@code F.poisson_nll_loss}.
 *
 * <p>The target y is a count drawn from a Poisson distribution whose rate λ the input x predicts. Per element,
 * dropping the constant log(y!):
 * <pre>
 *   log_input = true  (x = log λ):  ℓ = exp(x) − y·x
 *   log_input = false (x = λ):      ℓ = x − y·log(x + eps)
 *   full = true adds Stirling's approximation of log(y!):  y·log(y) − y + ½·log(2π·y),  only where y &gt; 1
 * </pre>
 * {@code eps} is used only when {@code log_input} is false (it keeps log finite at a zero rate). The Stirling term
 * is 0 for y ≤ 1 (log(0!) = log(1!) = 0) and does not depend on x.
 * <ul>
 *   <li>{@code none}: the tensor of ℓ<sub>i</sub>;</li>
 *   <li>{@code mean} (default): Σℓ<sub>i</sub> / n (NaN for an empty input);</li>
 *   <li>{@code sum}: Σℓ<sub>i</sub>.</li>
 * </ul>
 * <p>Shapes: input and target of any identical shape (never broadcast; PyTorch broadcasts them silently).
 * <p>Gradient: ∂ℓ/∂x = exp(x) − y ({@code log_input}) or 1 − y/(x + eps); ∂ℓ/∂y = −x or −log(x + eps), plus
 * log(y) + 1/(2y) from the Stirling term where y &gt; 1; divided by n for {@code mean}. Where y ≤ 1 the masked
 * Stirling term contributes nothing to ∂ℓ/∂y. (PyTorch 1.13 computes the term before masking it, so its target
 * gradient is NaN wherever y ≤ 0 and {@code full} is set; we return the gradient of the masked expression.)
 * <p>Second derivative ({@link org.losses4j.loss.SecondOrderLoss}): exp(x) ({@code log_input}) or y/(x + eps)²;
 * divided by n for {@code mean}.
 * <p>Peers: Keras's {@code poisson} is {@code mean(x − y·log(x + 1e-7))} over the last axis: the
 * {@code log_input = false} form with eps = 1e-7 and no Stirling term.
 * <p>Validation: eps must be &gt; 0 and finite ({@code poisson_nll_loss: eps must be > 0, got -1}); PyTorch does not
 * check it.
 * <p>Reference: PyTorch {@code torch.nn.PoissonNLLLoss} ({@code aten/src/ATen/native/Loss.cpp}).
 */
public final class PoissonNLLLoss extends ElementwiseLoss {
    /** The declaration: name, family, summary, inputs, parameters and reductions, stated once. */
    public static final LossDeclaration DECLARATION = LossDeclaration.of("poisson_nll_loss", Family.REGRESSION,
                    "Poisson negative log-likelihood of counts (PyTorch PoissonNLLLoss).")
            .bool("log_input", true, "the input is log(rate) rather than the rate")
            .bool("full", false, "add Stirling's approximation of log(target!)")
            .number("eps", 1e-8, Rule.POSITIVE_FINITE, "added to the rate before its log (log_input=false)")
            .factory(p -> new PoissonNLLLoss(p.getBoolean("log_input"), p.getBoolean("full"), p.getDouble("eps"),
                    p.reduction()));

    private static final double TWO_PI = 2 * Math.PI;

    private final boolean logInput;
    private final boolean full;
    private final double eps;

    /** PyTorch's defaults: {@code log_input=true, full=false, eps=1e-8}, reduction {@code mean}. */
    public PoissonNLLLoss() {
        this(true, false, 1e-8, Reduction.MEAN);
    }

    /**
     * PyTorch's defaults with the given reduction.
     *
     * @param reduction how the per-element losses are reduced: {@code NONE}, {@code MEAN} or {@code SUM}
     */
    public PoissonNLLLoss(Reduction reduction) {
        this(true, false, 1e-8, reduction);
    }

    /**
     * @param logInput  whether the input is the log-rate (true) or the rate itself (false)
     * @param full      whether to add the Stirling term where target &gt; 1
     * @param eps       added to the rate inside the log when {@code logInput} is false; &gt; 0
     * @param reduction {@code none}, {@code mean} or {@code sum}
     */
    public PoissonNLLLoss(boolean logInput, boolean full, double eps, Reduction reduction) {
        super(DECLARATION, reduction);
        this.logInput = logInput;
        this.full = full;
        param("log_input", logInput);
        param("full", full);
        this.eps = checked("eps", eps);
    }

    /**
     * A builder starting from PyTorch's defaults.
     *
     * @return a builder starting from PyTorch's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the input is the log-rate.
     *
     * @return whether the input is the log-rate
     */
    public boolean logInput() {
        return logInput;
    }

    /**
     * Whether the Stirling term is added.
     *
     * @return whether the Stirling term is added
     */
    public boolean full() {
        return full;
    }

    /**
     * The eps added to the rate when the input is not the log-rate.
     *
     * @return the eps added to the rate when the input is not the log-rate
     */
    public double eps() {
        return eps;
    }

    @Override
    protected double kernel(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final boolean lg = logInput;
        final boolean st = full;
        final double e = eps;
        double sum = 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            double l;
            double dx;
            double dy;
            if (lg) {
                double ex = Math.exp(xi);
                l = ex - yi * xi;
                dx = ex - yi;
                dy = -xi;
            } else {
                double r = xi + e;
                double logR = Math.log(r);
                l = xi - yi * logR;
                dx = 1 - yi / r;
                dy = -logR;
            }
            if (st && yi > 1) {
                double logY = Math.log(yi);
                l += yi * logY - yi + 0.5 * Math.log(TWO_PI * yi);
                dy += logY + 0.5 / yi;
            }
            sum += l;
            if (out != null) {
                out[i] = (float) l;
            }
            if (gx != null) {
                gx[i] = (float) (dx * scale);
            }
            if (gy != null) {
                gy[i] = (float) (dy * scale);
            }
        }
        return sum;
    }

    /** Builds a {@link PoissonNLLLoss}; starts from PyTorch's defaults. */
    public static final class Builder {
        private boolean logInput = true;
        private boolean full;
        private double eps = 1e-8;
        private Reduction reduction = Reduction.MEAN;

        private Builder() {
        }

        /**
         * Whether the input is the log-rate (default true).
         *
         * @param v true if the input is the log-rate log λ, false if it is the rate λ itself
         * @return this builder
         */
        public Builder logInput(boolean v) {
            this.logInput = v;
            return this;
        }

        /**
         * Whether to add the Stirling term (default false).
         *
         * @param v true to add the Stirling approximation of log(y!) (for targets &gt; 1)
         * @return this builder
         */
        public Builder full(boolean v) {
            this.full = v;
            return this;
        }

        /**
         * The eps of the {@code log_input = false} form (default 1e-8).
         *
         * @param v the constant added to λ inside the log when the input is the rate, &gt; 0
         * @return this builder
         */
        public Builder eps(double v) {
            this.eps = v;
            return this;
        }

        /**
         * The reduction (default {@code mean}).
         *
         * @param v {@code NONE}, {@code MEAN} or {@code SUM}
         * @return this builder
         */
        public Builder reduction(Reduction v) {
            this.reduction = v;
            return this;
        }

        /**
         * The loss; validates the parameters.
         *
         * @return a new loss with the parameters set on this builder
         * @throws IllegalArgumentException for an invalid parameter, naming it
         */
        public PoissonNLLLoss build() {
            return new PoissonNLLLoss(logInput, full, eps, reduction);
        }
    }

    /**
     * The second derivative: ∂²ℓ/∂x² = exp(x) ({@code log_input}) or y/(x + eps)² (the Stirling term does not
     * depend on x), as autograd of PyTorch's formula; divided by n for {@code mean}.
     */
    @Override
    protected void inputHessian(float[] x, float[] y, float[] hx, float scale, int from, int to) {
        final double e = eps;
        if (logInput) {
            for (int i = from; i < to; i++) {
                hx[i] = (float) (Math.exp(x[i]) * scale);
            }
        } else {
            for (int i = from; i < to; i++) {
                double r = x[i] + e;
                hx[i] = (float) (y[i] / (r * r) * scale);
            }
        }
    }
}
