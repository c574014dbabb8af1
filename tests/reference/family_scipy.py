#!/usr/bin/env python3
"""Independent check of the family reference on the Open LLM Leaderboard v2 export (issue
20), with scipy: the seven Qwen2.5 base models' (size, raw score x 100) read straight from
the CSV (the bfloat16 row of each), S(N) = d + c / (1 + exp(-k (ln N - m))) fitted by
scipy.optimize.least_squares from a grid of starts, with 0 < c, c + d <= 100 and d at
least the chance level (MMLU-Pro 10, GPQA 25, MATH 0; else 0) -- the task table gives no
chance level for these tasks, so d is fitted. Prints each task's curve as JSON.

Usage (scipy and numpy in a venv):
    python3 tests/reference/family_scipy.py \
        ../shared/real_formats/open_llm_leaderboard/fboulnois_huggingface_v2.csv
"""
import csv, json, sys
import numpy as np
from scipy.optimize import least_squares

TASKS = {"ifeval": 0.0, "bbh": 0.0, "math": 0.0, "gpqa": 25.0, "musr": 0.0, "mmlu_pro": 10.0}
SIZES = ["0.5B", "1.5B", "3B", "7B", "14B", "32B", "72B"]


def fit(x, y, floor):
    best = None
    for k0 in (0.3, 0.6, 1.0, 2.0):
        for m0 in np.linspace(x.min(), x.max(), 7):
            d0 = max(floor + 1e-6, min(y.min() - 0.5, 99.0))
            p0 = [max(1e-3, min(100 - d0 - 1e-3, y.max() - d0 + 5)), k0, m0, d0]

            def r(p):
                c, k, m, d = p
                return d + c / (1 + np.exp(-k * (x - m))) - y

            s = least_squares(r, p0, bounds=([1e-6, 1e-4, 0, floor], [100, 50, 60, 100]))
            if s.x[0] + s.x[3] > 100 + 1e-9:
                continue
            if best is None or s.cost < best.cost:
                best = s
    c, k, m, d = best.x
    return {"c": c, "k": k, "m": m, "d": d, "rss": 2 * best.cost}


def main(path):
    rows = {}
    for r in csv.DictReader(open(path, newline="")):
        name = r["model_name"]
        if name.startswith("Qwen/Qwen2.5-") and name[len("Qwen/Qwen2.5-"):] in SIZES:
            if name not in rows or r["model_precision"] == "bfloat16":
                rows[name] = r
    out = {}
    for task, floor in TASKS.items():
        pts = [(float(r["metadata_params_billions"]) * 1e9,
                float(r[f"evaluations_{task}_value"]) * 100) for r in rows.values()]
        x = np.log([p[0] for p in pts])
        y = np.array([p[1] for p in pts])
        out["math_lvl5" if task == "math" else task] = fit(x, y, floor)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main(sys.argv[1])
