"""Epoch AI's Chinchilla replication recipe (Besiroglu et al. 2024, arXiv 2404.10102),
as DESIGN §1 states it, in scipy: the summed Huber loss (delta 1e-3) of the log-space
residuals LSE(e, a - alpha ln N, b - beta ln D) - ln L, minimised by L-BFGS-B with an
analytic gradient from each of Epoch's 4,500 grid starts, each run to its own
convergence; the lowest objective among the converged runs is kept.

Usage: scipy_chinchilla.py POINTS.csv [--exclude-top-loss 5]
Prints one JSON line: objective, parameters, converged starts and the CPU seconds of the
fit alone (time.process_time, after reading the points).
"""
import csv
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

DELTA = 1e-3


def read_points(path, exclude_top_loss):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            n = float(r["Model Size"])
            flop = float(r["Training FLOP"])
            rows.append((n, flop / (6.0 * n), float(r["loss"])))
    rows.sort(key=lambda r: -r[2])
    rows = rows[exclude_top_loss:]
    a = np.array(rows)
    return np.log(a[:, 0]), np.log(a[:, 1]), np.log(a[:, 2])


def objective(x, ln_n, ln_d, ln_l):
    """Cost and gradient in [e', a', alpha, b', beta] (the order of ours)."""
    e, a, alpha, b, beta = x
    u = np.stack([np.full_like(ln_n, e), a - alpha * ln_n, b - beta * ln_d])
    lse = logsumexp(u, axis=0)
    w = np.exp(u - lse)  # softmax weights of the three terms
    r = lse - ln_l
    absr = np.abs(r)
    quad = absr <= DELTA
    cost = np.sum(np.where(quad, 0.5 * r * r, DELTA * (absr - 0.5 * DELTA)))
    h = np.clip(r, -DELTA, DELTA)
    hw = h * w
    grad = np.array([
        hw[0].sum(),
        hw[1].sum(),
        -(hw[1] * ln_n).sum(),
        hw[2].sum(),
        -(hw[2] * ln_d).sum(),
    ])
    return cost, grad


def main():
    path = sys.argv[1]
    k = int(sys.argv[sys.argv.index("--exclude-top-loss") + 1]) if "--exclude-top-loss" in sys.argv else 0
    ln_n, ln_d, ln_l = read_points(path, k)
    exps = [0.0, 0.5, 1.0, 1.5, 2.0]
    es = [-1.0, -0.5, 0.0, 0.5, 1.0]
    scales = [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]
    t0 = time.process_time()
    best, converged = None, 0
    for e, a, b, alpha, beta in itertools.product(es, scales, scales, exps, exps):
        res = minimize(objective, [e, a, alpha, b, beta], args=(ln_n, ln_d, ln_l),
                       jac=True, method="L-BFGS-B")
        if res.success and np.isfinite(res.fun):
            converged += 1
            if best is None or res.fun < best.fun:
                best = res
    cpu = time.process_time() - t0
    e, a, alpha, b, beta = best.x
    print(json.dumps({
        "objective": float(best.fun), "E": float(np.exp(e)), "A": float(np.exp(a)),
        "alpha": float(alpha), "B": float(np.exp(b)), "beta": float(beta),
        "converged": converged, "starts": 4500, "points": int(len(ln_n)), "cpu_s": cpu,
    }))


if __name__ == "__main__":
    main()
