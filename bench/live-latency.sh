#!/usr/bin/env bash
# Live decision latency (issue 6): ten sma_cross strategies on one 1-minute symbol, replayed with
# `ballast live --feed replay --speed max --venue paper`, release build. The latency of a bar group
# is measured inside the process from the feed event's arrival at the coordinator to every order
# decided (signals from the strategy actors, the kernel on the RiskManager actor), before the
# SQLite commit. Prints the p50/p99/max of every group of each run; 5 runs, the median p99 is the figure.
# Usage: bench/live-latency.sh [bars] [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
bars="${1:-10000}"
work="${2:-/tmp/ballast-live-bench}"
mkdir -p "$work"
swift build -c release --product ballast >/dev/null 2>&1
bin="$PWD/.build/release/ballast"
data="$work/LIVE-1m.csv"
"$bin" generate-bars --bars "$bars" --seed 7 --timeframe 1m --start 2024-01-01T00:00:00Z \
    --symbol LIVE --output "$data" >&2
. bench/sma-portfolio.sh
sma_portfolio "$work/live10.toml" live-latency LIVE LIVE-1m.csv "${SMA_TEN_PAIRS[@]}"
echo "| run | groups | p50 (ms) | p99 (ms) | max (ms) |"
echo "|---|---|---|---|---|"
for run in 1 2 3 4 5; do
    rm -f "$work"/live.sqlite*
    "$bin" live "$work/live10.toml" --db "$work/live.sqlite" --speed max --latency-report "$work/latency.json" >/dev/null
    python3 - "$work/latency.json" "$run" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"| {sys.argv[2]} | {r['count']} | {r['p50Microseconds']/1000:.3f} | {r['p99Microseconds']/1000:.3f} | {r['maxMicroseconds']/1000:.3f} |")
PY
done
