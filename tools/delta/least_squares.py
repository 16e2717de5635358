"""Golden values for the least-squares baseline of `losses4j delta suggest` (cli's LeastSquares), from numpy.

    /usr/bin/python3 tools/delta/least_squares.py

Writes cli/src/test/resources/fixtures/least_squares.json (Debian's python3-numpy 1.24; deterministic):

  boston   the 404 training rows of Keras's Boston split (boston_housing.load_data(): RandomState(113).shuffle),
           read in double from the bundled nn/src/main/resources/org/losses4j/nn/data/boston.csv; the OLS fit with
           intercept by numpy.linalg.lstsq (coefficients, residuals), and the delta rules (numpy: median, linear
           quantiles) on the targets, on y - median(y) and on the residuals, as `delta suggest` prints them
  cases    small designs with x and y: well conditioned, an exact fit, columns of very different scales, nearly
           collinear columns, and rank-deficient ones (a duplicated column, a constant column, a column that is the
           sum of two others, fewer rows than coefficients); numpy.linalg.matrix_rank says which are rank-deficient,
           and for the others lstsq gives the coefficients and residuals

"condition" is the 2-norm condition number of the design [1, x]; "condition_scaled" that of the design with each
column divided by its largest magnitude (what a column-equilibrated solver sees). Each full-rank fit also carries
the exact least-squares solution of the same double data, in rational arithmetic (normal equations in
fractions.Fraction, rounded to double once at the end): lstsq's own error grows with the condition number (the
badly scaled case), the exact one is the value a solver should approach.
"""
import json
import os
from fractions import Fraction

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BOSTON = os.path.join(ROOT, "nn/src/main/resources/org/losses4j/nn/data/boston.csv")
OUT = os.path.join(ROOT, "cli/src/test/resources/fixtures/least_squares.json")


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def rules(r, alpha=0.9):
    """The delta rules of org.losses4j.stats.DeltaRules, in numpy."""
    r = np.asarray(r, dtype=np.float64)
    q1, q3 = np.quantile(r, [0.25, 0.75])
    return {"mad": 1.345 * 1.4826 * float(np.median(np.abs(r - np.median(r)))),
            "iqr": 1.345 * float(q3 - q1) / 1.349,
            "quantile": float(np.quantile(np.abs(r), alpha))}


def exact_ols(a, y):
    """Least squares of the double matrix a and vector y, exactly: the normal equations solved in rationals."""
    n, p = a.shape
    rows = [[Fraction(float(v)) for v in r] for r in a]
    ys = [Fraction(float(v)) for v in y]
    m = [[sum(r[i] * r[j] for r in rows) for j in range(p)] + [sum(r[i] * t for r, t in zip(rows, ys))]
         for i in range(p)]
    for c in range(p):
        piv = next(r for r in range(c, p) if m[r][c] != 0)
        m[c], m[piv] = m[piv], m[c]
        for r in range(p):
            if r != c and m[r][c] != 0:
                k = m[r][c] / m[c][c]
                m[r] = [u - k * v for u, v in zip(m[r], m[c])]
    beta = [m[i][p] / m[i][i] for i in range(p)]
    res = [t - sum(b * v for b, v in zip(beta, r)) for r, t in zip(rows, ys)]
    return [float(b) for b in beta], [float(v) for v in res]


def design(x):
    return np.hstack([np.ones((x.shape[0], 1)), x])


def fit(x, y):
    a = design(x)
    rank = int(np.linalg.matrix_rank(a))
    out = {"rank": rank, "coefficients": None, "residuals": None, "condition": None, "condition_scaled": None}
    if rank == a.shape[1]:
        beta, _, _, sv = np.linalg.lstsq(a, y, rcond=None)
        out["coefficients"] = floats(beta)
        out["residuals"] = floats(y - a @ beta)
        out["condition"] = float(sv[0] / sv[-1])
        scaled = a / np.abs(a).max(axis=0)
        out["condition_scaled"] = float(np.linalg.cond(scaled))
        out["exact_coefficients"], out["exact_residuals"] = exact_ols(a, y)
    return out


def boston():
    data = np.loadtxt(BOSTON, delimiter=",", skiprows=1)
    idx = np.arange(len(data))
    np.random.RandomState(113).shuffle(idx)
    train = data[idx[:int(len(data) * (1 - 0.2))]]
    x, y = train[:, :-1], train[:, -1]
    f = fit(x, y)
    res = np.array(f["residuals"])
    with open(BOSTON) as fh:
        names = fh.readline().strip().split(",")
    return {"rows": int(len(y)), "features": names[:-1], "target": names[-1], **f,
            "suggest": {"alpha": 0.9, "targets": rules(y), "median_residuals": rules(y - np.median(y)),
                        "least_squares_residuals": rules(res)}}


def cases():
    rs = np.random.RandomState(20240611)
    out = []

    def add(name, x, y):
        out.append({"name": name, "rows": int(x.shape[0]), "features": int(x.shape[1]), "x": floats(x),
                    "y": floats(y), **fit(x, y)})

    x = rs.standard_normal((50, 4))
    add("well_conditioned", x, x @ [1.5, -2.0, 0.25, 3.0] + 0.7 + rs.standard_normal(50))
    x = np.arange(9.0).reshape(9, 1)
    add("exact_fit", x, 2 * x[:, 0] + 1)
    x = rs.standard_normal((40, 3)) * [1e-6, 1.0, 1e6]
    add("scales_1e-6_to_1e6", x, x @ [3e5, 1.0, -2e-7] + rs.standard_normal(40))
    base = rs.standard_normal((60, 2))
    x = np.hstack([base, base[:, :1] + 1e-7 * rs.standard_normal((60, 1))])
    add("nearly_collinear_1e-7", x, base @ [1.0, 2.0] + 0.1 * rs.standard_normal(60))
    x = rs.standard_normal((20, 3))
    add("duplicated_column", np.hstack([x, x[:, 1:2]]), rs.standard_normal(20))
    add("constant_column", np.hstack([x, np.full((20, 1), 4.5)]), rs.standard_normal(20))
    add("sum_of_two_columns", np.hstack([x, x[:, :1] + x[:, 2:3]]), rs.standard_normal(20))
    add("fewer_rows_than_coefficients", rs.standard_normal((3, 3)), rs.standard_normal(3))
    return out


def main():
    fixture = {"generator": "numpy " + np.__version__ + " (tools/delta/least_squares.py)",
               "boston": boston(), "cases": cases()}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(fixture, fh, indent=1)
        fh.write("\n")
    b = fixture["boston"]
    print("boston: rank", b["rank"], "condition %.3g" % b["condition"], "NOX coefficient", b["coefficients"][5],
          "exact", b["exact_coefficients"][5])
    print("  suggest", json.dumps(b["suggest"]))
    for c in fixture["cases"]:
        if c["condition"] is None:
            print(c["name"], "rank", c["rank"], "of", c["features"] + 1)
        else:
            lb, eb = np.array(c["coefficients"]), np.array(c["exact_coefficients"])
            lr, er = np.array(c["residuals"]), np.array(c["exact_residuals"])
            print(c["name"], "rank", c["rank"], "of", c["features"] + 1, "condition %.3g" % c["condition"],
                  "(scaled %.3g)" % c["condition_scaled"],
                  "| lstsq vs exact: max rel coefficient error %.2g, max residual error %.2g"
                  % (np.max(np.abs(lb - eb) / np.abs(eb)), np.max(np.abs(lr - er))))


if __name__ == "__main__":
    main()
