"""Paired differences in CV MAE from a `losses4j delta sweep --csv` file, with the uncertainty over repeats.

    /usr/bin/python3 tools/delta/sweep_repeats.py docs/delta/sweep-boston.csv [--reference 1.5] [--slice A-B ...]

For every training loss: the mean held-out MAE with its standard error, and its paired difference against Huber
at the reference delta (same folds), with

  s.e.(repeats)  the standard deviation of the per-repeat mean differences / sqrt(repeats): the repeats use
                 different splits and initialisations, so they are independent given the data (what the sweep
                 prints since it computes its standard errors over repeats)
  95% CI         mean +- t(0.975, repeats - 1) * s.e.(repeats)
  (folds)        the old method, sd over all repeats x folds / sqrt(repeats x folds), which treats the folds of one
                 split as independent; shown for comparison

and, last, how often each delta had the lowest CV MAE in a single k-fold run (one repeat).

--slice A-B repeats the table for repeats A..B only (0-based, inclusive; repeat r used seed + r), e.g. to see what
a 5-repeat run with another seed would have said. numpy only (Debian's python3-numpy).
"""
import argparse
import collections
import csv
import math

import numpy as np

# two-sided 95% quantiles of Student's t for small degrees of freedom; the normal's 1.96 beyond
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        15: 2.131, 20: 2.086, 30: 2.042, 40: 2.021, 45: 2.014, 60: 2.000, 120: 1.980}


def t975(df):
    keys = sorted(k for k in T975 if k <= df)
    return T975[keys[-1]] if df <= 120 else 1.96


def load(path):
    rows = collections.OrderedDict()
    for r in csv.DictReader(open(path)):
        label = "huber delta=%g" % float(r["delta"]) if r["delta"] else r["loss"]
        rows.setdefault(label, {})[(int(r["repeat"]), int(r["fold"]))] = float(r["mae"])
    out = collections.OrderedDict()
    for label, cells in rows.items():
        repeats = 1 + max(k[0] for k in cells)
        folds = 1 + max(k[1] for k in cells)
        out[label] = np.array([[cells[(r, f)] for f in range(folds)] for r in range(repeats)])
    return out


def se_repeats(m):
    n = m.shape[0]
    return m.mean(axis=1).std(ddof=1) / math.sqrt(n) if n > 1 else float("nan")


def se_folds(m):
    return m.std(ddof=1) / math.sqrt(m.size)


def table(data, reference, lo, hi):
    ref = data[reference][lo:hi + 1]
    n, k = ref.shape
    print("repeats %d..%d (%d repeats x %d folds), paired against %s; t(0.975, %d) = %.3f"
          % (lo, hi, n, k, reference, n - 1, t975(n - 1)))
    print("%-18s %8s %9s %9s | %9s %9s %20s %9s" % ("training loss", "CV MAE", "s.e.(rep)", "(folds)", "diff",
                                                   "s.e.(rep)", "95% CI", "(folds)"))
    for label, m in data.items():
        m = m[lo:hi + 1]
        head = "%-18s %8.4f %9.4f %9.4f |" % (label, m.mean(), se_repeats(m), se_folds(m))
        if label == reference:
            print(head)
            continue
        d = m - ref
        half = t975(n - 1) * se_repeats(d)
        print("%s %+9.4f %9.4f %9.4f ..%8.4f %9.4f"
              % (head, d.mean(), se_repeats(d), d.mean() - half, d.mean() + half, se_folds(d)))
    # which fixed delta a single k-fold run (one repeat) would have called best
    deltas = [label for label in data if label.startswith("huber delta=")]
    wins = collections.Counter(min(deltas, key=lambda label: data[label][r].mean()) for r in range(lo, hi + 1))
    print("best delta of each single %d-fold run: %s" % (k, ", ".join(
        "%s %dx" % (label.split("=")[1], wins[label]) for label in deltas if wins[label])))
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv")
    ap.add_argument("--reference", type=float, default=1.5)
    ap.add_argument("--slice", action="append", default=[])
    a = ap.parse_args()
    data = load(a.csv)
    reference = "huber delta=%g" % a.reference
    repeats = next(iter(data.values())).shape[0]
    table(data, reference, 0, repeats - 1)
    for s in a.slice:
        lo, hi = (int(v) for v in s.split("-"))
        table(data, reference, lo, hi)


if __name__ == "__main__":
    main()
