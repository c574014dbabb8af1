#!/usr/bin/env python3
"""Independent reference implementation of the capability-density computation of
/work/shared/DESIGN.md section 1 (inversion, density, "record" frontier, OLS densing law).

Written from DESIGN.md alone, WITHOUT reading the Rust code under src/, so that the two
implementations can be compared number for number. Standard library only; scipy is used for
the Student-t quantile when importable, otherwise the quantile is computed here (bisection on
the regularized incomplete beta CDF, Lentz continued fraction, to ~1e-14).

Usage: python3 densing_ref.py --models CSV --params JSON --task average|mmlu
                              [--d0 1e12] [--ref-date 2023-02-24] [--basis total|active]
                              [--chance 25] [--chance-margin 2] [--unreliable-factor 2]

Guards (issue 20, written from the issue's text): a score within `--chance-margin` points of
the task's chance level (`--chance`; where it is not given, the sigmoid's fitted floor d) is
excluded; every N-hat carries its
sensitivity, the factor one score point moves it by, exp(|d ln N-hat / dS|), here by a central
finite difference (h = 1e-4 points); a model whose sensitivity reaches `--unreliable-factor`
keeps its density but is left out of the frontier and the regression.
"""
import argparse, csv, datetime, json, math, sys

BENCHES = ["mmlu", "bbh", "math", "humaneval", "mbpp"]


# ---------------------------------------------------------------- Student-t quantile
def _betacf(a, b, x):
    """Continued fraction for the incomplete beta function (modified Lentz)."""
    tiny, c, d = 1e-300, 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        for num in (m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m)),
                    -(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-16:
            break
    return h


def _betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0.0: return 0.0
    if x >= 1.0: return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a*math.log(x) + b*math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1.0 - x) / b


def t_quantile(p, df):
    """Quantile of Student's t (p > 0.5). scipy if present, else bisection on the CDF."""
    try:
        from scipy.stats import t as student_t
        return float(student_t.ppf(p, df))
    except ImportError:
        pass
    cdf = lambda t: 1.0 - 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))  # for t >= 0
    lo, hi = 0.0, 1.0
    while cdf(hi) < p:
        hi *= 2.0
    while hi - lo > 1e-14 * max(1.0, hi):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return 0.5 * (lo + hi)


# ---------------------------------------------------------------- per-model inversion
def invert(score, p, d0):
    """Return (loss_hat, n_hat, reason). reason is None on success."""
    a, al, b, be = p["a"], p["alpha"], p["b"], p["beta"]
    c, g, l, d, e = p["c"], p["gamma"], p["l"], p["d"], p.get("E", 0.0)
    if score <= d:
        return None, None, "score at or below the sigmoid floor d (%g <= %g)" % (score, d)
    if score >= c + d:
        return None, None, "score at or above the sigmoid ceiling c+d (%g >= %g)" % (score, c + d)
    loss_hat = l - (1.0 / g) * math.log(c / (score - d) - 1.0)
    bracket = loss_hat - e - b * d0 ** (-be)
    if bracket <= 0:
        return loss_hat, None, "implied loss below the data-term floor (L_hat - E - b*D0^-beta = %g <= 0)" % bracket
    return loss_hat, (bracket / a) ** (-1.0 / al), None


H = 1e-4


def sensitivity(score, p, d0):
    """exp(|d ln N-hat/dS|) by a central difference (one-sided at the sigmoid's edges)."""
    def ln_n(s):
        n = invert(s, p, d0)[1]
        return None if n is None else math.log(n)
    lo, mid, hi = ln_n(score - H), ln_n(score), ln_n(score + H)
    if lo is not None and hi is not None:
        return math.exp(abs(hi - lo) / (2 * H))
    if hi is not None:
        return math.exp(abs(hi - mid) / H)
    return math.exp(abs(mid - lo) / H)


def model_rows(models_csv, params, task, d0, ref_date, basis="total", guards=None):
    g = guards or {"chance": None, "margin": 2.0, "factor": 2.0}
    rows = []
    with open(models_csv, newline="") as f:
        for r in csv.DictReader(f):
            benches = BENCHES if task == "average" else [task]
            missing = [k for k in benches if (r.get(k) or "").strip() == ""]
            rd = datetime.date.fromisoformat(r["release_date"].strip())
            m = {"model": r["model"], "release_date": rd.isoformat(),
                 "n_params": size_b(r, basis) * 1e9, "score": None, "loss_hat": None,
                 "n_hat": None, "density": None, "excluded_reason": None,
                  "sensitivity": None, "unreliable": False,
                 "_t": float((rd - ref_date).days)}
            if missing:
                m["excluded_reason"] = "missing benchmark: " + ", ".join(missing)
            else:
                m["score"] = sum(float(r[k]) for k in benches) / len(benches)
                if g["chance"] is not None and m["score"] < g["chance"] + g["margin"]:
                    m["excluded_reason"] = "within %g points of chance %g" % (g["margin"], g["chance"])
                    rows.append(m)
                    continue
                m["loss_hat"], m["n_hat"], m["excluded_reason"] = invert(m["score"], params, d0)
                if m["n_hat"] is not None:
                    m["density"] = m["n_hat"] / m["n_params"]
                    m["sensitivity"] = sensitivity(m["score"], params, d0)
                    m["unreliable"] = m["sensitivity"] >= g["factor"]
            rows.append(m)
    return rows


def size_b(r, basis):
    """Billions the density divides by: the total, or with basis "active" the activated
    count where the row gives one (mixture-of-experts rows), else the total."""
    active = (r.get("n_params_active") or "").strip()
    if basis == "active" and active:
        return float(active)
    return float(r["params_b"])


# ---------------------------------------------------------------- frontier + regression
def record_frontier(rows):
    """Densest model per release date; keep it if strictly denser than all earlier dates."""
    best = {}
    for m in rows:  # ties within a date: first in file order wins
        if m["unreliable"]:
            continue  # kept out of the frontier and the regression
        if m["density"] is not None and (m["release_date"] not in best
                                         or m["density"] > best[m["release_date"]]["density"]):
            best[m["release_date"]] = m
    frontier, record = [], -math.inf
    for date in sorted(best):
        if best[date]["density"] > record:
            frontier.append(best[date])
        # every model of this date counts as "earlier" for later dates; the max is best[date]
        record = max(record, best[date]["density"])
    return frontier


def regression(frontier):
    out = {"slope_per_day": None, "intercept": None, "r2": None, "slope_se": None,
           "doubling_days": None, "doubling_days_low": None, "doubling_days_high": None,
           "frontier": [m["model"] for m in frontier]}
    n = len(frontier)
    if n < 2:
        return out
    xs = [m["_t"] for m in frontier]
    ys = [math.log(m["density"]) for m in frontier]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return out
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    A = sxy / sxx
    B = my - A * mx
    ssr = sum((y - (A * x + B)) ** 2 for x, y in zip(xs, ys))
    sst = sum((y - my) ** 2 for y in ys)
    out.update(slope_per_day=A, intercept=B, r2=(1.0 - ssr / sst) if sst > 0 else None)
    if A > 0:
        out["doubling_days"] = math.log(2) / A
    if n >= 3:
        se = math.sqrt(ssr / (n - 2) / sxx)
        tq = t_quantile(0.975, n - 2)
        out["slope_se"] = se
        if A + tq * se > 0:
            out["doubling_days_low"] = math.log(2) / (A + tq * se)
        if A - tq * se > 0:  # otherwise the upper end is unbounded -> null
            out["doubling_days_high"] = math.log(2) / (A - tq * se)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", required=True)
    ap.add_argument("--params", required=True)
    ap.add_argument("--task", required=True, choices=["average", "mmlu"])
    ap.add_argument("--d0", type=float, default=1e12)
    ap.add_argument("--ref-date", default="2023-02-24")
    ap.add_argument("--basis", default="total", choices=["total", "active"])
    ap.add_argument("--chance", type=float, default=None)
    ap.add_argument("--chance-margin", type=float, default=2.0)
    ap.add_argument("--unreliable-factor", type=float, default=2.0)
    args = ap.parse_args(argv)
    with open(args.params) as f:
        params = json.load(f)[args.task]
    rows = model_rows(args.models, params, args.task, args.d0,
                      datetime.date.fromisoformat(args.ref_date), args.basis,
                      {"chance": args.chance if args.chance is not None else params["d"], "margin": args.chance_margin,
                       "factor": args.unreliable_factor})
    reg = regression(record_frontier(rows))
    for m in rows:
        del m["_t"]
    json.dump({"models": rows, "regression": reg}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
