#!/usr/bin/env python3
"""Coefficients of FastMath's log1p polynomial (FastMath.LOG1P_Q0..Q8), reproducibly.

log1p(e) on [0, 1] is written e * (1 + e * Q(e)) with Q of degree 8, so that tiny arguments return e to the last
bit. Q is fitted to (log1p(e)/e - 1)/e on 40,001 points by least squares, reweighted 200 times towards the largest
relative errors (a Lawson-style approximation of the minimax fit); the reference values come from mpmath at 40
digits. The coefficients are then rounded to float32 and the relative error of the rounded polynomial, evaluated in
double, is printed (the Java code adds float32 evaluation roundings on top; VectorKernelsTest and
ClassificationLossesTest bound the result against a double reference).

Run with Debian's python3 (numpy and mpmath come with python3-torch):  /usr/bin/python3 tools/fit_log1p.py
"""
import mpmath
import numpy as np

mpmath.mp.dps = 40
DEGREE = 8


def main():
    xs = np.linspace(1e-6, 1, 40001)
    f = np.array([float(mpmath.log1p(mpmath.mpf(float(x))) / mpmath.mpf(float(x))) for x in xs])
    g = (f - 1) / xs
    w = np.ones_like(xs)
    for _ in range(200):
        c = np.polynomial.polynomial.polyfit(xs, g, DEGREE, w=w)
        err = (1 + xs * np.polynomial.polynomial.polyval(xs, c) - f) / f
        w = w * (1 + 20 * np.abs(err) / np.abs(err).max())
        w /= w.mean()
    c32 = np.array([np.float32(v) for v in c], dtype=np.float64)
    err32 = (1 + xs * np.polynomial.polynomial.polyval(xs, c32) - f) / f
    print("max relative error: fitted %.3g, float32 coefficients %.3g" % (np.abs(err).max(), np.abs(err32).max()))
    for k, v in enumerate(c32):
        print("    static final float LOG1P_Q%d = %rf;" % (k, float(np.float32(v))))


if __name__ == "__main__":
    main()
