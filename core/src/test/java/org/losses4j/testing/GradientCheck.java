package org.losses4j.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.losses4j.loss.Loss;
import org.losses4j.loss.LossResult;
import org.losses4j.tensor.Tensor;

/**
 * Finite-difference gradient check of any {@link Loss}.
 *
 * <p>For every element x<sub>i</sub> of every input named in {@code wrt}, the objective f = Σ value (the reduced
 * value, or the sum of the unreduced one, so the analytic gradient is the one the loss returns) is evaluated at
 * x<sub>i</sub> ± h, with h = {@link Tolerances#FD_STEP}·max(1, |x<sub>i</sub>|) rounded to the float32 grid; the
 * central difference (f₊ − f₋)/(x₊ − x₋) is computed in double and compared with the analytic gradient:
 * |numeric − analytic| ≤ {@link Tolerances#FD_RELATIVE}·|analytic| + {@link Tolerances#FD_ABSOLUTE}·max|analytic|.
 *
 * <p>Inputs must lie farther than h from any kink of the loss (where the one-sided derivatives differ); the kinks
 * themselves are checked against PyTorch's fixtures.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /** The mismatches (empty when every gradient element agrees with its finite difference). */
    public static List<String> mismatches(Loss loss, Map<String, Tensor> inputs, Set<String> wrt) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        inputs.forEach((k, v) -> in.put(k, v.copy()));
        LossResult analytic = loss.compute(in, wrt);
        List<String> out = new ArrayList<>();
        for (String name : wrt) {
            Tensor t = in.get(name);
            Tensor g = analytic.grad(name);
            if (!g.sameShape(t)) {
                out.add(name + ": gradient shape " + g.shapeString() + " differs from input shape " + t.shapeString());
                continue;
            }
            float[] x = t.data();
            float[] ga = g.data();
            double gmax = 0;
            for (float v : ga) {
                gmax = Math.max(gmax, Math.abs(v));
            }
            for (int i = 0; i < x.length; i++) {
                float x0 = x[i];
                double h = Tolerances.FD_STEP * Math.max(1, Math.abs(x0));
                float xp = (float) (x0 + h);
                float xm = (float) (x0 - h);
                x[i] = xp;
                double fp = objective(loss, in);
                x[i] = xm;
                double fm = objective(loss, in);
                x[i] = x0;
                double numeric = (fp - fm) / ((double) xp - (double) xm);
                double a = ga[i];
                double tol = Tolerances.FD_RELATIVE * Math.abs(a) + Tolerances.FD_ABSOLUTE * Math.max(gmax, 1e-30);
                if (!(Math.abs(numeric - a) <= tol)) {
                    out.add(String.format("%s: d/d%s[%d] analytic %.8g, numeric %.8g at x=%s", loss, name, i, a,
                            numeric, x0));
                }
            }
        }
        return out;
    }

    /** Σ of the loss value (the reduced value, or the sum of the unreduced elements), in double. */
    public static double objective(Loss loss, Map<String, Tensor> inputs) {
        LossResult r = loss.compute(inputs, Set.of());
        if (r.isScalar()) {
            return r.item();
        }
        double s = 0;
        for (float v : r.value().data()) {
            s += v;
        }
        return s;
    }
}
