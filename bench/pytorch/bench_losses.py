"""PyTorch side of bench/compare-pytorch.sh: value + input gradient (reduction mean) per call, CPU, float32.

Each call is what a PyTorch user runs:  x.grad = None; loss = F.<loss>(x, y); loss.backward()
Timing: the median of 15 samples, each the mean over enough calls to last >= 0.2 s, after a warm-up.
Prints one JSON line per (loss, size).

    /usr/bin/python3 bench/pytorch/bench_losses.py --threads 1 [--min-exp 3] [--max-exp 7] [--ce] [--only l1_loss,...]
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F

ELEMENTWISE = {
    "l1_loss": (F.l1_loss, "normal"),
    "mse_loss": (F.mse_loss, "normal"),
    "huber_loss": (F.huber_loss, "normal"),
    "smooth_l1_loss": (F.smooth_l1_loss, "normal"),
    "binary_cross_entropy_with_logits": (F.binary_cross_entropy_with_logits, "unit"),
}


def time_call(fn, min_time=0.2, samples=15):
    fn()
    fn()
    reps = 1
    while True:  # calibrate
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        dt = time.perf_counter() - t0
        if dt >= min_time / 4:
            break
        reps *= 4
    reps = max(1, int(reps * min_time / max(dt, 1e-9) / 4 * 4))
    out = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        out.append((time.perf_counter() - t0) / reps)
    return statistics.median(out), min(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--min-exp", type=int, default=3, help="smallest size 10^N of the element-wise losses")
    p.add_argument("--max-exp", type=int, default=7, help="largest size 10^N (8 needs ~4 GB of memory)")
    p.add_argument("--ce", action="store_true", help="also cross_entropy at (1024, 10) and (65536, 1000)")
    p.add_argument("--only", default=None, help="comma-separated loss names")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    g = torch.Generator().manual_seed(42)
    only = set(a.only.split(",")) if a.only else None
    for name, (fn, kind) in ELEMENTWISE.items():
        if only and name not in only:
            continue
        for e in range(a.min_exp, a.max_exp + 1):
            n = 10 ** e
            x = (torch.randn(n, generator=g) * 2).requires_grad_()
            y = torch.rand(n, generator=g) if kind == "unit" else torch.randn(n, generator=g) * 2

            def call():
                x.grad = None
                fn(x, y).backward()
            med, best = time_call(call)
            print(json.dumps({"impl": "pytorch", "version": torch.__version__, "threads": a.threads, "loss": name,
                              "n": n, "us_median": med * 1e6, "us_best": best * 1e6,
                              "melem_per_s": n / med / 1e6}), flush=True)
            del x, y
    if a.ce and (not only or "cross_entropy" in only):
        for (n, c) in ((1024, 10), (65536, 1000)):
            x = torch.randn(n, c, generator=g).requires_grad_()
            t = torch.randint(0, c, (n,), generator=g)

            def call():
                x.grad = None
                F.cross_entropy(x, t).backward()
            med, best = time_call(call)
            print(json.dumps({"impl": "pytorch", "version": torch.__version__, "threads": a.threads,
                              "loss": "cross_entropy", "n": n * c, "shape": [n, c], "us_median": med * 1e6,
                              "us_best": best * 1e6, "melem_per_s": n * c / med / 1e6}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
