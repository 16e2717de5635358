"""Hand-checkable values of the delta rules (org.losses4j.stats.DeltaRules), computed with numpy.

    /usr/bin/python3 tools/delta/rules.py

The numbers printed here are pasted into core/src/test/java/org/losses4j/stats/DeltaRulesTest.java. numpy's
default quantile (method 'linear') is the one losses4j uses.
"""
import numpy as np

CASES = {
    "odd_with_outlier": [1.0, 2.0, 3.0, 4.0, 100.0],
    "even_signed": [-3.0, -1.0, 0.0, 2.0, 5.0, 8.0],
    "single": [2.5],
}

for name, v in CASES.items():
    a = np.array(v)
    med = np.median(a)
    mad = np.median(np.abs(a - med))
    q1, q3 = np.quantile(a, [0.25, 0.75])
    iqr = q3 - q1
    print(name, v)
    print("  median %r  mad %r  mad_sigma %r  mad_delta %r" % (med, mad, 1.4826 * mad, 1.345 * 1.4826 * mad))
    print("  iqr %r  iqr_sigma %r  iqr_delta %r" % (iqr, iqr / 1.349, 1.345 * (iqr / 1.349)))
    for alpha in (0.5, 0.9):
        print("  quantile_delta(alpha=%s) %r" % (alpha, np.quantile(np.abs(a), alpha)))
