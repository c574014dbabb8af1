#!/usr/bin/env python3
"""Regenerates sample_data/base_model_dates.csv (issue 20 item 4): release dates (and
parameter counts where given) of open base models of 2019-2025, transcribed from Epoch AI's
public tables in ../shared/reference/epoch/ (see its README), and the 72 models of
sample_data/models.csv. Each row names its source. Run from the crate root:

    python3 tools/base_model_dates.py > sample_data/base_model_dates.csv
"""
import csv
import sys

EPOCH = "../shared/reference/epoch/"
SYSTEMS = "Epoch AI, All ML Systems (epoch-research/open-model-trends a72b3e9, 2024-11-05)"
VERSIONS = "Epoch AI, Benchmarking Hub model versions (epoch-research/benchmark-stitching f87d3cc, 2025-12-03)"


def in_range(date):
    return "2019-01-01" <= date[:10] <= "2025-12-31"


def count(text):
    try:
        v = float(text.replace(",", ""))
    except ValueError:
        return ""
    return "%d" % v if v > 0 else ""


def rows():
    with open("sample_data/models.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            b = float(r["params_b"]) if r["params_b"] else 0
            n = "%d" % round(b * 1e9) if b else ""
            yield r["model"], r["release_date"], n, "sample_data/models.csv (its sources)"
    with open(EPOCH + "open-model-trends_all_ml_systems.csv", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if "Language" not in r["Domain"] or not r["Publication date"]:
                continue
            if not r["Model accessibility"].startswith("Open weights"):
                continue
            if not in_range(r["Publication date"]):
                continue
            yield " ".join(r["System"].split()), r["Publication date"][:10], count(r["Parameters"]), SYSTEMS
    with open(EPOCH + "benchmark-stitching_model_versions.csv", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            d = r["Version release date"]
            if not d or not r["Hugging Face developer id"].strip() or not in_range(d):
                continue
            yield r["id"].strip(), d[:10], "", VERSIONS


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["model", "release_date", "n_params", "source"])
    seen = set()
    for name, date, n, source in rows():
        key = name.lower()
        if not name or key in seen:
            continue
        seen.add(key)
        out.writerow([name, date, n, source])


if __name__ == "__main__":
    main()
