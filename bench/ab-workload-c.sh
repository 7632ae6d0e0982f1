#!/usr/bin/env bash
# Workload (c) of docs/PERFORMANCE.md (10 × sma_cross jointly, 1,000,000 one-minute bars, risk on,
# --no-db) with two release binaries, alternating A and B round by round so that the noise of a
# shared machine hits both alike. Prints every round's wall times, the medians and the median of
# the per-round ratios B/A, and checks that both print the same JSON.
# Usage: bench/ab-workload-c.sh OLD-BINARY NEW-BINARY [rounds] [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
old="$1"
new="$2"
rounds="${3:-7}"
work="${4:-/tmp/ballast-bench}"
mkdir -p "$work"
data="$work/SYN-1m.csv"
if [ ! -f "$data" ]; then
    "$new" generate-bars --bars 1000000 --seed 42 --timeframe 1m --start 2024-01-01T00:00:00Z \
        --symbol SYN --output "$data" >&2
fi
. bench/sma-portfolio.sh
sma_portfolio "$work/sma10.toml" sma10 SYN SYN-1m.csv "${SMA_TEN_PAIRS[@]}"
"$old" backtest "$work/sma10.toml" --no-db --json >"$work/ab-old.json"
"$new" backtest "$work/sma10.toml" --no-db --json >"$work/ab-new.json"
if cmp -s "$work/ab-old.json" "$work/ab-new.json"; then echo "JSON: identical"; else echo "JSON: DIFFERENT"; fi
wall() { # binary -> seconds
    /usr/bin/time -o "$work/ab-time.txt" -f "%e" "$1" backtest "$work/sma10.toml" --no-db >/dev/null 2>&1
    tail -n 1 "$work/ab-time.txt"
}
echo "| round | old (s) | new (s) | new/old |"
echo "|---|---|---|---|"
olds=() news=() ratios=()
for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then a=$(wall "$old"); b=$(wall "$new"); else b=$(wall "$new"); a=$(wall "$old"); fi
    r=$(python3 -c "print(f'{$b/$a:.3f}')")
    olds+=("$a") news+=("$b") ratios+=("$r")
    echo "| $round | $a | $b | $r |"
done
median() { printf '%s\n' "$@" | sort -n | python3 -c "import sys; v=[float(x) for x in sys.stdin]; print(sorted(v)[len(v)//2])"; }
echo "medians: old $(median "${olds[@]}") s, new $(median "${news[@]}") s, ratio new/old $(median "${ratios[@]}")"
