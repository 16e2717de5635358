package org.losses4j.kernel;

/**
 * The plain-loop implementation of {@link VectorKernels}: what runs without the Vector API, C2 auto-vectorising the
 * loops on any JDK from 17. Its outputs are the reference the Vector API kernels are held to.
 *
 * <p>It takes no whole-vector prefix ({@link #vectorEnd} is the start of the range): an element-wise loss then runs
 * its own split loops on the whole range, summed as {@code org.losses4j.loss.ElementwiseLoss} sums them.
 * {@link #clampedQuadratic}, {@link #l1} and {@link #mse} are still complete (the same per-element floats as the
 * losses' loops, summed in element order), for a caller that passes them a range of its own.
 */
final class PlainKernels implements VectorKernels {
    static final PlainKernels INSTANCE = new PlainKernels();

    private PlainKernels() {
    }

    @Override
    public String describe() {
        return "plain loops (auto-vectorised; start the JVM with --add-modules jdk.incubator.vector for the "
                + "Vector API kernels)";
    }

    @Override
    public int lanes() {
        return 1;
    }

    /** No whole-vector prefix: the caller's own loops take the whole range. */
    @Override
    public int vectorEnd(int from, int to) {
        return from;
    }

    @Override
    public double clampedQuadratic(float[] x, float[] y, float[] out, float[] gx, float[] gy, float delta,
            float valueFactor, float gradFactor, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            float a = Math.abs(d);
            float m = Math.min(a, delta);
            float l = (m * valueFactor) * (a - 0.5f * m);
            sum += l;
            if (out != null) {
                out[i] = l;
            }
            float c = Math.max(-delta, Math.min(d, delta));
            if (gx != null) {
                gx[i] = c * gradFactor;
            }
            if (gy != null) {
                gy[i] = c * -gradFactor;
            }
        }
        return sum;
    }

    @Override
    public double l1(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            float l = Math.abs(d);
            sum += l;
            if (out != null) {
                out[i] = l;
            }
            // ±1 for d ≷ 0, +0 for ±0, NaN for NaN (see VectorKernels#l1)
            float s = Math.max(-1f, Math.min(1f, d * 0x1p127f * 0x1p127f)) + 0f;
            if (gx != null) {
                gx[i] = s * scale;
            }
            if (gy != null) {
                gy[i] = s * -scale;
            }
        }
        return sum;
    }

    @Override
    public double mse(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to) {
        double sum = 0;
        float twoScale = 2f * scale;
        float minusTwoScale = 2f * -scale;
        for (int i = from; i < to; i++) {
            float d = x[i] - y[i];
            float l = d * d;
            sum += l;
            if (out != null) {
                out[i] = l;
            }
            if (gx != null) {
                gx[i] = d * twoScale;
            }
            if (gy != null) {
                gy[i] = d * minusTwoScale;
            }
        }
        return sum;
    }

    @Override
    public double bceWithLogits(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        return BceWithLogitsKernels.plain(x, y, out, gx, gy, scale, from, to);
    }

    @Override
    public double expShiftedSum(float[] src, int srcPos, float shift, float[] dst, int dstPos, int length,
            boolean sum) {
        return FastMath.plainExpShiftedSum(src, srcPos, shift, dst, dstPos, length, sum);
    }

    @Override
    public void log(double[] src, double[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = Math.log(src[i]);
        }
    }

    @Override
    public float max(float[] x, int from, int to) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            float e = x[j];
            if (e > m) {
                m = e;
            }
        }
        return m;
    }

    @Override
    public float maxAbs(float[] x, int from, int to) {
        float m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }
}
