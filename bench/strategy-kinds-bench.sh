#!/usr/bin/env bash
# Measures your-own-strategy kinds (issue 13) over 1,000,000 one-minute bars, release build, end to end
# (process start, CSV load, the strategy, the joint backtest; --no-db):
#   (b)  one built-in sma_cross 10/20                         (the reference of bench/backtest-bench.sh)
#   (s)  the same strategy's signals as a signals file (kind signals, 1,000,000 rows)
#   (p0) a trivial Python process strategy (always "none") through examples/python-strategy's helper
#   (p1) the Python SMA cross of examples/python-strategy (10/20)
# Each figure is the median of 3 runs after one warm-up run. Bars per second = 1,000,000 / wall time.
# CPU is user + system seconds of Ballast and its strategy process together (/usr/bin/time).
# Usage: bench/strategy-kinds-bench.sh [work-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/ballast-bench-kinds}"
mkdir -p "$work"

swift build -c release --product ballast >/dev/null
bin="$PWD/.build/release/ballast"
data="$work/SYN-1m.csv"
if [ ! -f "$data" ]; then
    "$bin" generate-bars --bars 1000000 --seed 42 --timeframe 1m --start 2024-01-01T00:00:00Z \
        --symbol SYN --output "$data" >&2
fi
cp examples/python-strategy/ballast_strategy.py examples/python-strategy/sma_cross.py "$work/"
# The interpreter itself, not a version manager's shim (pyenv's costs about a second a start).
python=$(python3 -c 'import sys; print(sys.executable)')
cat >"$work/trivial.py" <<'PY'
import ballast_strategy as ballast

class Trivial:
    lookback = 0
    def __init__(self, hello):
        pass
    def on_bar(self, bar):
        return ballast.NONE

ballast.run(Trivial)
PY

portfolio() { # file, strategy lines
    printf '[portfolio]\nname = "kinds"\ninitial_balance = 1_000_000\ndata_dir = "."\n\n[risk]\nmax_daily_risk = 0.5\n\n' >"$1"
    printf '[[strategies]]\nid = "s"\nsymbol = "SYN"\ntimeframe = "1m"\ndata = "SYN-1m.csv"\n%s\n' "$2" >>"$1"
    printf '[strategies.risk]\nbase_fraction = 0.5\nstop_loss_pct = 0.01\n' >>"$1"
}
portfolio "$work/builtin.toml" 'kind = "sma_cross"
params = { fast = 10, slow = 20 }'
portfolio "$work/signals.toml" 'kind = "signals"
signals = "signals.csv"'
portfolio "$work/trivial.toml" 'kind = "process"
command = ["'"$python"'", "trivial.py"]
timeout_ms = 60000'
portfolio "$work/python-sma.toml" 'kind = "process"
command = ["'"$python"'", "sma_cross.py"]
timeout_ms = 60000
params = { fast = 10, slow = 20 }'

# The signals file: the built-in's own signals, written by the Python SMA (equal bit for bit).
if [ ! -f "$work/signals.csv" ]; then
    (cd "$work" && python3 - <<'PY'
import sma_cross
strategy = sma_cross.SMACross({"params": {"fast": 10, "slow": 20}})
words = {"none": "", "long": "long", "exit": "exit", "short": "short"}
with open("SYN-1m.csv") as data, open("signals.csv", "w") as out:
    next(data)
    out.write("timestamp,signal\n")
    class Bar: pass
    for line in data:
        fields = line.rstrip("\n").split(",")
        bar = Bar()
        bar.close = float(fields[4])
        out.write("%s,%s\n" % (fields[0], words[strategy.on_bar(bar)]))
PY
    )
fi

measure() { # label, command...
    local label="$1"; shift
    "$@" >/dev/null 2>&1 # warm-up
    local walls=() rss=() cpus=()
    for _ in 1 2 3; do
        local line
        /usr/bin/time -o "$work/time.txt" -f "%e %M %U %S" "$@" >/dev/null 2>&1
        line=$(tail -n 1 "$work/time.txt")
        read -r w m u s <<<"$line"
        walls+=("$w")
        rss+=("$m")
        cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
    done
    local wall mem
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p)
    mem=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n 2p)
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)
    printf '| %s | %s s | %s | %s s | %d MB | %s |\n' "$label" "$wall" \
        "$(awk -v w="$wall" 'BEGIN { printf "%.0f", 1000000 / w }')" "$cpu" "$((mem / 1024))" "$(printf '%s ' "${walls[@]}")"
}

echo "| workload (1,000,000 bars, --no-db) | median wall | bars/s | median CPU | median peak RSS | runs (s) |"
echo "|---|---|---|---|---|---|"
measure "(b) built-in sma_cross 10/20" "$bin" backtest "$work/builtin.toml" --no-db
measure "(s) the same signals as a signals file" "$bin" backtest "$work/signals.toml" --no-db
measure "(p0) trivial Python process (always none)" "$bin" backtest "$work/trivial.toml" --no-db
measure "(p1) Python SMA cross 10/20 process" "$bin" backtest "$work/python-sma.toml" --no-db
"$bin" backtest "$work/builtin.toml" --no-db --json | python3 -c 'import json,sys; print("equal trades (b) = (s) = (p1):", json.load(sys.stdin)["strategies"][0]["trades"], end=" ")'
"$bin" backtest "$work/signals.toml" --no-db --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["strategies"][0]["trades"], end=" ")'
"$bin" backtest "$work/python-sma.toml" --no-db --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["strategies"][0]["trades"])'
