"""Turns a bench/compare-pytorch.sh results folder into the Markdown table of docs/BENCHMARKS.md.

    /usr/bin/python3 bench/report.py bench/results/<timestamp>
"""
import json
import os
import sys


def load_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main(folder):
    stream = {r["threads"]: r for r in load_jsonl(os.path.join(folder, "stream.jsonl"))}
    torch = {(r["threads"], r["loss"], r["n"]): r for r in load_jsonl(os.path.join(folder, "pytorch.jsonl"))}
    ours = {}
    for t in (1, 2):
        p = os.path.join(folder, "jmh-t%d.json" % t)
        if not os.path.exists(p):
            continue
        with open(p) as f:
            for b in json.load(f):
                if not b["benchmark"].endswith((".valueAndGradInput", ".crossEntropy")):
                    continue
                params = b.get("params", {})
                loss = params.get("loss", "cross_entropy")
                if "shape" in params:
                    r, c = (int(v) for v in params["shape"].split("x"))
                    n = r * c
                else:
                    n = int(params["n"])
                us = b["primaryMetric"]["score"]
                unit = b["primaryMetric"]["scoreUnit"]
                if unit == "ms/op":
                    us *= 1000
                ours[(t, loss, n)] = {"us": us, "err": b["primaryMetric"]["scoreError"]}
    with open(os.path.join(folder, "jdk.txt")) as f:
        jdk = f.read().strip()
    print("JDK: %s; PyTorch %s." % (jdk, next(iter(torch.values()))["version"] if torch else "?"))
    for t in (1, 2):
        if t in stream:
            s = stream[t]
            print("Bandwidth, %d thread(s): STREAM triad %.1f GB/s; loss access pattern (read 8 B, write 4 B per "
                  "element) %.1f GB/s = %.0f M elements/s." % (t, s["triad_GBps"], s["loss_pattern_GBps"],
                                                                s["loss_pattern_Melem_per_s"]))
    print()
    print("| loss | elements | threads | PyTorch µs/call | losses4j µs/call | speed-up | losses4j M elem/s | "
          "% of bandwidth |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key in sorted(ours, key=lambda k: (k[1], k[2], k[0])):
        t, loss, n = key
        o = ours[key]
        p = torch.get(key)
        melem = n / o["us"]
        bw = stream.get(t, {}).get("loss_pattern_Melem_per_s")
        pct = "%.0f%%" % (100 * melem / bw) if bw and loss != "cross_entropy" else "–"
        print("| %s | %s | %d | %s | %.2f ± %.2f | %s | %.0f | %s |" % (
            loss, "{:,}".format(n), t, "%.1f" % p["us_median"] if p else "–", o["us"], o["err"],
            "%.1f×" % (p["us_median"] / o["us"]) if p else "–", melem, pct))


if __name__ == "__main__":
    main(sys.argv[1])
