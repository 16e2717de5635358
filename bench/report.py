"""Turns a bench/compare-pytorch.sh results folder into the Markdown tables of docs/BENCHMARKS.md.

    /usr/bin/python3 bench/report.py bench/results/<timestamp>
"""
import json
import os
import sys

BYTES_PER_ELEMENT = 12  # a single-pass value + gradient kernel reads x and y and writes the gradient (float32)


def load_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def load_jmh(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def micros(metric):
    us = metric["score"]
    err = metric["scoreError"]
    factor = {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}[metric["scoreUnit"]]
    return us * factor, (err * factor if err == err else 0.0)  # NaN error when there is a single sample


def main(folder):
    stream = {r["threads"]: r for r in load_jsonl(os.path.join(folder, "stream.jsonl"))}
    torch = {(r["threads"], r["loss"], r["n"]): r for r in load_jsonl(os.path.join(folder, "pytorch.jsonl"))}
    with open(os.path.join(folder, "jdk.txt")) as f:
        jdk = f.read().strip()
    print("JDK: %s; PyTorch %s." % (jdk, next(iter(torch.values()))["version"] if torch else "?"))
    print()
    for t in (1, 2):
        if t in stream:
            s = stream[t]
            print("- bandwidth, %d thread%s: STREAM triad %.1f GB/s; the loss access pattern in C (read 8 B, write "
                  "4 B per element) %.1f GB/s = %.0f M elements/s" % (t, "" if t == 1 else "s", s["triad_GBps"],
                                                                    s["loss_pattern_GBps"],
                                                                    s["loss_pattern_Melem_per_s"]))
    for mode, prefix in (("plain loops (JVM default)", "jmh-t"),
                         ("Vector API kernels (--add-modules jdk.incubator.vector)", "jmh-vector-t")):
        api, buf = {}, {}
        for t in (1, 2):
            for b in load_jmh(os.path.join(folder, "%s%d.json" % (prefix, t))):
                params = b.get("params", {})
                method = b["benchmark"].rsplit(".", 1)[1]
                if "shape" in params:
                    r, c = (int(v) for v in params["shape"].split("x"))
                    key = (t, "cross_entropy", r * c)
                else:
                    key = (t, params["loss"], int(params["n"]))
                target = buf if method.endswith("IntoBuffer") else api
                target[key] = micros(b["primaryMetric"])
        if not api and not buf:
            continue
        print()
        print("### losses4j: %s" % mode)
        print()
        print("| loss | elements | threads | PyTorch µs/call | losses4j µs/call (tensor API) | speed-up | "
              "losses4j µs/call (into buffer) | speed-up | GB/s (into buffer) | % of STREAM triad |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for key in sorted(set(api) | set(buf), key=lambda k: (k[1], k[2], k[0])):
            t, loss, n = key
            p = torch.get(key)
            pus = p["us_median"] if p else None
            cells = [loss, "{:,}".format(n), str(t), "%.1f" % pus if pus else "–"]
            for table in (api, buf):
                if key in table:
                    us, err = table[key]
                    cells += ["%.2f ± %.2f" % (us, err), "%.1f×" % (pus / us) if pus else "–"]
                else:
                    cells += ["–", "–"]
            if key in buf and loss != "cross_entropy":
                gbps = BYTES_PER_ELEMENT * n / (buf[key][0] * 1e-6) / 1e9
                tri = stream.get(t, {}).get("triad_GBps")
                cells += ["%.1f" % gbps, "%.0f%%" % (100 * gbps / tri) if tri else "–"]
            else:
                cells += ["–", "–"]
            print("| " + " | ".join(cells) + " |")

    ptrain = {r["batch_size"]: r for r in load_jsonl(os.path.join(folder, "pytorch-training.jsonl"))}
    otrain = {}
    for b in load_jmh(os.path.join(folder, "jmh-training.json")):
        otrain[int(b["params"]["batchSize"])] = micros(b["primaryMetric"])
    if otrain:
        print()
        print("| Boston fit, 250 epochs | PyTorch eager s | losses4j ms | speed-up |")
        print("|---|---:|---:|---:|")
        for bs in sorted(otrain):
            us, err = otrain[bs]
            p = ptrain.get(bs)
            print("| batch size %d | %s | %.0f ± %.0f | %s |" % (
                bs, "%.1f" % p["seconds_median"] if p else "–", us / 1e3, err / 1e3,
                "%.0f×" % (p["seconds_median"] * 1e6 / us) if p else "–"))


if __name__ == "__main__":
    main(sys.argv[1])
