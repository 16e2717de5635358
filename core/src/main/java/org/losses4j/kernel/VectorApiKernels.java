package org.losses4j.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
 * L1 and MSE are single passes with no scratch. BCE with logits works in 512-element chunks, in three short loops
 * (e<sup>−|x|</sup> into per-thread scratch, then the values and gradients, then their sum; see
 * {@link #bceWithLogits}): one loop with everything is a ~40-operation dependency chain per vector, which the
 * out-of-order core cannot overlap across iterations, and on JDK 17 C2 boxes the vectors of a larger loop body or
 * nest (measured: 64 bytes per vector). The element-wise loops share their shape but not code: a shared loop taking
 * the maths as a lambda would not be compiled to straight-line SIMD.
 *
 * <p>Every method but two writes exactly the floats of the plain loop it replaces (same operations, same order; see
 * {@link VectorKernels}); {@code VectorKernelsTest} checks that bit for bit. {@link #log} uses the JDK's vector
 * logarithm, and {@link #bceWithLogits} uses fused multiply-adds (which is why the constructor insists on integer
 * lanes as wide as the float lanes: on x86 that is AVX2, which comes with FMA3 on every processor that has it) and
 * is held to a double reference. Sums: per lane, groups of {@value #GROUP} vectors are added in float (the error of
 * the plain loops' groups of four), widened to double half a vector at a time (a register's upper half goes through
 * a small scratch array: {@code convertShape}'s part 1 compiles to a shuffle and a range check on JDK 17) and
 * accumulated in two double vectors, whose lanes are added in lane order. Huber, Smooth L1, L1 and MSE take whole
 * vectors only ({@link VectorKernels#vectorEnd}); the caller's plain loop does the few elements after them.
 */
public final class VectorApiKernels implements VectorKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Half a preferred float vector: its lanes widen to one preferred double vector. */
    private static final VectorSpecies<Float> FH = VectorSpecies.of(float.class,
            VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final int L = F.length();
    private static final int SIGN = 0x80000000;
    /**
     * Per-thread scratch: one float vector, stored to be widened to double half by half or to read its lanes, and
     * one double vector, stored to add its lanes. A vector's lanes are read from memory, never with {@code lane(j)}
     * in a loop nor by passing the vector to a helper method: either keeps the vector boxed on the heap (64 bytes
     * per call, seen with JMH's {@code -prof gc}) whenever C2 does not happen to unroll the loop or inline the
     * helper, which a call made once after a long loop does not get reliably.
     */
    private static final class Scratch {
        final float[] halves = new float[L];
        final double[] lanes = new double[D.length()];
    }

    private static final ThreadLocal<Scratch> VECTOR_SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /** Vectors whose values are added in float before the widening to double. */
    private static final int GROUP = 4;

    /** @throws IllegalStateException when the platform's preferred vectors are too narrow to gain anything */
    public VectorApiKernels() {
        if (L < 4 || 2 * D.length() != L || I.length() != L) {
            // Integer lanes narrower than float lanes (x86 with AVX but not AVX2) would make the exponentials slow,
            // and such processors have no FMA either.
            throw new IllegalStateException("no usable SIMD lanes: " + F + ", " + D + ", " + I);
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
        final Scratch sc = VECTOR_SCRATCH.get();
        final float[] halves = sc.halves;
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
                FloatVector l = m.mul(valueFactor).mul(a.sub(m.mul(0.5f)));
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
            group.intoArray(halves, 0); // widened half by half (convertShape's part 1 costs a shuffle and a check)
            acc0 = acc0.add(FloatVector.fromArray(FH, halves, 0).convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(FloatVector.fromArray(FH, halves, L / 2).convertShape(VectorOperators.F2D, D, 0));
        }
        acc0.add(acc1).intoArray(sc.lanes, 0);
        return inOrder(sc.lanes);
    }

    @Override
    public double l1(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to) {
        final float negScale = -scale;
        final Scratch sc = VECTOR_SCRATCH.get();
        final float[] halves = sc.halves;
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
                    // PyTorch's sgn: ±1, and +0 for ±0 and NaN (L1Loss.sign's NaN, which L1Loss then makes +0):
                    // blended into zeros, as many operations as the sign alone (an add of 0 cost ~13% at 1e4)
                    FloatVector sg = FloatVector.zero(F).blend(1f, d.compare(VectorOperators.GT, 0f))
                            .blend(-1f, d.compare(VectorOperators.LT, 0f));
                    if (gx != null) {
                        sg.mul(scale).intoArray(gx, i);
                    }
                    if (gy != null) {
                        sg.mul(negScale).intoArray(gy, i);
                    }
                }
            }
            group.intoArray(halves, 0); // widened half by half (convertShape's part 1 costs a shuffle and a check)
            acc0 = acc0.add(FloatVector.fromArray(FH, halves, 0).convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(FloatVector.fromArray(FH, halves, L / 2).convertShape(VectorOperators.F2D, D, 0));
        }
        acc0.add(acc1).intoArray(sc.lanes, 0);
        return inOrder(sc.lanes);
    }

    @Override
    public double mse(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from, int to) {
        final float twoScale = 2f * scale;
        final float negTwoScale = 2f * -scale;
        final Scratch sc = VECTOR_SCRATCH.get();
        final float[] halves = sc.halves;
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
            group.intoArray(halves, 0); // widened half by half (convertShape's part 1 costs a shuffle and a check)
            acc0 = acc0.add(FloatVector.fromArray(FH, halves, 0).convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(FloatVector.fromArray(FH, halves, L / 2).convertShape(VectorOperators.F2D, D, 0));
        }
        acc0.add(acc1).intoArray(sc.lanes, 0);
        return inOrder(sc.lanes);
    }

    /**
     * Elements per chunk of {@link #bceWithLogits} (a multiple of every lane count): its three passes over a chunk
     * stay in the L1 cache.
     */
    private static final int CHUNK = 512;
    /** Per thread: e<sup>−|x|</sup> and the values of a chunk, then a padded last vector's x, y, ∂x, ∂y. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[CHUNK], new float[CHUNK], new float[L], new float[L], new float[L],
                new float[L]});

    /**
     * Chunk by chunk, three loops, each short enough for the out-of-order core to overlap several iterations (one
     * loop with everything runs at the latency of its ~40-operation dependency chain, and on JDK 17 C2 boxes the
     * vectors of a larger loop nest): e = e<sup>−|x|</sup> ({@link #expNegAbs}), then the value and gradients
     * ({@link #bceValues}), then the sum of the values in groups ({@link #sum}). The last partial vector goes through
     * zero-padded scratch, so every element takes the same arithmetic.
     */
    @Override
    public double bceWithLogits(float[] x, float[] y, float[] out, float[] gx, float[] gy, float scale, int from,
            int to) {
        final float[][] scratch = SCRATCH.get();
        final float[] e = scratch[0];
        double s = 0;
        final int end = vectorEnd(from, to);
        for (int c = from; c < end; c += CHUNK) {
            final int m = Math.min(CHUNK, end - c);
            final float[] l = out != null ? out : scratch[1];
            final int lp = out != null ? c : 0;
            expNegAbs(x, c, e, m);
            bceValues(x, y, e, l, lp, gx, gy, scale, c, m);
            s += sum(l, lp, m);
        }
        if (end < to) {
            // The last few elements: padded to one vector with zeros (finite values, not added to the sum).
            final int r = to - end;
            final float[] xs = scratch[2];
            final float[] ys = scratch[3];
            final float[] gxs = scratch[4];
            final float[] gys = scratch[5];
            final float[] l = scratch[1];
            java.util.Arrays.fill(xs, 0f);
            java.util.Arrays.fill(ys, 0f);
            System.arraycopy(x, end, xs, 0, r);
            System.arraycopy(y, end, ys, 0, r);
            expNegAbs(xs, 0, e, L);
            bceValues(xs, ys, e, l, 0, gx != null ? gxs : null, gy != null ? gys : null, scale, 0, L);
            for (int k = 0; k < r; k++) {
                s += l[k];
            }
            if (out != null) {
                System.arraycopy(l, 0, out, end, r);
            }
            if (gx != null) {
                System.arraycopy(gxs, 0, gx, end, r);
            }
            if (gy != null) {
                System.arraycopy(gys, 0, gy, end, r);
            }
        }
        return s;
    }

    /**
     * {@code e[k] = e^−|x[c + k]|} for k in [0, m), m a multiple of the lane count, within 1 ulp of the correctly
     * rounded value (FMA forms of {@link FastMath#exp}'s steps, polynomials by Estrin's scheme): |x| clamped to 104
     * (where the result rounds to 0 anyway; NaN stays NaN), n by the 1.5·2<sup>23</sup> rounding, the Cody-Waite
     * reduction, Cephes's polynomial, and the scaling by 2<sup>n+26</sup> (exact, a normal float for every n ≥ −151)
     * then 2<sup>−26</sup>, the only rounding, which also gives correctly rounded subnormal results.
     */
    private static void expNegAbs(float[] x, int c, float[] e, int m) {
        final FloatVector amax = FloatVector.broadcast(F, 104f);
        final FloatVector one = FloatVector.broadcast(F, 1f);
        final FloatVector nlog2e = FloatVector.broadcast(F, -LOG2E);
        final FloatVector magic = FloatVector.broadcast(F, MAGIC);
        final FloatVector nc1 = FloatVector.broadcast(F, -C1);
        final FloatVector nc2 = FloatVector.broadcast(F, -C2);
        final FloatVector p0 = FloatVector.broadcast(F, P0);
        final FloatVector p1 = FloatVector.broadcast(F, P1);
        final FloatVector p2 = FloatVector.broadcast(F, P2);
        final FloatVector p3 = FloatVector.broadcast(F, P3);
        final FloatVector p4 = FloatVector.broadcast(F, P4);
        final FloatVector p5 = FloatVector.broadcast(F, P5);
        final FloatVector down = FloatVector.broadcast(F, 0x1p-26f);
        final IntVector up = IntVector.broadcast(I, 127 + 26 - MAGIC_BITS);
        for (int k = 0; k < m; k += L) {
            FloatVector a = FloatVector.fromArray(F, x, c + k).abs();
            a = a.blend(amax, a.compare(VectorOperators.GT, amax));
            FloatVector t = a.fma(nlog2e, magic); // −|x|·log2(e) rounded: 1.5·2^23 + n
            FloatVector n = t.sub(magic);
            FloatVector r = n.fma(nc2, n.fma(nc1, a.neg())); // −|x| − n·ln 2, |r| ≤ ln2/2
            FloatVector z = r.mul(r);
            FloatVector p = z.fma(z.fma(r.fma(p0, p1), r.fma(p2, p3)), r.fma(p4, p5)).fma(z, r).add(one);
            FloatVector twoN = t.reinterpretAsInts().add(up).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(twoN).mul(down).intoArray(e, k);
        }
    }

    /**
     * With e = e<sup>−|x|</sup> from {@link #expNegAbs}: ℓ = max(x, 0) − x·y + log1p(e) into {@code l} from
     * {@code lp}, log1p(e) = e·(1 + e·Q(e)) (degree 9, Estrin's scheme); ∂ℓ/∂x = ((1 − y)·σ(x) − y·σ(−x))·scale with σ(x) = 1/(1 + e)
     * for x ≥ 0 and e/(1 + e) below (one division); ∂ℓ/∂y = −x·scale.
     */
    private static void bceValues(float[] x, float[] y, float[] e, float[] l, int lp, float[] gx, float[] gy,
            float scale, int c, int m) {
        final FloatVector zero = FloatVector.zero(F);
        final FloatVector one = FloatVector.broadcast(F, 1f);
        final FloatVector sc = FloatVector.broadcast(F, scale);
        final FloatVector negSc = FloatVector.broadcast(F, -scale);
        final FloatVector q0 = FloatVector.broadcast(F, FastMath.LOG1P_Q0);
        final FloatVector q1 = FloatVector.broadcast(F, FastMath.LOG1P_Q1);
        final FloatVector q2 = FloatVector.broadcast(F, FastMath.LOG1P_Q2);
        final FloatVector q3 = FloatVector.broadcast(F, FastMath.LOG1P_Q3);
        final FloatVector q4 = FloatVector.broadcast(F, FastMath.LOG1P_Q4);
        final FloatVector q5 = FloatVector.broadcast(F, FastMath.LOG1P_Q5);
        final FloatVector q6 = FloatVector.broadcast(F, FastMath.LOG1P_Q6);
        final FloatVector q7 = FloatVector.broadcast(F, FastMath.LOG1P_Q7);
        final FloatVector q8 = FloatVector.broadcast(F, FastMath.LOG1P_Q8);
        for (int k = 0; k < m; k += L) {
            final int i = c + k;
            FloatVector xv = FloatVector.fromArray(F, x, i);
            FloatVector yv = FloatVector.fromArray(F, y, i);
            FloatVector ev = FloatVector.fromArray(F, e, k);
            FloatVector e2 = ev.mul(ev);
            FloatVector e4 = e2.mul(e2);
            // 1 + q0·e + … + q8·e^9 = (1 + q0·e) + e²(q1 + q2·e) + e⁴[(q3 + q4·e) + e²(q5 + q6·e)] + e⁸(q7 + q8·e)
            FloatVector poly = e4.fma(e2.fma(ev.fma(q6, q5), ev.fma(q4, q3)), e2.fma(ev.fma(q2, q1), ev.fma(q0, one)))
                    .add(e4.mul(e4).mul(ev.fma(q8, q7)));
            // max(x, 0), except that −0 stays −0 (ℓ is then log 2 either way)
            VectorMask<Float> negative = xv.compare(VectorOperators.LT, zero);
            FloatVector pos = xv.blend(zero, negative);
            ev.fma(poly, pos.sub(xv.mul(yv))).intoArray(l, lp + k);
            if (gx != null) {
                FloatVector sp = one.div(ev.add(one)); // σ(|x|)
                FloatVector sn = ev.mul(sp); // σ(−|x|)
                // σ(x) − y as (1 − y)·σ(x) − y·σ(−x): −e/(1 + e) for y = 1 and x ≫ 0, where σ(x) − 1 rounds to 0
                FloatVector sigPos = sp.blend(sn, negative);
                FloatVector sigNeg = sn.blend(sp, negative);
                // (the scale first: a target near float's largest value cannot overflow a product)
                one.sub(yv).mul(sc).mul(sigPos).sub(yv.mul(sc).mul(sigNeg)).intoArray(gx, i);
            }
            if (gy != null) {
                xv.mul(negSc).intoArray(gy, i);
            }
        }
    }

    /**
     * Σ l[from, from + m) for m a multiple of the lane count, grouped as the element-wise kernels group their sums
     * (per lane, {@value #GROUP} vectors added in float, then widened), read half a vector at a time.
     */
    private static double sum(float[] l, int from, int m) {
        final Scratch sc = VECTOR_SCRATCH.get();
        final int h = L / 2;
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int i = from;
        final int to = from + m;
        for (final int groupEnd = from + m / (GROUP * L) * (GROUP * L); i < groupEnd; i += GROUP * L) {
            FloatVector lo = FloatVector.fromArray(FH, l, i).add(FloatVector.fromArray(FH, l, i + L))
                    .add(FloatVector.fromArray(FH, l, i + 2 * L)).add(FloatVector.fromArray(FH, l, i + 3 * L));
            FloatVector hi = FloatVector.fromArray(FH, l, i + h).add(FloatVector.fromArray(FH, l, i + L + h))
                    .add(FloatVector.fromArray(FH, l, i + 2 * L + h)).add(FloatVector.fromArray(FH, l, i + 3 * L + h));
            acc0 = acc0.add(lo.convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(hi.convertShape(VectorOperators.F2D, D, 0));
        }
        for (; i < to; i += L) {
            acc0 = acc0.add(FloatVector.fromArray(FH, l, i).convertShape(VectorOperators.F2D, D, 0));
            acc1 = acc1.add(FloatVector.fromArray(FH, l, i + h).convertShape(VectorOperators.F2D, D, 0));
        }
        acc0.add(acc1).intoArray(sc.lanes, 0);
        return inOrder(sc.lanes);
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
        if (!sum) {
            return 0;
        }
        final double[] lanes = VECTOR_SCRATCH.get().lanes;
        acc0.add(acc1).intoArray(lanes, 0);
        return inOrder(lanes);
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
            final float[] lanes = VECTOR_SCRATCH.get().halves;
            mv.intoArray(lanes, 0);
            for (int j = 0; j < L; j++) {
                float v = lanes[j];
                if (v > m) {
                    m = v;
                }
            }
        }
        // the elements after the last whole vector by the plain loop; taken only where greater, as one loop would
        float tail = PlainKernels.INSTANCE.max(x, i, to);
        return tail > m ? tail : m;
    }

    @Override
    public float maxAbs(float[] x, int from, int to) {
        int i = from;
        float m = 0;
        final int vectorEnd = from + F.loopBound(to - from);
        if (vectorEnd > from) {
            FloatVector mv = FloatVector.zero(F);
            for (; i < vectorEnd; i += L) {
                FloatVector a = FloatVector.fromArray(F, x, i).abs();
                // a NaN is taken, and then stays: nothing compares greater than it
                mv = mv.blend(a, a.compare(VectorOperators.GT, mv).or(a.compare(VectorOperators.NE, a)));
            }
            final float[] lanes = VECTOR_SCRATCH.get().halves;
            mv.intoArray(lanes, 0);
            for (int j = 0; j < L; j++) {
                m = Math.max(m, lanes[j]);
            }
        }
        return Math.max(m, PlainKernels.INSTANCE.maxAbs(x, i, to)); // the elements after the last whole vector
    }

    /** The elements of {@code a} added in order, from 0 (a fixed order, unlike {@code reduceLanes}). */
    private static double inOrder(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
