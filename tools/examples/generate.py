#!/usr/bin/env python3
"""Writes the example files under examples/ that the README and docs use (standard library only).

    python3 tools/examples/generate.py

- houses.csv: the bundled Boston housing data (nn/src/main/resources/org/losses4j/nn/data/boston.csv; provenance
  in docs/DATA.md) with the target MEDV renamed `price` (median value in $1000s), 506 rows.
- prices.csv: 300 synthetic flats, generated here: price (in 1000s) is linear in area, rooms, age and distance to
  the centre with Gaussian noise, and 5% of the rows get a large error of either sign, the outliers Huber loss
  is for. Seeded, so the file is the same on every run.
- requests.jsonl: four requests of the JSON-lines protocol (docs/PROTOCOL.md), the last one invalid.
"""
import csv
import json
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "examples")


def houses():
    src = os.path.join(ROOT, "nn", "src", "main", "resources", "org", "losses4j", "nn", "data", "boston.csv")
    with open(src, newline="") as f:
        rows = list(csv.reader(f))
    header = ["price" if h == "MEDV" else h for h in rows[0]]
    with open(os.path.join(OUT, "houses.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows[1:])


def prices():
    rng = random.Random(7)
    with open(os.path.join(OUT, "prices.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "rooms", "age", "distance", "price"])
        for i in range(300):
            area = rng.uniform(30, 160)
            rooms = max(1, min(6, round(area / 28 + rng.gauss(0, 0.7))))
            age = rng.uniform(0, 90)
            distance = rng.uniform(0.5, 25)
            price = 40 + 2.2 * area + 9 * rooms - 0.6 * age - 4.5 * distance + rng.gauss(0, 12)
            if rng.random() < 0.05:
                price += rng.choice([-1, 1]) * rng.uniform(80, 200)
            w.writerow(["%.1f" % area, rooms, "%.0f" % age, "%.2f" % distance, "%.1f" % max(price, 10.0)])


REQUESTS = [
    {"id": 1, "loss": "huber_loss", "params": {"delta": 1.5},
     "inputs": {"input": [2.5, 4.75, 7.0, 11.0], "target": [3, 5, 7, 9]}, "grad": ["input"]},
    {"id": 2, "loss": "l1_loss", "reduction": "sum",
     "inputs": {"input": [2.5, 4.8, 6.9, 9.5], "target": [3, 5, 7, 9]}},
    {"id": 3, "loss": "cross_entropy", "inputs": {"input": [[0.1, 0.2, 0.7]], "target": [2]}, "grad": ["input"]},
    {"id": 4, "loss": "huber_loss", "params": {"delta": -1.5}, "inputs": {"input": [1.0], "target": [0.0]}},
]


def requests():
    with open(os.path.join(OUT, "requests.jsonl"), "w") as f:
        for r in REQUESTS:
            f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    houses()
    prices()
    requests()
