"""Writes the big CSV of the reading benchmarks: N rows of 11 numeric columns (10 features x0..x9 and y, then a
prediction column pred near y), with four decimals (y with five significant digits), the way exported data
usually looks. 2,600,000 rows make about 228 MB.

    python3 tools/bench/make_big_csv.py /tmp/big.csv 2600000
"""
import random
import sys


def main(path, rows):
    rnd = random.Random(42)
    with open(path, "w", buffering=1 << 20) as f:
        f.write(",".join(["x%d" % j for j in range(9)] + ["pred", "y"]) + "\n")
        for i in range(rows):
            xs = [rnd.gauss(0.0, 1.0) for _ in range(9)]
            y = sum(xs[:3]) * 1.5 + rnd.gauss(0.0, 0.5)
            cells = ["%.4f" % v for v in xs]
            cells.append("%.4f" % (y + rnd.gauss(0.0, 0.3)))
            cells.append("%.5g" % y)
            f.write(",".join(cells) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2_600_000)
