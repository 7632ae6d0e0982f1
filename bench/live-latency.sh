#!/usr/bin/env bash
# Live decision latency (issues 6 and 12): ten sma_cross strategies on one 1-minute symbol, replayed
# with `ballast live --feed replay --speed max --venue paper`, release build. The latency of a bar
# group is measured inside the process from the feed event's arrival at the coordinator to every
# order decided (the strategy actors stepping their strategies, the kernel on the RiskManager
# actor), before the SQLite commit. For each number of bars held (default 10,000 and 100,000) it
# prints the p50/p99/max of every group of each run and the medians over the runs; the issue-12
# targets are p99 ≤ 0.3 ms and p50 at 100,000 bars within 1.2 × p50 at 10,000 bars, which the
# last line checks on the medians. The runs alternate between the bar counts; each row also gives
# the p50 of the first and of the last tenth of that run's groups (the same process, so the
# steadiest view of whether a group's cost grows with the bars held).
# Usage: bench/live-latency.sh [bar counts, e.g. "10000 100000"] [work-dir]   (RUNS=5, BIN=… to override)
set -euo pipefail
cd "$(dirname "$0")/.."
counts="${1:-10000 100000}"
work="${2:-/tmp/ballast-live-bench}"
runs="${RUNS:-5}"
mkdir -p "$work"
if [ -z "${BIN:-}" ]; then
    swift build -c release --product ballast >/dev/null 2>&1
    BIN="$PWD/.build/release/ballast"
fi
. bench/sma-portfolio.sh
declare -A rows
for bars in $counts; do
    dir="$work/$bars"
    mkdir -p "$dir"
    "$BIN" generate-bars --bars "$bars" --seed 7 --timeframe 1m --start 2024-01-01T00:00:00Z \
        --symbol LIVE --output "$dir/LIVE-1m.csv" >&2
    sma_portfolio "$dir/live10.toml" live-latency LIVE LIVE-1m.csv "${SMA_TEN_PAIRS[@]}"
done
# Alternating: run r of every bar count, then run r+1, so a change of the machine's load during
# the script touches every count alike.
for run in $(seq 1 "$runs"); do
    for bars in $counts; do
        dir="$work/$bars"
        rm -f "$dir"/live.sqlite*
        start=$(date +%s.%N)
        "$BIN" live "$dir/live10.toml" --db "$dir/live.sqlite" --speed max \
            --latency-report "$dir/latency.json" >/dev/null
        end=$(date +%s.%N)
        rows[$bars]+="$(python3 - "$dir/latency.json" "$run" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
wall = float(sys.argv[4]) - float(sys.argv[3])
first, last = r["p50FirstTenthMicroseconds"], r["p50LastTenthMicroseconds"]
print(f"| {sys.argv[2]} | {r['count']} | {r['p50Microseconds']/1000:.3f} | {r['p99Microseconds']/1000:.3f} "
      f"| {r['maxMicroseconds']/1000:.3f} | {first/1000:.3f} | {last/1000:.3f} | {last/first:.2f} | {wall:.1f} |")
PY
)"$'\n'
    done
done
declare -A p50s
for bars in $counts; do
    echo "bars held: $bars"
    echo "| run | groups | p50 (ms) | p99 (ms) | max (ms) | p50 first tenth | p50 last tenth | last / first | replay wall (s) |"
    echo "|---|---|---|---|---|---|---|---|---|"
    printf '%s' "${rows[$bars]}"
    medians=$(printf '%s' "${rows[$bars]}" | python3 -c "
import sys
rows=[l.split('|') for l in sys.stdin if l.strip()]
def med(i): v=sorted(float(r[i]) for r in rows); return v[len(v)//2]
print(f'{med(3):.3f} {med(4):.3f} {med(5):.3f} {med(9):.1f} {med(8):.2f}')")
    read -r p50 p99 mx wall growth <<<"$medians"
    echo "median over $runs runs: p50 $p50 ms, p99 $p99 ms, max $mx ms, replay $wall s;" \
        "within a run, p50 of the last tenth of the groups / the first tenth: $growth"
    echo
    p50s[$bars]=$p50
done
set -- $counts
if [ $# -ge 2 ]; then
    python3 -c "print(f'p50 at $2 bars / p50 at $1 bars = {${p50s[$2]}/${p50s[$1]}:.2f} (target ≤ 1.2)')"
fi
