"""Markdown tables from a bench/compare-peers.sh results folder: times and ratios against the peers."""
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


def main(folder):
    with open(os.path.join(folder, "jdk.txt")) as f:
        print("JDK: " + f.read().strip())
    stream = {}
    if os.path.exists(os.path.join(folder, "stream.jsonl")):
        with open(os.path.join(folder, "stream.jsonl")) as f:
            for line in f:
                r = json.loads(line)
                stream[r["threads"]] = r
    for t, s in sorted(stream.items()):
        print("- bandwidth, %d thread(s): STREAM triad %.1f GB/s; loss pattern in C %.1f GB/s" %
              (t, s["triad_GBps"], s["loss_pattern_GBps"]))
    for t in (1, 2):
        rows = {}
        for b in load(os.path.join(folder, "peers-t%d.json" % t)):
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
    train = load(os.path.join(folder, "peers-training.json"))
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
    main(sys.argv[1])
