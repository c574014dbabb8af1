#!/usr/bin/env python3
"""Independent implementation of the model-free check of issue 21 (plain Python, no
packages): reads sample_data/models.csv, builds for each MMLU threshold the record-small
staircase over release dates (sort by date, at one date the smallest first; a model joins
when strictly smaller than every earlier model on the staircase), regresses ln N on days
since 2023-02-24 by OLS, and the pooled fit (one slope, one intercept per threshold).
The 95% t quantile is computed here by bisection on a numerically integrated t density,
not taken from the crate.

Run from the crate root:
    python3 tests/reference/iso_ref.py > tests/reference/iso_ref_mmlu.json
"""
import csv, json, math, sys
from datetime import date

TASK, SINCE, REF = "mmlu", date(2023, 1, 1), date(2023, 2, 24)
THRESHOLDS = [40.0, 50.0, 60.0, 70.0]


def t_pdf(x, df):
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    return c * (1 + x * x / df) ** (-(df + 1) / 2)


def t_cdf(x, df, steps=20000):
    # 0.5 + integral_0^x of the density, Simpson's rule.
    h = x / steps
    s = t_pdf(0, df) + t_pdf(x, df)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * t_pdf(i * h, df)
    return 0.5 + s * h / 3


def t_quantile(p, df):
    lo, hi = 0.0, 100.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def halving(slope, se, dof):
    """ln2/(-slope) and its interval [lo, hi]; None for an unbounded or missing end."""
    h = math.log(2) / -slope if slope < 0 else None
    if se is None:
        return h, [None, None]
    t = t_quantile(0.975, dof)
    fast, slow = -slope + t * se, -slope - t * se
    return h, [math.log(2) / fast if fast > 0 else None, math.log(2) / slow if slow > 0 else None]


rows = []
with open("sample_data/models.csv", newline="") as f:
    for r in csv.DictReader(f):
        if not r[TASK].strip() or not r["release_date"].strip() or not r["params_b"].strip():
            continue
        d = date.fromisoformat(r["release_date"].strip())
        if d < SINCE:
            continue
        rows.append((r["model"].strip(), d, float(r["params_b"]) * 1e9, float(r[TASK])))

out, groups = [], []
for thr in THRESHOLDS:
    reach = sorted((m for m in rows if m[3] >= thr), key=lambda m: (m[1], m[2], m[0]))
    stair, best = [], math.inf
    for m in reach:
        if m[2] < best:
            best = m[2]
            stair.append(m)
    xs = [(m[1] - REF).days for m in stair]
    ys = [math.log(m[2]) for m in stair]
    n = len(stair)
    entry = {"threshold": thr, "staircase": [m[0] for m in stair], "n": n}
    if n >= 2 and len(set(xs)) > 1:
        mx, my = sum(xs) / n, sum(ys) / n
        sxx = sum((x - mx) ** 2 for x in xs)
        sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
        syy = sum((y - my) ** 2 for y in ys)
        b = sxy / sxx
        ssr = sum((y - (my + b * (x - mx))) ** 2 for x, y in zip(xs, ys))
        se = math.sqrt(ssr / (n - 2) / sxx) if n > 2 else None
        h, iv = halving(b, se, n - 2)
        entry.update({"halving_days": h, "interval": iv, "r2": 1 - ssr / syy if syy > 0 else 1.0})
        groups.append((sxx, sxy, syy, n))
    out.append(entry)

SXX, SXY, SYY = (sum(g[i] for g in groups) for i in range(3))
N, G = sum(g[3] for g in groups), len(groups)
b = SXY / SXX
dof = N - G - 1
se = math.sqrt((SYY - b * SXY) / dof / SXX)
h, iv = halving(b, se, dof)
json.dump({"command": "python3 tests/reference/iso_ref.py > tests/reference/iso_ref_mmlu.json",
           "task": TASK, "basis": "total", "thresholds": out,
           "pooled": {"halving_days": h, "interval": iv, "n": N}},
          sys.stdout, indent=2)
print()
