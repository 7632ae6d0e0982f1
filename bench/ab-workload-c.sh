#!/usr/bin/env bash
# Workload (c) of docs/PERFORMANCE.md (10 × sma_cross jointly, 1,000,000 one-minute bars, risk on,
# --no-db) with two release binaries, alternating A and B round by round so that the noise of a
# shared machine hits both alike. Prints every round's wall and CPU (user + system) times, their
# medians and the medians of the per-round ratios new/old, and checks that both print the same JSON.
# CPU time is the steadier figure on a loaded machine (it does not count waiting for a core).
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
run() { # binary -> "wall cpu" in seconds
    /usr/bin/time -o "$work/ab-time.txt" -f "%e %U %S" "$1" backtest "$work/sma10.toml" --no-db >/dev/null 2>&1
    tail -n 1 "$work/ab-time.txt" | awk '{printf "%s %.2f", $1, $2 + $3}'
}
echo "| round | old wall (s) | new wall (s) | new/old wall | old CPU (s) | new CPU (s) | new/old CPU |"
echo "|---|---|---|---|---|---|---|"
rows=()
for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then a=$(run "$old"); b=$(run "$new"); else b=$(run "$new"); a=$(run "$old"); fi
    row=$(python3 -c "
a=[float(x) for x in '$a'.split()]; b=[float(x) for x in '$b'.split()]
print(f'| $round | {a[0]:.2f} | {b[0]:.2f} | {b[0]/a[0]:.3f} | {a[1]:.2f} | {b[1]:.2f} | {b[1]/a[1]:.3f} |')")
    echo "$row"
    rows+=("$row")
done
printf '%s\n' "${rows[@]}" | python3 -c "
import sys
rows=[[float(c) for c in l.split('|')[2:8]] for l in sys.stdin if l.strip()]
med=lambda i: sorted(r[i] for r in rows)[len(rows)//2]
print(f'medians over {len(rows)} rounds: wall old {med(0):.2f} s, new {med(1):.2f} s, ratio {med(2):.3f}; CPU old {med(3):.2f} s, new {med(4):.2f} s, ratio {med(5):.3f}')"
