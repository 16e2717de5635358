"""Markdown tables from a bench/tensor-api.sh results folder: the tensor API against the buffer path."""
import glob
import json
import os
import sys

METHODS = ["buffer", "bufferFreshArray", "tensor", "tensorInto"]
MODES = {"plain": "plain loops (`java -jar`, no flags)",
         "vector": "Vector API kernels (`--add-modules jdk.incubator.vector`, as the launcher runs)"}


def load(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        try:
            return json.load(f)
        except ValueError:  # a run that was stopped before JMH wrote its results
            return []


def cell(m):
    return "%.1f" % m if m < 100 else "%.0f" % m


def main(folder):
    with open(os.path.join(folder, "jdk.txt")) as f:
        print("JDK: " + f.read().strip())
    print()
    print("µs per call: mean (p50 / p99 of single calls); spread = p99 / p50; ratios of means against `buffer`. "
          "`alloc share` = (bufferFreshArray − buffer) / (tensor − buffer): the part of the tensor API's extra time "
          "that allocating and zeroing the gradient alone costs. B/op from `-prof gc` (gc.alloc.rate.norm).")
    for mode in ("plain", "vector"):
        for t in (1, 2):
            data = load(os.path.join(folder, "jmh-%s-t%d.json" % (mode, t)))
            if not data:
                continue
            rows = {}
            for b in data:
                m = b["benchmark"].rsplit(".", 1)[1]
                p = b["primaryMetric"]
                pct = p.get("scorePercentiles", {})
                sec = {k.lstrip("\u00b7"): v for k, v in b.get("secondaryMetrics", {}).items()}  # JMH < 1.36: "·gc..."
                norm = sec.get("gc.alloc.rate.norm", {}).get("score")
                gcs = sec.get("gc.count", {}).get("score")
                gctime = sec.get("gc.time", {}).get("score")
                rows.setdefault((b["params"]["loss"], int(b["params"]["n"])), {})[m] = dict(
                    mean=p["score"], p50=pct.get("50.0"), p99=pct.get("99.0"), norm=norm, gcs=gcs, gctime=gctime)
            print()
            print("%s, %d thread(s)" % (MODES[mode], t))
            print()
            print("| loss | n | buffer | buffer, fresh array | tensor API | tensor API, caller's gradient "
                  "| tensor / buffer | caller's / buffer | alloc share | spread: buffer / tensor / caller's "
                  "| B/op: tensor / caller's | GCs: tensor / caller's (ms) |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            for (loss, n) in sorted(rows):
                r = rows[(loss, n)]
                if not all(m in r for m in METHODS):
                    continue
                b, f, ten, into = (r[m] for m in METHODS)
                times = ["%s (%s / %s)" % (cell(x["mean"]), cell(x["p50"]), cell(x["p99"])) for x in (b, f, ten, into)]
                extra = ten["mean"] - b["mean"]
                share = "%.0f%%" % (100 * (f["mean"] - b["mean"]) / extra) if extra > 0.05 * b["mean"] else "–"
                spread = " / ".join("%.2f" % (x["p99"] / x["p50"]) for x in (b, ten, into))
                norm = "%.0f / %.0f" % (ten["norm"] or 0, into["norm"] or 0)
                gcs = "%d (%d) / %d (%d)" % (ten["gcs"] or 0, ten["gctime"] or 0, into["gcs"] or 0, into["gctime"] or 0)
                print("| %s | %s | %s | %.2f× | %.2f× | %s | %s | %s | %s |" % (
                    loss, "{:,}".format(n), " | ".join(times), ten["mean"] / b["mean"], into["mean"] / b["mean"], share, spread,
                    norm, gcs))
    timings = sorted(glob.glob(os.path.join(folder, "timing-*.md")))
    if timings:
        print()
        print("A plain JVM outside JMH (TensorApiTiming: the paths take turns, each call timed alone; default heap):")
        for path in timings:
            with open(path) as f:
                print()
                print(f.read().rstrip())


if __name__ == "__main__":
    main(sys.argv[1])
