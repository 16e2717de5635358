package org.losses4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static org.losses4j.kernel.FastMath.C1;
import static org.losses4j.kernel.FastMath.C2;
import static org.losses4j.kernel.FastMath.HI;
import static org.losses4j.kernel.FastMath.LO;
import static org.losses4j.kernel.FastMath.LOG2E;
import static org.losses4j.kernel.FastMath.MAGIC;
import static org.losses4j.kernel.FastMath.MAGIC_BITS;
import static org.losses4j.kernel.FastMath.P0;
import static org.losses4j.kernel.FastMath.P1;
import static org.losses4j.kernel.FastMath.P2;
import static org.losses4j.kernel.FastMath.P3;
import static org.losses4j.kernel.FastMath.P4;
import static org.losses4j.kernel.FastMath.P5;

/**
 * {@link VectorKernels} on the JDK's incubating Vector API, at the platform's preferred vector size. Loaded by
 * name from {@link org.losses4j.kernel.Simd} only when {@code jdk.incubator.vector} is in the boot layer; nothing
 * else in the library refers to this class.
 *
 * <p>Why it is faster than the plain loops on the same data: C2 auto-vectorises the plain loops, but a vectorised
 * {@code Math.min}/{@code Math.max} must honour Java's NaN and −0 rules and becomes a blend sequence of about five
 * instructions per operation, and SuperWord on JDK 17 vectorises neither the float-to-double widening of a double
 * sum nor the exponent-bit manipulation of an exponential. Here a min or a clamp is one compare and one blend (the
 * operands' ranges make the NaN and −0 cases come out as {@code Math.min} does), the sum widens lanes to double in
 * registers, and the exponential's 2<sup>n</sup> comes from the integer lanes of the same vector. Huber, Smooth L1,
 * L1 and MSE are single passes with no scratch; BCE with logits works in 1,024-element chunks, an exponential loop
 * into a per-thread scratch array and then the rest (see {@link #bceWithLogits}). The three element-wise loops share
 * their shape but not code: a shared loop taking the maths as a lambda would not be compiled to straight-line SIMD.
 *
 * <p>Every method writes exactly the floats of the plain loop it replaces (same operations, same order; see
 * {@link VectorKernels}); {@code VectorKernelsTest} checks that bit for bit. Sums: per lane, groups of {@value #GROUP}
 * vectors are added in float (the error of the plain loops' groups of four), widened to double and accumulated in
 * two double vectors, whose lanes are added in lane order. The element-wise kernels take whole vectors only
 * ({@link VectorKernels#vectorEnd}); the caller's plain loop does the few elements after them.
 */
public final class VectorApiKernels implements VectorKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final int SIGN = 0x80000000;
    /** Vectors whose values are added in float before the widening to double. */
    private static final int GROUP = 4;

    /** @throws IllegalStateException when the platform's preferred vectors are too narrow to gain anything */
    public VectorApiKernels() {
        if (L < 4 || 2 * D.length() != L) {
            throw new IllegalStateException("no usable SIMD lanes: " + F + ", " + D);
        }
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public String describe() {
        return "Vector API, " + F.vectorBitSize() + "-bit (" + L + " float lanes)";
    }

    @Override
    public double clampedQuadratic(float[] x, float[] y, float[] out, float[] gx, float[] gy, float delta,
            float valueFactor, float gradFactor, int from, int to) {
        final float negGrad = -gradFactor;
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = from;
        final int groupEnd = from + (to - from) / (GROUP * L) * (GROUP * L);
        while (i < to) {
            FloatVector group = FloatVector.zero(F);
            // A full group, or (past the last full group) one vector at a time.
            final int n = i < groupEnd ? GROUP : 1;
            for (int k = 0; k < n; k++, i += L) {
                FloatVector d = FloatVector.fromArray(F, x, i).sub(FloatVector.fromArray(F, y, i));
                FloatVector a = d.abs();
                FloatVector m = a.blend(delta, a.compare(VectorOperators.GT, delta)); // Math.min(a, δ), a ≥ 0
                FloatVector l = m.mul(a.sub(m.mul(0.5f))).mul(valueFactor);
                group = group.add(l);
                if (out != null) {
                    l.intoArray(out, i);
                }
                if (gx != null || gy != null) {
                    // Math.max(−δ, Math.min(d, δ)) is m with the sign bit of d: d inside, ±δ outside, ±0 and NaN
                    // unchanged (a sign bit on a NaN is still a NaN)
                    FloatVector c = m.reinterpretAsInts().or(d.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
                    if (gx != null) {
                        c.mul(gradFactor).intoArray(gx, i);
                    }
                    if (gy != null) {
                        c.mul(negGrad).intoArray(gy, i);
                    }
                }
            }
            acc0 = acc0.add(group.convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(group.convertShape(VectorOperators.F2D, D, 1));
        }
        return lanes(acc0.add(acc1));
    }

    @Override
    public double l1(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to) {
        final float negScale = -scale;
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = from;
        final int groupEnd = from + (to - from) / (GROUP * L) * (GROUP * L);
        while (i < to) {
            FloatVector group = FloatVector.zero(F);
            final int n = i < groupEnd ? GROUP : 1;
            for (int k = 0; k < n; k++, i += L) {
                FloatVector d = FloatVector.fromArray(F, x, i).sub(FloatVector.fromArray(F, y, i));
                FloatVector l = d.abs();
                group = group.add(l);
                if (out != null) {
                    l.intoArray(out, i);
                }
                if (gx != null || gy != null) {
                    // sign(d): ±1, and ±0 or NaN unchanged
                    FloatVector sg = d.blend(1f, d.compare(VectorOperators.GT, 0f))
                            .blend(-1f, d.compare(VectorOperators.LT, 0f));
                    if (gx != null) {
                        sg.mul(scale).intoArray(gx, i);
                    }
                    if (gy != null) {
                        sg.mul(negScale).intoArray(gy, i);
                    }
                }
            }
            acc0 = acc0.add(group.convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(group.convertShape(VectorOperators.F2D, D, 1));
        }
        return lanes(acc0.add(acc1));
    }

    @Override
    public double mse(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to) {
        final float twoScale = 2f * scale;
        final float negTwoScale = 2f * -scale;
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = from;
        final int groupEnd = from + (to - from) / (GROUP * L) * (GROUP * L);
        while (i < to) {
            FloatVector group = FloatVector.zero(F);
            final int n = i < groupEnd ? GROUP : 1;
            for (int k = 0; k < n; k++, i += L) {
                FloatVector d = FloatVector.fromArray(F, x, i).sub(FloatVector.fromArray(F, y, i));
                FloatVector l = d.mul(d);
                group = group.add(l);
                if (out != null) {
                    l.intoArray(out, i);
                }
                if (gx != null) {
                    d.mul(twoScale).intoArray(gx, i);
                }
                if (gy != null) {
                    d.mul(negTwoScale).intoArray(gy, i);
                }
            }
            acc0 = acc0.add(group.convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(group.convertShape(VectorOperators.F2D, D, 1));
        }
        return lanes(acc0.add(acc1));
    }

    /** Elements per chunk of {@link #bceWithLogits}: its e<sup>−x</sup> pass and the rest, in the L1 cache. */
    private static final int CHUNK = 1024;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

    /**
     * Chunk by chunk, two loops: t = e<sup>−x</sup> ({@link #exp}), then everything else. (One loop with both is
     * larger than C2 on JDK 17 inlines in one compilation, and its vectors would then be boxed on the heap.)
     */
    @Override
    public double bceWithLogits(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final float[] t = SCRATCH.get();
        double s = 0;
        for (int c = from; c < to; c += CHUNK) {
            final int m = Math.min(CHUNK, to - c);
            exp(x, c, -1f, 0f, t, 0, m, false);
            s += bceChunk(x, y, t, out, gx, gy, scale, c, m);
        }
        return s;
    }

    /** The rest of {@link #bceWithLogits} for {@code m} (a multiple of the lane count) elements from {@code c}. */
    private static double bceChunk(float[] x, float[] y, float[] t, float[] out, float[] gx, float[] gy, float scale,
            int c, int m) {
        final FloatVector zero = FloatVector.zero(F);
        final FloatVector one = FloatVector.broadcast(F, 1f);
        final FloatVector two = FloatVector.broadcast(F, 2f);
        final FloatVector sc = FloatVector.broadcast(F, scale);
        final FloatVector q15 = FloatVector.broadcast(F, 1f / 15);
        final FloatVector q13 = FloatVector.broadcast(F, 1f / 13);
        final FloatVector q11 = FloatVector.broadcast(F, 1f / 11);
        final FloatVector q9 = FloatVector.broadcast(F, 1f / 9);
        final FloatVector q7 = FloatVector.broadcast(F, 1f / 7);
        final FloatVector q5 = FloatVector.broadcast(F, 1f / 5);
        final FloatVector q3 = FloatVector.broadcast(F, 1f / 3);
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        // One vector per iteration: unrolled by two, this loop is larger than C2 (JDK 17) inlines in one
        // compilation, and its vectors would be boxed on the heap (measured).
        for (int k = 0; k < m; k += L) {
            final int i = c + k;
            FloatVector xv = FloatVector.fromArray(F, x, i);
            FloatVector yv = FloatVector.fromArray(F, y, i);
            FloatVector tv = FloatVector.fromArray(F, t, k);
            // e = min(t, 1/t) = e^−|x| (t ≥ 0 or NaN), then log1p(e) by the plain path's atanh series
            FloatVector rt = one.div(tv);
            FloatVector e = tv.blend(rt, rt.compare(VectorOperators.LT, tv));
            FloatVector sv = e.div(e.add(two));
            FloatVector s2 = sv.mul(sv);
            FloatVector q = s2.mul(q15).add(q13).mul(s2).add(q11).mul(s2).add(q9).mul(s2).add(q7).mul(s2)
                    .add(q5).mul(s2).add(q3).mul(s2).add(one);
            FloatVector lp = sv.mul(two).mul(q);
            FloatVector pos = xv.blend(zero, xv.compare(VectorOperators.LE, zero)); // Math.max(x, 0f)
            FloatVector l = pos.sub(xv.mul(yv)).add(lp);
            if (out != null) {
                l.intoArray(out, i);
            }
            if (gx != null) {
                one.div(tv.add(one)).sub(yv).mul(sc).intoArray(gx, i);
            }
            if (gy != null) {
                xv.neg().mul(sc).intoArray(gy, i);
            }
            acc0 = acc0.add(l.convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(l.convertShape(VectorOperators.F2D, D, 1));
        }
        // lanes(acc0 + acc1), written out: this method is at the size where C2 stops inlining small calls
        DoubleVector acc = acc0.add(acc1);
        double s = 0;
        for (int j = 0; j < D.length(); j++) {
            s += acc.lane(j);
        }
        return s;
    }

    @Override
    public double expShiftedSum(float[] src, int srcPos, float shift, float[] dst, int dstPos, int length,
            boolean sum) {
        final int vectorEnd = F.loopBound(length);
        double s = vectorEnd > 0 ? exp(src, srcPos, 1f, shift, dst, dstPos, vectorEnd, sum) : 0;
        for (int i = vectorEnd; i < length; i++) {
            float e = FastMath.exp(src[srcPos + i] - shift);
            dst[dstPos + i] = e;
            if (sum) {
                s += e;
            }
        }
        return s;
    }

    /**
     * {@code dst[dstPos + i] = FastMath.exp(sign·src[srcPos + i] − shift)} for i in [0, m), m a multiple of the lane
     * count, bit for bit (sign ±1 multiplies exactly): the clamp to [−105, 88.8], n by the 1.5·2<sup>23</sup>
     * rounding, the Cody-Waite reduction, Cephes's polynomial and the two-step 2<sup>n</sup> scaling built in the
     * integer lanes. Returns Σ dst in double when {@code sum}.
     */
    private static double exp(float[] src, int srcPos, float sign, float shift, float[] dst, int dstPos, int m,
            boolean sum) {
        final FloatVector sg = FloatVector.broadcast(F, sign);
        final FloatVector sh = FloatVector.broadcast(F, shift);
        final FloatVector lo = FloatVector.broadcast(F, LO);
        final FloatVector hi = FloatVector.broadcast(F, HI);
        final FloatVector log2e = FloatVector.broadcast(F, LOG2E);
        final FloatVector magic = FloatVector.broadcast(F, MAGIC);
        final FloatVector c1 = FloatVector.broadcast(F, C1);
        final FloatVector c2 = FloatVector.broadcast(F, C2);
        final FloatVector p0 = FloatVector.broadcast(F, P0);
        final FloatVector p1 = FloatVector.broadcast(F, P1);
        final FloatVector p2 = FloatVector.broadcast(F, P2);
        final FloatVector p3 = FloatVector.broadcast(F, P3);
        final FloatVector p4 = FloatVector.broadcast(F, P4);
        final FloatVector p5 = FloatVector.broadcast(F, P5);
        final FloatVector one = FloatVector.broadcast(F, 1f);
        final IntVector magicBits = IntVector.broadcast(I, MAGIC_BITS);
        final IntVector bias = IntVector.broadcast(I, 127);
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = 0;
        // Two vectors per iteration: two independent dependency chains for the out-of-order core to overlap (C2
        // does not unroll a loop body this large by itself).
        for (; i + 2 * L <= m; i += 2 * L) {
            FloatVector v = FloatVector.fromArray(F, src, srcPos + i).mul(sg).sub(sh);
            FloatVector w = FloatVector.fromArray(F, src, srcPos + i + L).mul(sg).sub(sh);
            v = v.blend(lo, v.compare(VectorOperators.LT, lo)).blend(hi, v.compare(VectorOperators.GT, hi));
            w = w.blend(lo, w.compare(VectorOperators.LT, lo)).blend(hi, w.compare(VectorOperators.GT, hi));
            FloatVector tv = v.mul(log2e).add(magic);
            FloatVector tw = w.mul(log2e).add(magic);
            FloatVector nv = tv.sub(magic);
            FloatVector nw = tw.sub(magic);
            FloatVector rv = v.sub(nv.mul(c1)).sub(nv.mul(c2));
            FloatVector rw = w.sub(nw.mul(c1)).sub(nw.mul(c2));
            FloatVector pv = rv.mul(p0).add(p1).mul(rv).add(p2).mul(rv).add(p3).mul(rv).add(p4).mul(rv).add(p5)
                    .mul(rv.mul(rv)).add(rv).add(one);
            FloatVector pw = rw.mul(p0).add(p1).mul(rw).add(p2).mul(rw).add(p3).mul(rw).add(p4).mul(rw).add(p5)
                    .mul(rw.mul(rw)).add(rw).add(one);
            IntVector kv = tv.reinterpretAsInts().sub(magicBits);
            IntVector kw = tw.reinterpretAsInts().sub(magicBits);
            IntVector hv = kv.lanewise(VectorOperators.ASHR, 1);
            IntVector hw = kw.lanewise(VectorOperators.ASHR, 1);
            FloatVector ev = pv.mul(hv.add(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(kv.sub(hv).add(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector ew = pw.mul(hw.add(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(kw.sub(hw).add(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            ev.intoArray(dst, dstPos + i);
            ew.intoArray(dst, dstPos + i + L);
            if (sum) {
                acc0 = acc0.add(ev.convertShape(VectorOperators.F2D, D, 0));
                acc1 = acc1.add(ev.convertShape(VectorOperators.F2D, D, 1));
                acc0 = acc0.add(ew.convertShape(VectorOperators.F2D, D, 0));
                acc1 = acc1.add(ew.convertShape(VectorOperators.F2D, D, 1));
            }
        }
        for (; i < m; i += L) {
            FloatVector v = FloatVector.fromArray(F, src, srcPos + i).mul(sg).sub(sh);
            v = v.blend(lo, v.compare(VectorOperators.LT, lo)).blend(hi, v.compare(VectorOperators.GT, hi));
            FloatVector t = v.mul(log2e).add(magic);
            FloatVector n = t.sub(magic);
            FloatVector r = v.sub(n.mul(c1)).sub(n.mul(c2));
            FloatVector p = r.mul(p0).add(p1).mul(r).add(p2).mul(r).add(p3).mul(r).add(p4).mul(r).add(p5)
                    .mul(r.mul(r)).add(r).add(one);
            IntVector k = t.reinterpretAsInts().sub(magicBits);
            IntVector h = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector e = p.mul(h.add(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                    .mul(k.sub(h).add(bias).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e.intoArray(dst, dstPos + i);
            if (sum) {
                acc0 = acc0.add(e.convertShape(VectorOperators.F2D, D, 0));
                acc1 = acc1.add(e.convertShape(VectorOperators.F2D, D, 1));
            }
        }
        DoubleVector acc = acc0.add(acc1);
        double s = 0;
        for (int j = 0; j < D.length(); j++) {
            s += acc.lane(j);
        }
        return s;
    }

    @Override
    public void log(double[] src, double[] dst, int n) {
        int i = 0;
        for (final int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector.fromArray(D, src, i).lanewise(VectorOperators.LOG).intoArray(dst, i);
        }
        for (; i < n; i++) {
            dst[i] = Math.log(src[i]);
        }
    }

    @Override
    public float max(float[] x, int from, int to) {
        int i = from;
        float m = Float.NEGATIVE_INFINITY;
        final int vectorEnd = from + F.loopBound(to - from);
        if (vectorEnd > from) {
            FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; i < vectorEnd; i += L) {
                FloatVector v = FloatVector.fromArray(F, x, i);
                mv = mv.blend(v, v.compare(VectorOperators.GT, mv)); // a NaN never compares greater: skipped
            }
            for (int j = 0; j < L; j++) {
                float v = mv.lane(j);
                if (v > m) {
                    m = v;
                }
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    /** The lanes of {@code v} added in lane order (a fixed order, unlike {@code reduceLanes}). */
    private static double lanes(DoubleVector v) {
        double s = 0;
        for (int j = 0; j < v.length(); j++) {
            s += v.lane(j);
        }
        return s;
    }
}
