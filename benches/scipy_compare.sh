#!/usr/bin/env bash
# Ours against scipy on Epoch AI's Chinchilla recipe (DESIGN §1; issue 23), on this
# machine, one core each: `densing fit-loss --form chinchilla --grid epoch` (4,500 L-BFGS
# starts, argmin) and benches/scipy_chinchilla.py (the same 4,500 starts by scipy's
# L-BFGS-B with an analytic gradient), in turn, PAIRS times (default 3). Prints both CPU
# times of each pair, their ratio, the median ratio, and checks that both find the same
# optimum (objective to 1e-6 relative).
#
# CPU time, not wall time (the machine may be shared): ours is the whole process (reading
# the points included), scipy's the fit alone (time.process_time around the starts; its
# imports excluded), so the ratio errs against ours.
#
# Usage: benches/scipy_compare.sh [PAIRS]   (POINTS=..., VENV=... to override)
# On a fresh machine it makes its own virtual environment (in the cargo target folder,
# so nothing outside the build is touched) and installs scipy and numpy from PyPI there.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-3}
POINTS=${POINTS:-../shared/reference/epoch_chinchilla_svg_extracted_data.csv}
TARGET=${CARGO_TARGET_DIR:-target}
VENV=${VENV:-$TARGET/scipy-venv}
if [ ! -f "$POINTS" ]; then
    echo "Epoch's points not found at $POINTS (the shared reference folder is not beside this clone)" >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV" || {
        echo "python3 -m venv failed: install Python's venv module (Debian: apt-get install python3-venv)" >&2
        exit 1
    }
fi
"$VENV/bin/python" -c 'import scipy, numpy' 2>/dev/null || "$VENV/bin/python" -m pip install -q scipy numpy
cargo build --release --no-default-features --bin densing >&2
BIN="$TARGET/release/densing"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
    "$("$VENV/bin/python" -c 'import sys, scipy, numpy; print(f"python {sys.version.split()[0]}, scipy {scipy.__version__}, numpy {numpy.__version__}")')"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 RAYON_NUM_THREADS=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
TIMEFORMAT='%3U %3S'
for i in $(seq 1 "$PAIRS"); do
    { time taskset -c 0 "$BIN" fit-loss "$POINTS" --form chinchilla --grid epoch \
        --exclude-top-loss 5 --json > "$TMP/ours$i.json"; } 2> "$TMP/ours$i.time"
    taskset -c 0 "$VENV/bin/python" benches/scipy_chinchilla.py "$POINTS" \
        --exclude-top-loss 5 > "$TMP/scipy$i.json"
done
"$VENV/bin/python" - "$TMP" "$PAIRS" <<'PY'
import json, statistics, sys
tmp, pairs = sys.argv[1], int(sys.argv[2])
ratios = []
for i in range(1, pairs + 1):
    user, sys_ = map(float, open(f"{tmp}/ours{i}.time").read().split()[-2:])
    ours_cpu = user + sys_
    sp = json.load(open(f"{tmp}/scipy{i}.json"))
    # `densing fit-loss --json` prints {"file": ..., "fits": {TASK: {...}}}, one task here.
    ours = next(iter(json.load(open(f"{tmp}/ours{i}.json"))["fits"].values()))
    if ours["n_points"] != sp["points"]:
        print(f"DIFFERENT POINTS: ours {ours['n_points']}, scipy {sp['points']}")
        sys.exit(1)
    rel = abs(ours["objective"] / sp["objective"] - 1.0)
    ratio = sp["cpu_s"] / ours_cpu
    ratios.append(ratio)
    print(f"pair {i}: ours {ours_cpu:.3f} s CPU (objective {ours['objective']:.10e}, "
          f"{ours['n_converged']}/{ours['n_starts']} converged); scipy {sp['cpu_s']:.3f} s CPU "
          f"(objective {sp['objective']:.10e}, {sp['converged']}/{sp['starts']} converged); "
          f"ratio {ratio:.1f}x; objectives differ by {rel:.2e} relative")
    if rel > 1e-6:
        print(f"  DIFFERENT OPTIMA: relative difference {rel:.2e} > 1e-6")
        sys.exit(1)
print(f"median CPU ratio (scipy / ours) of {pairs} pairs: {statistics.median(ratios):.1f}x")
PY
