package org.losses4j.xgboost;

import java.io.Serializable;

import org.losses4j.loss.Check;

/**
 * What a boosting objective hands XGBoost as the second derivative of the loss, per row.
 *
 * <ul>
 *   <li>{@link #exact(double) exact(floor)}: the loss's own second derivative ∂²ℓ/∂x², raised to {@code floor} where
 *       it is smaller. A Newton step: the leaf value is −Σg/(Σh + λ). Right for losses whose second derivative is
 *       positive everywhere ({@code mse_loss}, {@code pseudo_huber}, {@code log_cosh},
 *       {@code binary_cross_entropy_with_logits}, {@code poisson_nll_loss}). Where it is zero on a whole region
 *       (Huber beyond δ, L1 and quantile everywhere but the kink) the rows of that region carry no weight: a leaf
 *       made of them has Σh below {@code min_child_weight} (XGBoost's default 1) and is not split, and its value is
 *       −Σg/(Σh + λ), as large as λ allows; the floor keeps Σh from vanishing but not those effects.</li>
 *   <li>{@link #constant()}: h = 1 for every row, whatever the loss. A gradient step whose leaf value is the mean
 *       negative gradient of its rows (shrunk by λ): what LightGBM does for Huber, L1 and quantile regression, and
 *       what XGBoost's own {@code reg:absoluteerror} and {@code reg:quantileerror} do before their leaf refresh.
 *       {@code min_child_weight} then counts rows, as for squared error.</li>
 * </ul>
 *
 * <p>Row weights multiply the gradient and the second derivative under either policy, after the floor, as XGBoost's
 * built-in objectives do. docs/INTEGRATIONS.md compares the two policies on Boston housing.
 */
public final class HessianPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The floor of {@link #exact()}: small enough to leave a positive second derivative alone. */
    public static final double DEFAULT_FLOOR = 1e-6;

    private static final HessianPolicy CONSTANT = new HessianPolicy(false, 1.0);

    private final boolean exact;
    private final double value;

    private HessianPolicy(boolean exact, double value) {
        this.exact = exact;
        this.value = value;
    }

    /** The loss's second derivative, raised to {@link #DEFAULT_FLOOR} where smaller. */
    public static HessianPolicy exact() {
        return new HessianPolicy(true, DEFAULT_FLOOR);
    }

    /**
     * The loss's second derivative, raised to {@code floor} where smaller.
     *
     * @throws IllegalArgumentException for a floor that is negative, NaN or infinite
     */
    public static HessianPolicy exact(double floor) {
        Check.finite("hessian policy exact", "floor", floor);
        Check.nonNegative("hessian policy exact", "floor", floor);
        return new HessianPolicy(true, floor);
    }

    /** A second derivative of 1 for every row. */
    public static HessianPolicy constant() {
        return CONSTANT;
    }

    /**
     * A policy by name, as configuration files write it: {@code exact} (the default floor), {@code exact:FLOOR}
     * ({@code exact:1e-3}) or {@code constant}.
     *
     * @throws IllegalArgumentException for anything else, listing the forms
     */
    public static HessianPolicy parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.equals("constant")) {
            return constant();
        }
        if (s.equals("exact")) {
            return exact();
        }
        if (s.startsWith("exact:")) {
            double floor;
            try {
                floor = Double.parseDouble(s.substring("exact:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hessian policy exact: floor must be a number, got '"
                        + s.substring("exact:".length()) + "'");
            }
            return exact(floor);
        }
        throw new IllegalArgumentException("hessian policy: unknown policy " + Check.quote(text)
                + "; policies: exact, exact:FLOOR (e.g. exact:1e-3), constant");
    }

    /** Whether this is the loss's own second derivative (with a floor) rather than the constant 1. */
    public boolean isExact() {
        return exact;
    }

    /** The floor of {@code exact}; 1, the constant, for {@code constant}. */
    public double value() {
        return value;
    }

    /**
     * Rewrites {@code hess[0, n)} by this policy: the floor for {@code exact}, 1 for {@code constant}. Allocates
     * nothing.
     */
    void apply(float[] hess, int n) {
        if (exact) {
            float floor = (float) value;
            for (int i = 0; i < n; i++) {
                hess[i] = Math.max(hess[i], floor);
            }
        } else {
            java.util.Arrays.fill(hess, 0, n, 1f);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HessianPolicy && ((HessianPolicy) o).exact == exact
                && Double.compare(((HessianPolicy) o).value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(exact) * 31 + Double.hashCode(value);
    }

    /** {@code exact:1.0E-6} or {@code constant}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return exact ? "exact:" + value : "constant";
    }
}
