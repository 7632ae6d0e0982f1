#!/usr/bin/env bash
# Measures the joint-backtest targets of docs/PERFORMANCE.md on this machine, release build:
#   (a) load + validate 1,000,000 one-minute bars      (ballast inspect-data)
#   (b) one sma_cross strategy over them               (ballast backtest sma1.toml)
#   (c) ten sma_cross pairs jointly, dynamic risk on   (ballast backtest sma10.toml --no-db)
#   (d) (c) with the SQLite journal                    (ballast backtest sma10.toml --db …)
# Each figure is the median of 5 runs after one warm-up run; wall time and peak RSS come from
# /usr/bin/time and include process start and CSV load. The data is generated (seeded random walk),
# never committed. Usage: bench/backtest-bench.sh [work-dir]
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
sma_portfolio "$work/sma1.toml" sma1 SYN SYN-1m.csv 10:20
sma_portfolio "$work/sma10.toml" sma10 SYN SYN-1m.csv "${SMA_TEN_PAIRS[@]}"

measure() { # label, command...
    local label="$1"; shift
    "$@" >/dev/null 2>&1 # warm-up
    local walls=() rss=()
    for _ in 1 2 3 4 5; do
        local line
        /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>&1
        line=$(tail -n 1 "$work/time.txt")
        walls+=("${line%% *}")
        rss+=("${line##* }")
    done
    local wall mem
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p)
    mem=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 3p)
    printf '| %s | %s s | %d MB | %s |\n' "$label" "$wall" "$((mem / 1024))" "$(printf '%s ' "${walls[@]}")"
}

echo "| workload | median wall | median peak RSS | runs (s) |"
echo "|---|---|---|---|"
measure "(a) load 1,000,000 bars" "$bin" inspect-data "$data" --timeframe 1m --symbol SYN
measure "(b) 1 × sma_cross, 1,000,000 bars" "$bin" backtest "$work/sma1.toml" --no-db
measure "(c) 10 × sma_cross jointly, 1,000,000 bars" "$bin" backtest "$work/sma10.toml" --no-db
measure "(d) (c) + SQLite journal (a fresh file per run)" sh -c "rm -f \"$work\"/d.sqlite*; exec \"$bin\" backtest \"$work/sma10.toml\" --db \"$work/d.sqlite\""
