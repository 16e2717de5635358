"""PyTorch eager side of the training comparison (bench/compare-pytorch.sh --training).

The Boston housing experiment as a PyTorch user writes it: MLP 13->16->8->1 (relu, He-uniform weights, zero
biases), Huber delta 1.5, Adam (Keras defaults: lr 1e-3, betas 0.9/0.999, eps 1e-7), 250 epochs, the last 20% of
the 404 training samples held out for validation (evaluated every epoch, with MAE), the rest reshuffled every
epoch. Same work per epoch as losses4j's TrainingBenchmark. Prints one JSON line per batch size with the wall time
of whole fits.

    /usr/bin/python3 bench/pytorch/bench_training.py --threads 1 --batch-sizes 1,32 --repeats 1
"""
import argparse
import csv
import json
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CSV = os.path.join(ROOT, "nn", "src", "main", "resources", "org", "losses4j", "nn", "data", "boston.csv")
SPLIT = os.path.join(ROOT, "nn", "src", "test", "resources", "fixtures", "keras_split.json")


def load():
    with open(CSV) as f:
        rows = [[float(v) for v in r] for r in list(csv.reader(f))[1:]]
    with open(SPLIT) as f:
        perm = json.load(f)["permutation"]
    train = [rows[i] for i in perm[:404]]
    x = torch.tensor([r[:13] for r in train], dtype=torch.float32)
    y = torch.tensor([r[13:] for r in train], dtype=torch.float32)
    return x, y


def fit(x, y, batch_size, epochs=250, seed=42):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(13, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 1))
    for m in model:
        if isinstance(m, nn.Linear):
            fan_in = m.weight.shape[1]
            lim = (6.0 / fan_in) ** 0.5
            nn.init.uniform_(m.weight, -lim, lim)
            nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    n_train = int(len(x) * 0.8)
    xt, yt, xv, yv = x[:n_train], y[:n_train], x[n_train:], y[n_train:]
    for _ in range(epochs):
        perm = torch.randperm(n_train)
        total = 0.0
        for s in range(0, n_train, batch_size):
            idx = perm[s:s + batch_size]
            opt.zero_grad()
            pred = model(xt[idx])
            loss = F.huber_loss(pred, yt[idx], delta=1.5)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            with torch.no_grad():
                (pred - yt[idx]).abs().mean().item()  # the MAE metric, as Keras updates it per batch
        with torch.no_grad():
            pv = model(xv)
            F.huber_loss(pv, yv, delta=1.5).item()
            (pv - yv).abs().mean().item()
    return model


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch-sizes", default="1,32")
    p.add_argument("--repeats", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    x, y = load()
    for bs in (int(b) for b in a.batch_sizes.split(",")):
        times = []
        for r in range(a.repeats):
            t0 = time.perf_counter()
            fit(x, y, bs, seed=42 + r)
            times.append(time.perf_counter() - t0)
        print(json.dumps({"impl": "pytorch", "version": torch.__version__, "threads": a.threads, "batch_size": bs,
                          "epochs": 250, "seconds_median": statistics.median(times), "seconds_min": min(times),
                          "repeats": a.repeats}), flush=True)


if __name__ == "__main__":
    main()
