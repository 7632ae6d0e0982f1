#!/usr/bin/env bash
# The one command of issue 5: Ballast measured side by side with backtesting.py, backtrader and
# vectorbt on the same generated data, in one session, and docs/PERFORMANCE.md rewritten with the
# machine, the versions, the commands, the medians, the ratios and the equivalence check.
#
#   bench/run-all.sh
#
# Workloads (Ballast; release build; wall time and peak RSS from /usr/bin/time around the process):
#   (a) load + validate 1,000,000 one-minute bars            ballast inspect-data
#   (b) one sma_cross(10, 20) over them                      ballast backtest sma1.toml
#   (c) ten sma_cross pairs jointly, dynamic risk on         ballast backtest sma10.toml
#   (d) (c) plus the SQLite journal                          ballast backtest sma10.toml --db PATH
#       (only if this build's `ballast backtest` has --db)
#   (e) 50 strategies over 10 symbols of 200,000 bars each   ballast backtest e50.toml
#       and, for its scaling, (e½) on half the bars and (e/2) with half the strategies (25 on 5 symbols)
# Peers (bench/peers, in bench/peers/.venv made by bench/peers/setup.sh): (b) and (c) for each.
# Every run is a fresh process; every figure a median after one warm-up. Ballast's series run round
# by round (every series once a round, in the order above; max(9, BENCH_RUNS) rounds), so that a
# burst of noise on a shared machine hits them alike and (c) and (d) run side by side; each peer
# series runs its BENCH_RUNS runs one after another (backtrader alone takes minutes a run).
# Then the equivalence check of (b) (bench/peers/equivalence.py); the script exits non-zero if it
# fails, after writing the document.
#
# Takes about 45 minutes on 2 cores, most of it backtrader. Settings for a quick try (the document
# says which were used): BENCH_BARS (1000000), BENCH_E_BARS (200000), BENCH_RUNS (5),
# BENCH_WORK (/tmp/ballast-bench-all: data and raw results), BENCH_DOC (docs/PERFORMANCE.md),
# BALLAST_SCRATCH (.build: swift build's scratch path). BENCH_ONLY=equivalence runs only the
# equivalence check of (b) (a few minutes: backtesting.py and the other peers once each) and writes
# no document: the gate to run after an engine change.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
bars="${BENCH_BARS:-1000000}"
e_bars="${BENCH_E_BARS:-200000}"
runs="${BENCH_RUNS:-5}"
ballast_rounds=$((runs > 9 ? runs : 9)) # Ballast's series run round by round: at least 9 rounds
work="${BENCH_WORK:-/tmp/ballast-bench-all}"
doc="${BENCH_DOC:-$root/docs/PERFORMANCE.md}"
scratch="${BALLAST_SCRATCH:-.build}"
started=$(date +%s)
mkdir -p "$work/runs"
rm -f "$work/runs/"* "$work/manifest.tsv" "$work/peers.jsonl" "$work/d-unavailable.txt" "$work/equivalence."* \
    "$work/loadavg-end.txt" "$work/finished.txt"
cat /proc/loadavg >"$work/loadavg-start.txt"
say() { printf '== %s\n' "$*" >&2; }

say "building Ballast (release)"
swift build -c release --scratch-path "$scratch" --product ballast >&2
bin="$root/$scratch/release/ballast"
swift --version 2>&1 | head -n 1 >"$work/swift-version.txt"

say "peer environment"
bench/peers/setup.sh
python="$root/bench/peers/.venv/bin/python"

say "data"
generate() { # file bars seed symbol
    if [ ! -s "$1" ] || [ "$(($(wc -l <"$1") - 1))" -ne "$2" ]; then
        "$bin" generate-bars --bars "$2" --seed "$3" --timeframe 1m --start 2024-01-01T00:00:00Z \
            --symbol "$4" --output "$1" >&2
    fi
}
data="$work/SYN-1m.csv"
generate "$data" "$bars" 42 SYN
e_half=$((e_bars / 2))
for k in 0 1 2 3 4 5 6 7 8 9; do
    generate "$work/E$k-1m.csv" "$e_bars" $((1001 + k)) "E$k"
    generate "$work/E$k-half-1m.csv" "$e_half" $((1001 + k)) "E$k"
done

say "portfolios"
. bench/sma-portfolio.sh
sma_portfolio "$work/sma1.toml" sma1 SYN SYN-1m.csv 10:20
sma_portfolio "$work/sma10.toml" sma10 SYN SYN-1m.csv "${SMA_TEN_PAIRS[@]}"

equivalence_portfolio() { # name base_fraction
    cat >"$work/$1.toml" <<EOF
# Equivalence run of workload (b) (bench/peers/equivalence.py): one sma_cross(10, 20), no fee, no
# slippage, next-open fills, whole units, every limit at its most open value, no stop, no target,
# no dynamic risk.
[portfolio]
name = "$1"
initial_balance = 1_000_000_000    # = common.CASH: whole-unit rounding below 10^-6
data_dir = "."

[risk]
max_position_size = 1
max_daily_risk = "none"            # no daily budget: an all-in strategy enters many times a day
max_correlated_exposure = 1
max_drawdown = 1

[execution]
fill = "next_open"
fee_rate = 0
slippage_rate = 0

[[strategies]]
id = "sma-10-20"
kind = "sma_cross"
symbol = "SYN"
timeframe = "1m"
data = "SYN-1m.csv"
quantity_step = 1                  # whole units, like backtesting.py and backtrader
params = { fast = 10, slow = 20 }

[strategies.risk]
position_sizer = "fixed_fraction"
base_fraction = $2
stop_loss_pct = "none"
take_profit_pct = "none"

[strategies.risk.dynamic_risk]
enabled = false
EOF
}
equivalence_portfolio equivalence 1
equivalence_portfolio equivalence-diagnostic 0.01

e_portfolio() { # name file-suffix symbols: that many symbols (E0, E1, ...) x 5 strategy kinds
    local name="$1" suffix="$2" symbols="$3" k
    {
        printf '[portfolio]\nname = "%s"\ninitial_balance = 10_000_000\ndata_dir = "."\n\n' "$name"
        printf '[risk]\nmax_daily_risk = 0.5\n'
        for ((k = 0; k < symbols; k++)); do
            strategy() { # id kind params
                printf '\n[[strategies]]\nid = "%s-E%s"\nkind = "%s"\nsymbol = "E%s"\ntimeframe = "1m"\n' "$1" "$k" "$2" "$k"
                printf 'data = "E%s%s-1m.csv"\nparams = %s\n' "$k" "$suffix" "$3"
                printf '[strategies.risk]\nbase_fraction = 0.5\nstop_loss_pct = 0.01\n'
            }
            strategy sma sma_cross '{ fast = 10, slow = 30 }'
            strategy ema ema_cross '{ fast = 12, slow = 26 }'
            strategy rsi rsi_reversion '{ period = 14, lower = 30, upper = 70 }'
            strategy donchian donchian_breakout '{ entry = 20, exit = 10 }'
            strategy momentum momentum '{ lookback = 20, threshold = 0.005 }'
        done
    } >"$work/$name.toml"
}
e_portfolio e50 "" 10
e_portfolio e50-half "-half" 10
e_portfolio e25 "" 5

# measure ID WORKLOAD ENGINE LABEL BARS STRATEGIES UNITS -- COMMAND...: one warm-up run, then $runs
# runs, each under /usr/bin/time; keeps each run's stdout and "wall-seconds peak-KB" for report.py.
# UNITS is bars × strategies (each strategy's own bars), the numerator of the throughput.
measure() {
    local id="$1" workload="$2" engine="$3" label="$4" n_bars="$5" strategies="$6" units="$7" i
    shift 8
    say "$label, $engine: 1 + $runs runs"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$workload" "$engine" "$label" "$n_bars" "$strategies" "$units" "$*" \
        >>"$work/manifest.tsv"
    for ((i = 0; i <= runs; i++)); do
        if ! /usr/bin/time -o "$work/runs/$id.$i.time" -f "%e %M" "$@" >"$work/runs/$id.$i.out" 2>"$work/runs/$id.$i.err"; then
            echo "run-all: $label ($engine) failed:" >&2
            cat "$work/runs/$id.$i.err" >&2
            exit 1
        fi
    done
    rm -f "$work/runs/$id.0.time" "$work/runs/$id.0.out" # the warm-up does not count
}

# plan ID WORKLOAD ENGINE LABEL BARS STRATEGIES UNITS -- COMMAND...: registers a Ballast series
# (as `measure` would describe it) for run_planned.
declare -A planned=() # id -> its command, each word quoted with printf %q
planned_order=()
plan() {
    local id="$1" workload="$2" engine="$3" label="$4" n_bars="$5" strategies="$6" units="$7"
    shift 8
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$workload" "$engine" "$label" "$n_bars" "$strategies" "$units" "$*" \
        >>"$work/manifest.tsv"
    planned[$id]="$(printf '%q ' "$@")"
    planned_order+=("$id")
}

# run_planned ROUNDS: one warm-up round, then ROUNDS rounds; each round runs every planned series
# once, in the order planned. A burst of noise on this shared machine then costs every series a
# round alike instead of all the runs of one series, and series compared by a ratio ((c) and (d))
# run next to each other in every round.
run_planned() {
    local rounds="$1" i id
    say "Ballast: ${#planned_order[@]} series, round by round: 1 + $rounds rounds"
    for ((i = 0; i <= rounds; i++)); do
        for id in "${planned_order[@]}"; do
            if ! eval "/usr/bin/time -o \"\$work/runs/\$id.\$i.time\" -f '%e %M' ${planned[$id]}" \
                >"$work/runs/$id.$i.out" 2>"$work/runs/$id.$i.err"; then
                echo "run-all: $id failed:" >&2
                cat "$work/runs/$id.$i.err" >&2
                exit 1
            fi
        done
    done
    for id in "${planned_order[@]}"; do rm -f "$work/runs/$id.0.time" "$work/runs/$id.0.out"; done
}

if [ "${BENCH_ONLY:-}" = equivalence ]; then
    say "equivalence of (b) only (BENCH_ONLY=equivalence)"
    "$bin" backtest "$work/equivalence.toml" --json --no-db >"$work/equivalence-ours.json"
    "$bin" backtest "$work/equivalence-diagnostic.toml" --json --no-db >"$work/equivalence-diagnostic-ours.json"
    cd "$root/bench/peers"
    exec "$python" equivalence.py --csv "$data" --ours "$work/equivalence-ours.json" \
        --ours-diagnostic "$work/equivalence-diagnostic-ours.json" \
        --markdown "$work/equivalence.md" --json "$work/equivalence.json"
fi

say "Ballast"
# A build whose backtest journals to SQLite by default (--db/--no-db) is measured without the
# journal in (b), (c), (e) and the equivalence runs; (d) is (c) with it.
nodb=()
if "$bin" backtest --help 2>&1 | grep -q -- --no-db; then nodb=(--no-db); fi
plan a-ours a Ballast "(a) load + validate" "$bars" 0 "$bars" -- \
    "$bin" inspect-data "$data" --timeframe 1m --symbol SYN
plan b-ours b Ballast "(b) one sma_cross" "$bars" 1 "$bars" -- \
    "$bin" backtest "$work/sma1.toml" --json ${nodb[@]+"${nodb[@]}"}
plan beq-ours b Ballast "(b) equivalence settings" "$bars" 1 "$bars" -- \
    "$bin" backtest "$work/equivalence.toml" --json ${nodb[@]+"${nodb[@]}"}
plan c-ours c Ballast "(c) ten sma_cross jointly" "$bars" 10 "$((10 * bars))" -- \
    "$bin" backtest "$work/sma10.toml" --json ${nodb[@]+"${nodb[@]}"}
if "$bin" backtest --help 2>&1 | grep -q -- --db; then
    # A fresh journal each run: the wrapper removes the file, then execs ballast (so /usr/bin/time
    # measures ballast itself).
    printf '#!/bin/sh\nrm -f "$1" "$1-wal" "$1-shm"\nexec "%s" backtest "%s" --json --db "$1"\n' \
        "$bin" "$work/sma10.toml" >"$work/with-journal.sh"
    chmod +x "$work/with-journal.sh"
    plan d-ours d Ballast "(d) (c) + SQLite journal" "$bars" 10 "$((10 * bars))" -- \
        "$work/with-journal.sh" "$work/journal.sqlite"
else
    echo "(d) not available in this build" | tee "$work/d-unavailable.txt" >&2
fi
plan e-ours e Ballast "(e) 50 strategies, 10 symbols" "$((10 * e_bars))" 50 "$((50 * e_bars))" -- \
    "$bin" backtest "$work/e50.toml" --json ${nodb[@]+"${nodb[@]}"}
plan ehalf-ours e-half Ballast "(e½) (e) on half the bars" "$((10 * e_half))" 50 "$((50 * e_half))" -- \
    "$bin" backtest "$work/e50-half.toml" --json ${nodb[@]+"${nodb[@]}"}
plan estrat-ours e-strategies Ballast "(e/2) (e) with half the strategies (5 symbols)" "$((5 * e_bars))" 25 \
    "$((25 * e_bars))" -- "$bin" backtest "$work/e25.toml" --json ${nodb[@]+"${nodb[@]}"}
run_planned "$ballast_rounds"

say "peers"
for w in b c; do
    n=$([ "$w" = b ] && echo 1 || echo 10)
    measure "$w-backtesting" "$w" "backtesting.py" "($w)" "$bars" "$n" "$((n * bars))" -- \
        "$python" "$root/bench/peers/peer_run.py" --peer backtesting --workload "$w" --csv "$data"
    for engine in numba rust; do
        measure "$w-vectorbt-$engine" "$w" "vectorbt ($engine)" "($w)" "$bars" "$n" "$((n * bars))" -- \
            "$python" "$root/bench/peers/peer_run.py" --peer vectorbt --engine "$engine" --workload "$w" \
            --csv "$data" --warm
    done
    measure "$w-backtrader" "$w" "backtrader" "($w)" "$bars" "$n" "$((n * bars))" -- \
        "$python" "$root/bench/peers/peer_run.py" --peer backtrader --workload "$w" --csv "$data"
done
cat "$work/runs/"[bc]-backtesting.*.out "$work/runs/"[bc]-backtrader.*.out "$work/runs/"[bc]-vectorbt-*.out \
    >"$work/peers.jsonl"

say "equivalence of (b)"
"$bin" backtest "$work/equivalence.toml" --json ${nodb[@]+"${nodb[@]}"} >"$work/equivalence-ours.json"
"$bin" backtest "$work/equivalence-diagnostic.toml" --json ${nodb[@]+"${nodb[@]}"} \
    >"$work/equivalence-diagnostic-ours.json"
equivalence=0
(cd "$root/bench/peers" && "$python" equivalence.py --csv "$data" --ours "$work/equivalence-ours.json" \
    --ours-diagnostic "$work/equivalence-diagnostic-ours.json" --peer-results "$work/peers.jsonl" \
    --markdown "$work/equivalence.md" --json "$work/equivalence.json") >&2 || equivalence=$?

say "writing $doc"
cat /proc/loadavg >"$work/loadavg-end.txt"
date -u '+%Y-%m-%d %H:%M UTC' >"$work/finished.txt"
"$python" "$root/bench/peers/report.py" --work "$work" --doc "$doc" --runs "$runs" \
    --elapsed $(($(date +%s) - started)) --scratch "$scratch"
if [ "$equivalence" -ne 0 ]; then
    echo "run-all: the equivalence check of (b) FAILED (exit $equivalence); see the equivalence section of $doc" >&2
    exit "$equivalence"
fi
