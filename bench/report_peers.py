"""Markdown tables from bench/compare-peers.sh results folders: times and ratios against the peers.

With several folders, a later folder's figures replace an earlier one's for the same benchmark, loss, size and
thread count (a partial re-run, e.g. --methods='losses4j.*', on top of a full one); the JDK line, the bandwidth and
the training table come from the last folder that has them."""
import json
import os
import sys

METHODS = ["losses4j", "losses4jInto", "losses4jBuffer", "djl", "djlCopy", "nd4j", "nd4jCopy"]
# bytes a single-pass value + gradient kernel moves per element: read input and target, write the gradient
BYTES_PER_ELEMENT = 12


def load(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def last_with(folders, name):
    found = [f for f in folders if os.path.exists(os.path.join(f, name))]
    return found[-1] if found else None


def main(folders):
    with open(os.path.join(last_with(folders, "jdk.txt"), "jdk.txt")) as f:
        print("JDK: " + f.read().strip())
    if len(folders) > 1:
        print("Runs: " + ", ".join(os.path.basename(os.path.normpath(f)) for f in folders)
              + " (later runs' figures replace earlier ones)")
    stream = {}
    sf = last_with(folders, "stream.jsonl")
    if sf:
        with open(os.path.join(sf, "stream.jsonl")) as f:
            for line in f:
                r = json.loads(line)
                stream[r["threads"]] = r
    for t, s in sorted(stream.items()):
        print("- bandwidth, %d thread(s): STREAM triad %.1f GB/s; loss pattern in C %.1f GB/s" %
              (t, s["triad_GBps"], s["loss_pattern_GBps"]))
    for t in (1, 2):
        rows = {}
        for b in [b for folder in folders for b in load(os.path.join(folder, "peers-t%d.json" % t))]:
            m = b["benchmark"].rsplit(".", 1)[1]
            key = (b["params"]["loss"], int(b["params"]["n"]))
            rows.setdefault(key, {})[m] = (b["primaryMetric"]["score"], b["primaryMetric"]["scoreError"])
        if not rows:
            continue
        print()
        print("%d thread(s), µs per call (value + input gradient, mean); ratio = peer time / losses4j tensor-API "
              "time (in brackets: / the tensor API into the caller's gradient, / the buffer path)" % t)
        print()
        print("| loss | n | " + " | ".join(METHODS) + " | DJL ratio | DJL+copy ratio | ND4J ratio | ND4J+copy ratio "
              "| losses4j buffer GB/s | floor µs (loss-pattern bandwidth) |")
        print("|---|---:|" + "---:|" * (len(METHODS) + 6))
        for (loss, n) in sorted(rows, key=lambda k: (k[0], k[1])):
            r = rows[(loss, n)]
            cells = [loss, "%.0e" % n]
            for m in METHODS:
                cells.append("%.1f" % r[m][0] if m in r else "–")
            ours = r.get("losses4j", (None,))[0]
            into = r.get("losses4jInto", (None,))[0]
            buf = r.get("losses4jBuffer", (None,))[0]
            for peer in ("djl", "djlCopy", "nd4j", "nd4jCopy"):
                if peer in r and ours and buf:
                    cells.append("%.1f× (%s%.1f×)" % (r[peer][0] / ours,
                                                      "%.1f×, " % (r[peer][0] / into) if into else "",
                                                      r[peer][0] / buf))
                else:
                    cells.append("–")
            if buf and loss != "cross_entropy":
                cells.append("%.1f" % (BYTES_PER_ELEMENT * n / (buf * 1e-6) / 1e9))
                s = stream.get(t)
                cells.append("%.0f" % (BYTES_PER_ELEMENT * n / (s["loss_pattern_GBps"] * 1e9) * 1e6) if s else "–")
            else:
                cells += ["–", "–"]
            print("| " + " | ".join(cells) + " |")
    tf = last_with(folders, "peers-training.json")
    train = load(os.path.join(tf, "peers-training.json")) if tf else []
    if train:
        res = {b["benchmark"].rsplit(".", 1)[1]: (b["primaryMetric"]["score"], int(b["params"]["epochs"]))
               for b in train}
        print()
        print("| Boston fit, batch 1 | epochs | ms per fit | ms per epoch | peer / losses4j |")
        print("|---|---:|---:|---:|---:|")
        ours = res.get("losses4j", (None, 1))
        for m in ("losses4j", "djl", "dl4j"):
            if m in res:
                ms, ep = res[m]
                print("| %s | %d | %.0f | %.1f | %s |" % (m, ep, ms, ms / ep,
                                                          "%.0f×" % (ms / ours[0]) if ours[0] and m != "losses4j"
                                                          else "–"))


if __name__ == "__main__":
    main(sys.argv[1:])
