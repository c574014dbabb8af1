#!/usr/bin/env python3
"""Independent reference for a model family as the reference (issue 20), written from the
issue's formula alone: per task, S(N) = d + c / (1 + exp(-k (ln N - m))), d >= the task's
chance level, 0 < c <= 100 - d, least squares on the members; inverted as
ln N_hat = m - ln(c / (S - d) - 1) / k. Plain Python: Levenberg-Marquardt (damped
Gauss-Newton) from a small grid of starts, bounds by projection. Also writes the fixture.

Usage: python3 family_ref.py --make-fixture tests/data/family/acme.csv
       python3 family_ref.py --models tests/data/family/acme.csv --stem Acme/Base \
           --task mmlu_pro --chance 10 > tests/reference/expected_family.json
"""
import argparse, csv, json, math, random


def model(p, x):
    c, k, m, d = p
    z = max(-700.0, min(700.0, -k * (x - m)))
    return d + c / (1.0 + math.exp(z))


def sse(p, xs, ys):
    return sum((model(p, x) - y) ** 2 for x, y in zip(xs, ys))


def project(p, chance):
    c, k, m, d = p
    d = max(d, chance)
    d = min(d, 99.9)
    c = min(max(c, 1e-6), 100.0 - d)
    return [c, k, m, d]


def solve(a, b):
    n = len(b)
    a = [row[:] + [b[i]] for i, row in enumerate(a)]
    for i in range(n):
        piv = max(range(i, n), key=lambda r: abs(a[r][i]))
        a[i], a[piv] = a[piv], a[i]
        if abs(a[i][i]) < 1e-300:
            return None
        for r in range(n):
            if r != i:
                f = a[r][i] / a[i][i]
                for col in range(i, n + 1):
                    a[r][col] -= f * a[i][col]
    return [a[i][n] / a[i][i] for i in range(n)]


def lm(p, xs, ys, chance):
    lam = 1e-3
    p = project(p, chance)
    f = sse(p, xs, ys)
    for _ in range(2000):
        J, r = [], []
        for x, y in zip(xs, ys):
            c, k, m, d = p
            s = (model([1.0, k, m, 0.0], x))
            J.append([s, c * s * (1 - s) * (x - m), -c * s * (1 - s) * k, 1.0])
            r.append(y - model(p, x))
        jtj = [[sum(J[i][a] * J[i][b] for i in range(len(xs))) for b in range(4)] for a in range(4)]
        jtr = [sum(J[i][a] * r[i] for i in range(len(xs))) for a in range(4)]
        improved = False
        while lam < 1e12:
            A = [[jtj[a][b] + (lam * jtj[a][a] if a == b else 0.0) for b in range(4)] for a in range(4)]
            step = solve(A, jtr)
            if step is None:
                lam *= 10
                continue
            q = project([p[i] + step[i] for i in range(4)], chance)
            fq = sse(q, xs, ys)
            if fq < f:
                improved = abs(f - fq) > 1e-14 * (1 + f)
                p, f, lam = q, fq, lam / 10
                break
            lam *= 10
        if not improved:
            break
    return p, f


def fit(xs, ys, chance):
    lo, hi = min(ys), max(ys)
    best = None
    for c in (1.0, 1.5, 2.5):
        for k in (0.3, 1.0, 3.0):
            for q in (0.2, 0.5, 0.8):
                m = min(xs) + q * (max(xs) - min(xs))
                p, f = lm([c * (hi - lo), k, m, chance], xs, ys, chance)
                if best is None or f < best[1]:
                    best = (p, f)
    return best


def make_fixture(path):
    """A family 'Acme/Base' of 7 sizes from known constants (c 60, k 0.9, m ln 7e9, d 10)
    with seeded noise (sd 0.5 points), and 12 other models between and beyond its sizes."""
    rng = random.Random(20)
    truth = [60.0, 0.9, math.log(7e9), 10.0]
    rows = []
    for b in (0.5, 1.5, 3, 7, 14, 32, 72):
        n = b * 1e9
        rows.append((f"Acme/Base-{b:g}B", n, "2024-09-19", model(truth, math.log(n)) + rng.gauss(0, 0.5)))
    for i in range(12):
        n = math.exp(rng.uniform(math.log(3e8), math.log(1e11)))
        dense = math.exp(rng.uniform(-1.5, 1.5))
        s = model(truth, math.log(n * dense)) + rng.gauss(0, 0.5)
        rows.append((f"Other/model-{i}", n, "2024-0%d-01" % (1 + i % 9), s))
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["model", "params", "release_date", "mmlu_pro"])
        for name, n, date, s in rows:
            w.writerow([name, "%.0f" % n, date, "%.4f" % s])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--make-fixture")
    ap.add_argument("--models")
    ap.add_argument("--stem")
    ap.add_argument("--task", default="mmlu_pro")
    ap.add_argument("--chance", type=float, default=10.0)
    a = ap.parse_args()
    if a.make_fixture:
        make_fixture(a.make_fixture)
        return
    with open(a.models) as fh:
        rows = list(csv.DictReader(fh))
    members = [r for r in rows if r["model"].startswith(a.stem + "-")]
    xs = [math.log(float(r["params"])) for r in members]
    ys = [float(r[a.task]) for r in members]
    (c, k, m, d), f = fit(xs, ys, a.chance)
    out = {"command": "python3 tests/reference/family_ref.py --models %s --stem %s --task %s --chance %g"
           % (a.models, a.stem, a.task, a.chance),
           "c": c, "k": k, "m": m, "d": d, "sse": f,
           "score_min": min(ys), "score_max": max(ys), "models": {}}
    for r in rows:
        s = float(r[a.task])
        if d < s < c + d:
            ln_n = m - math.log(c / (s - d) - 1.0) / k
            out["models"][r["model"]] = {"score": s, "n_hat": math.exp(ln_n),
                                         "density": math.exp(ln_n) / float(r["params"])}
    print(json.dumps(out, indent=1, sort_keys=True))


main()
