#!/usr/bin/env bash
# Sweep speed (docs/PERFORMANCE.md, issue 15): `ballast sweep` of 100 variants of a 2-strategy
# sma_cross portfolio over 1,000,000 one-minute bars, risk on (every limit and dynamic risk at its
# defaults), against vectorbt 1.2.0's parameter sweep of the same 100 SMA pairs
# (bench/peers/sweep_vectorbt.py), side by side in one run, alternating, release build, median of 3;
# then `--jobs 2` against `--jobs 1`. Wall time, CPU time (user + system) and peak RSS from
# /usr/bin/time (process start, CSV load and, for Ballast, the journal of every variant included).
# On a shared machine the wall times move with the load; the per-round ratios (the three runs of a
# round back to back) and the CPU times are the steadier figures, so both are printed.
#
#   bench/sweep-bench.sh [work-dir]        (BIN=path/to/ballast to measure a binary already built)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/ballast-sweep-bench}"
mkdir -p "$work"
if [ -z "${BIN:-}" ]; then
    swift build -c release --product ballast >/dev/null
    BIN="$PWD/.build/release/ballast"
fi
bin="$BIN"
bench/peers/setup.sh
python="$PWD/bench/peers/.venv/bin/python"

data="$work/SYN-1m.csv"
if [ ! -f "$data" ]; then
    "$bin" generate-bars --bars 1000000 --seed 42 --timeframe 1m --start 2024-01-01T00:00:00Z \
        --symbol SYN --output "$data" >&2
fi
cat > "$work/portfolio.toml" <<'TOML'
[portfolio]
name = "sweep-bench"
initial_balance = 1_000_000
data_dir = "."

[[strategies]]
id = "a"
kind = "sma_cross"
symbol = "SYN"
timeframe = "1m"
data = "SYN-1m.csv"
params = { fast = 10, slow = 60 }
[strategies.risk]
base_fraction = 0.95

[[strategies]]
id = "b"
kind = "sma_cross"
symbol = "SYN"
timeframe = "1m"
data = "SYN-1m.csv"
params = { fast = 20, slow = 100 }
[strategies.risk]
base_fraction = 0.95
TOML
cat > "$work/sweep.toml" <<'TOML'
# 100 variants: strategy a's (fast, slow) over the 100 pairs vectorbt sweeps; b held at (20, 100).
portfolio = "portfolio.toml"
objective = "sharpe"
[[axes]]
key = "strategies.a.params.fast"
range = { from = 5, to = 55, step = 5 }
[[axes]]
key = "strategies.a.params.slow"
range = { from = 60, to = 260, step = 20 }
TOML

once() { # label, command... → appends "label wall rss cpu" to $work/times.txt
    local label="$1"; shift
    /usr/bin/time -o "$work/time.txt" -f "%e %M %U %S" "$@" >/dev/null 2>"$work/stderr.txt" \
        || { cat "$work/stderr.txt" >&2; exit 1; }
    echo "$label $(tail -n 1 "$work/time.txt" | awk '{printf "%s %s %.2f", $1, $2, $3 + $4}')" >> "$work/times.txt"
}
ballast_sweep() { # jobs
    rm -f "$work"/sweep.sqlite*
    "$bin" sweep "$work/sweep.toml" --db "$work/sweep.sqlite" --jobs "$1" --json
}
median() { # label field
    grep "^$1 " "$work/times.txt" | awk -v f="$2" '{print $f}' | sort -n | sed -n 2p
}

: > "$work/times.txt"
# Warm-up of each (page cache, numba's cache), then three alternating rounds.
ballast_sweep 2 >/dev/null
"$python" bench/peers/sweep_vectorbt.py --csv "$data" >/dev/null
for _ in 1 2 3; do
    once ballast-jobs2 sh -c "$(declare -f ballast_sweep); bin='$bin' work='$work' ballast_sweep 2"
    once vectorbt "$python" bench/peers/sweep_vectorbt.py --csv "$data"
    once ballast-jobs1 sh -c "$(declare -f ballast_sweep); bin='$bin' work='$work' ballast_sweep 1"
done

echo "| run | median wall | median CPU | median peak RSS | runs (wall s) |"
echo "|---|---|---|---|---|"
for label in ballast-jobs2 ballast-jobs1 vectorbt; do
    runs=$(grep "^$label " "$work/times.txt" | awk '{printf "%s ", $2}')
    printf '| %s | %s s | %s s | %d MB | %s|\n' "$label" "$(median "$label" 2)" "$(median "$label" 4)" \
        "$(( $(median "$label" 3) / 1024 ))" "$runs"
done
awk -v b2="$(median ballast-jobs2 2)" -v b1="$(median ballast-jobs1 2)" -v v="$(median vectorbt 2)" \
    'BEGIN { printf "medians: vectorbt / ballast --jobs 2: %.2f×; ballast --jobs 1 / --jobs 2: %.2f×\n", v / b2, b1 / b2 }'
# Round by round (each round's three runs back to back, so under the same load).
for round in 1 2 3; do
    b2=$(grep "^ballast-jobs2 " "$work/times.txt" | sed -n "${round}p" | awk '{print $2}')
    v=$(grep "^vectorbt " "$work/times.txt" | sed -n "${round}p" | awk '{print $2}')
    b1=$(grep "^ballast-jobs1 " "$work/times.txt" | sed -n "${round}p" | awk '{print $2}')
    awk -v r="$round" -v b2="$b2" -v b1="$b1" -v v="$v" \
        'BEGIN { printf "round %d: vectorbt / --jobs 2 %.2f×; --jobs 1 / --jobs 2 %.2f×\n", r, v / b2, b1 / b2 }'
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
