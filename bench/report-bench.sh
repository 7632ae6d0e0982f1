#!/usr/bin/env bash
# Measures `ballast report` on the journal of the 10 × 1,000,000-bar run (workload (d) of
# docs/PERFORMANCE.md), release build: the HTML file's size and the wall time of 7 runs (median),
# each a fresh process (open the database, read the run, build the charts, write the file).
# Usage: bench/report-bench.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/ballast-bench}"
mkdir -p "$work"

swift build -c release --product ballast >/dev/null
bin="$PWD/.build/release/ballast"

data="$work/SYN-1m.csv"
if [ ! -f "$data" ]; then
    "$bin" generate-bars --bars 1000000 --seed 42 --timeframe 1m --start 2024-01-01T00:00:00Z \
        --symbol SYN --output "$data" >&2
fi
. bench/sma-portfolio.sh
sma_portfolio "$work/sma10.toml" sma10 SYN SYN-1m.csv "${SMA_TEN_PAIRS[@]}"
rm -f "$work"/report.sqlite*
"$bin" backtest "$work/sma10.toml" --db "$work/report.sqlite" >/dev/null 2>&1

"$bin" report --db "$work/report.sqlite" --output "$work/report.html" >/dev/null # warm-up
walls=()
for _ in 1 2 3 4 5 6 7; do
    /usr/bin/time -o "$work/time.txt" -f "%e %M" "$bin" report --db "$work/report.sqlite" \
        --output "$work/report.html" >/dev/null
    walls+=("$(tail -n 1 "$work/time.txt")")
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 4p)
rows() { sqlite3 "$work/report.sqlite" "SELECT COUNT(*) FROM $1" 2>/dev/null || echo "?"; }
echo "journal rows: positions $(rows positions), risk_decisions $(rows risk_decisions), trades $(rows trades), account_snapshots $(rows account_snapshots), dynamic_performance_metrics $(rows dynamic_performance_metrics), risk_adjustments $(rows risk_adjustments)"
echo "report: $(stat -c %s "$work/report.html") bytes, $(grep -o '<svg' "$work/report.html" | wc -l) charts"
echo "wall (s) and peak RSS (KB) of 7 runs: ${walls[*]// /:}"
echo "median: $median"
