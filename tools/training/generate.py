"""Regenerates the training-stack fixtures from numpy and PyTorch (Debian's python3-numpy 1.24, python3-torch 1.13).

    /usr/bin/python3 tools/training/generate.py

Writes
  core/src/test/resources/fixtures/stats.json     numpy quantiles (method='linear'), Tukey counts, streaming metrics
  nn/src/test/resources/fixtures/training.json    numpy's legacy RandomState (MT19937 raw outputs, shuffles,
                                                  uniform, standard_normal), Keras initialiser formulas drawn from
                                                  that generator, Adam (Keras's float32 formula, and torch.optim.Adam
                                                  with the equivalent per-step eps), SGD (torch.optim.SGD; Nesterov
                                                  with momentum 0 is plain SGD, as in Keras), an MLP's
                                                  gradients by torch autograd, the Boston outlier analysis.
The output is deterministic. Run from the repository root or anywhere: paths are relative to this file.
"""
import hashlib
import json
import math
import os
import sys

import numpy as np
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BOSTON = os.path.join(ROOT, "nn/src/main/resources/org/losses4j/nn/data/boston.csv")
f32 = np.float32


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


# --------------------------------------------------------------------------------------------------------------------
# core: quantiles, Tukey fences, metrics

def stats_fixture():
    rs = np.random.RandomState(20240501)
    arrays = [
        [3.0],
        [1.0, 2.0],
        [5.0, 1.0, 4.0, 2.0, 3.0],
        [1.0, 1.0, 1.0, 2.0, 2.0, 9.0, 9.0, 9.0],
        floats(rs.standard_normal(37)),
        floats(np.round(rs.uniform(0, 50, 101), 1)),
        floats(rs.standard_cauchy(64)),
        [0.1, 0.2, 0.30000000000000004, 1e-300, -1e300, 7.0],
    ]
    qs = [0.0, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.99, 1.0]
    quantiles = []
    for a in arrays:
        x = np.array(a, dtype=np.float64)
        q1, q3 = np.percentile(x, [25, 75])
        iqr = q3 - q1
        lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
        quantiles.append({
            "values": a,
            "q": qs,
            "quantiles": [float(np.quantile(x, q)) for q in qs],
            "tukey": {"q1": float(q1), "median": float(np.median(x)), "q3": float(q3), "lower_fence": float(lo),
                      "upper_fence": float(hi), "low": int((x < lo).sum()), "high": int((x > hi).sum())},
        })
    metrics = []
    for width in (1, 3):
        pred = rs.standard_normal((11, width)).astype(f32)
        target = (rs.standard_normal((11, width)) * 2).astype(f32)
        batches = [4, 4, 3]
        p64 = pred.astype(np.float64)
        t64 = target.astype(np.float64)
        per_sample_abs = np.abs(p64 - t64).mean(axis=1)
        per_sample_sq = ((p64 - t64) ** 2).mean(axis=1)
        metrics.append({
            "width": width, "batches": batches,
            "prediction": floats(pred), "target": floats(target),
            "mae": float(per_sample_abs.mean()), "mse": float(per_sample_sq.mean()),
            "rmse": float(math.sqrt(per_sample_sq.mean())),
        })
    return {"generator": "numpy " + np.__version__, "quantiles": quantiles, "metrics": metrics}


# --------------------------------------------------------------------------------------------------------------------
# nn: numpy's legacy generator

def shuffle_cases():
    out = []
    for n, seed in [(1, 0), (2, 1), (10, 0), (100, 42), (506, 0), (506, 1), (506, 113), (506, 2 ** 32 - 1),
                    (1000, 7), (5000, 113), (70000, 113)]:
        idx = np.arange(n)
        np.random.RandomState(seed).shuffle(idx)
        case = {"n": n, "seed": seed, "head": [int(v) for v in idx[:20]], "tail": [int(v) for v in idx[-20:]],
                "sha256": hashlib.sha256(",".join(str(int(v)) for v in idx).encode()).hexdigest()}
        if n <= 1000:
            case["permutation"] = [int(v) for v in idx]
        out.append(case)
    return out


def legacy_truncated_normal(rs, count, stddev):
    out = []
    while len(out) < count:
        z = rs.standard_normal()
        if abs(z) > 2.0:
            continue
        out.append(z * stddev)
    return out


def initializer_cases():
    specs = {
        "glorot_uniform": (1.0, "fan_avg", "uniform"),
        "glorot_normal": (1.0, "fan_avg", "truncated_normal"),
        "he_uniform": (2.0, "fan_in", "uniform"),
        "he_normal": (2.0, "fan_in", "truncated_normal"),
    }
    out = []
    for name, (scale, mode, dist) in specs.items():
        for fan_in, fan_out, seed in [(13, 16, 0), (16, 8, 42), (8, 1, 113), (13, 64, 7)]:
            # keras/src/initializers/random_initializers.py, VarianceScaling.__call__
            s = scale
            if mode == "fan_in":
                s /= max(1.0, fan_in)
            else:
                s /= max(1.0, (fan_in + fan_out) / 2.0)
            rs = np.random.RandomState(seed)
            case = {"name": name, "fan_in": fan_in, "fan_out": fan_out, "seed": seed}
            if dist == "uniform":
                limit = math.sqrt(3.0 * s)
                case["limit"] = limit
                case["values"] = floats(rs.uniform(-limit, limit, (fan_in, fan_out)).astype(f32))
            else:
                stddev = math.sqrt(s) / 0.87962566103423978
                case["stddev"] = stddev
                case["values"] = floats(np.array(legacy_truncated_normal(rs, fan_in * fan_out, stddev)).astype(f32))
            out.append(case)
    return out


# --------------------------------------------------------------------------------------------------------------------
# nn: optimisers

def keras_adam(w0, grads, lr, b1, b2, eps):
    """keras/src/optimizers/adam.py update_step, in float32 (alpha from Python floats, rounded once)."""
    w = np.array(w0, dtype=f32)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    traj = []
    for t, g in enumerate(grads, start=1):
        g = np.array(g, dtype=f32)
        alpha = f32(lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t))
        m = m + (g - m) * f32(1 - b1)
        v = v + (g * g - v) * f32(1 - b2)
        w = w - (m * alpha) / (np.sqrt(v) + f32(eps))
        traj.append(floats(w))
    return traj


def torch_adam(w0, grads, lr, b1, b2, eps_hat):
    """torch.optim.Adam in float64 with eps_t = eps_hat / sqrt(1 - b2^t): Keras's epsilon-hat update."""
    p = torch.nn.Parameter(torch.tensor(np.array(w0, dtype=f32).astype(np.float64)))
    opt = torch.optim.Adam([p], lr=lr, betas=(b1, b2), eps=eps_hat)
    traj = []
    for t, g in enumerate(grads, start=1):
        opt.param_groups[0]["eps"] = eps_hat / math.sqrt(1 - b2 ** t)
        p.grad = torch.tensor(np.array(g, dtype=f32).astype(np.float64))
        opt.step()
        traj.append(floats(p.detach().numpy()))
    return traj


def torch_sgd(w0, grads, lr, momentum, nesterov):
    """torch.optim.SGD in float64. Keras's SGD.update_step reads nesterov only when momentum != 0, so Nesterov with
    momentum 0 is plain SGD there; torch refuses that combination, so it is run as plain SGD."""
    if momentum == 0:
        nesterov = False
    p = torch.nn.Parameter(torch.tensor(np.array(w0, dtype=f32).astype(np.float64)))
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum, nesterov=nesterov)
    traj = []
    for g in grads:
        p.grad = torch.tensor(np.array(g, dtype=f32).astype(np.float64))
        opt.step()
        traj.append(floats(p.detach().numpy()))
    return traj


def optimizer_cases(rs):
    w0 = floats(rs.standard_normal(6).astype(f32))
    grads = [floats((rs.standard_normal(6) * 10 ** rs.uniform(-3, 1)).astype(f32)) for _ in range(12)]
    grads[3][2] = 0.0
    grads[5] = [0.0] * 6
    adam = []
    for lr, b1, b2, eps in [(1e-3, 0.9, 0.999, 1e-7), (0.05, 0.8, 0.99, 1e-3)]:
        adam.append({"learning_rate": lr, "beta_1": b1, "beta_2": b2, "epsilon": eps, "w0": w0, "grads": grads,
                     "keras_float32": keras_adam(w0, grads, lr, b1, b2, eps),
                     "torch_float64": torch_adam(w0, grads, lr, b1, b2, eps)})
    sgd = []
    for lr, mom, nest in [(0.01, 0.0, False), (0.05, 0.9, False), (0.05, 0.9, True), (0.05, 0.0, True)]:
        sgd.append({"learning_rate": lr, "momentum": mom, "nesterov": nest, "w0": w0, "grads": grads,
                    "torch_float64": torch_sgd(w0, grads, lr, mom, nest)})
    return adam, sgd


# --------------------------------------------------------------------------------------------------------------------
# nn: an MLP's gradients by autograd

def mlp_case(rs):
    sizes = [4, 5, 3, 2]
    acts = ["tanh", "relu", "linear"]
    kernels = [rs.uniform(-1, 1, (sizes[i], sizes[i + 1])).astype(f32) for i in range(3)]
    biases = [rs.uniform(-0.5, 0.5, sizes[i + 1]).astype(f32) for i in range(3)]
    x = rs.standard_normal((6, 4)).astype(f32)
    y = (rs.standard_normal((6, 2)) * 2).astype(f32)
    ks = [torch.tensor(k.astype(np.float64), requires_grad=True) for k in kernels]
    bs = [torch.tensor(b.astype(np.float64), requires_grad=True) for b in biases]
    a = torch.tensor(x.astype(np.float64))
    for k, b, act in zip(ks, bs, acts):
        a = a @ k + b
        a = {"tanh": torch.tanh, "relu": torch.relu, "linear": lambda z: z}[act](a)
    loss = torch.nn.functional.huber_loss(a, torch.tensor(y.astype(np.float64)), delta=1.5)
    loss.backward()
    return {"sizes": sizes, "activations": acts, "kernels": [floats(k) for k in kernels],
            "biases": [floats(b) for b in biases], "x": floats(x), "y": floats(y), "loss": "huber_loss",
            "delta": 1.5, "value": float(loss), "output": floats(a.detach().numpy()),
            "grad_kernels": [floats(k.grad.numpy()) for k in ks], "grad_biases": [floats(b.grad.numpy()) for b in bs]}


# --------------------------------------------------------------------------------------------------------------------
# nn: the Boston outlier analysis (numpy linear percentiles on Keras's split)

def boston_outliers():
    data = np.loadtxt(BOSTON, delimiter=",", skiprows=1)
    y = data[:, -1]
    idx = np.arange(len(y))
    np.random.RandomState(113).shuffle(idx)
    k = int(len(y) * (1 - 0.2))
    parts = {"all": y, "train": y[idx][:k], "test": y[idx][k:]}
    out = {}
    for name, v in parts.items():
        q1, med, q3 = np.percentile(v, [25, 50, 75])
        iqr = q3 - q1
        lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
        out[name] = {"n": int(len(v)), "q1": float(q1), "median": float(med), "q3": float(q3),
                     "lower_fence": float(lo), "upper_fence": float(hi), "low": int((v < lo).sum()),
                     "high": int((v > hi).sum())}
    return out


def nn_fixture():
    rs = np.random.RandomState(5)
    mt = np.random.MT19937()
    mt._legacy_seeding(113)
    adam, sgd = optimizer_cases(rs)
    return {
        "generator": "numpy " + np.__version__ + ", torch " + torch.__version__,
        "mt19937_seed113_raw": [int(v) for v in mt.random_raw(2000)],
        "shuffle": shuffle_cases(),
        "random_sample_seed7": floats(np.random.RandomState(7).random_sample(10)),
        "uniform_seed5": floats(np.random.RandomState(5).uniform(-0.25, 0.75, 10)),
        "standard_normal_seed3": floats(np.random.RandomState(3).standard_normal(11)),
        "initializers": initializer_cases(),
        "adam": adam,
        "sgd": sgd,
        "mlp": mlp_case(rs),
        "boston_outliers": boston_outliers(),
    }


def dump(obj, rel):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote", rel, file=sys.stderr)


if __name__ == "__main__":
    torch.set_default_dtype(torch.float64)
    dump(stats_fixture(), "core/src/test/resources/fixtures/stats.json")
    dump(nn_fixture(), "nn/src/test/resources/fixtures/training.json")
