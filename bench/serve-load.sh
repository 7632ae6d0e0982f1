#!/usr/bin/env bash
# Measures `ballast serve` under load while a live run writes (issue 14, docs/PERFORMANCE.md):
# `GET /api/runs/{id}/budgets` from a second process (wrk, 4 connections, 10 s, ≥ 1,000 requests)
# on 127.0.0.1 while `ballast live --feed replay` commits a bar group about every 40 ms into the same
# database. Release build; three rounds, each with a fresh live run; prints each round's request
# count, latency percentiles and the load average (1 min) before and after it, and the median p99.
# The server answers `budgets` from its cache between two commits (docs/SERVE.md, "Speed"), so the
# first request after each commit reads the journal and the others do not.
# Usage: bench/serve-load.sh [work-dir]        (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/ballast-serve-bench}"
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

swift build -c release --product ballast >/dev/null
bin="$PWD/.build/release/ballast"

p99s=()
for round in 1 2 3; do
    rm -f "$work"/live.sqlite*
    "$bin" live portfolios/demo.toml --db "$work/live.sqlite" --speed 2000000 --print-bars >"$work/live.out" 2>&1 &
    live=$!
    # Wait for the first committed bar groups.
    for _ in $(seq 100); do [ "$(wc -l <"$work/live.out")" -ge 20 ] && break; sleep 0.1; done
    "$bin" serve --db "$work/live.sqlite" --bind 127.0.0.1:0 >"$work/serve.out" 2>&1 &
    serve=$!
    for _ in $(seq 100); do grep -q 'http://' "$work/serve.out" && break; sleep 0.1; done
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")
    run=$(sqlite3 "$work/live.sqlite" "SELECT max(id) FROM runs")
    before=$(wc -l <"$work/live.out")
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    wrk -t1 -c4 -d10s --latency "http://127.0.0.1:$port/api/runs/$run/budgets" >"$work/wrk-$round.txt"
    after=$(wc -l <"$work/live.out")
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    kill -TERM "$serve"; wait "$serve" || true
    kill -TERM "$live"; wait "$live" || true
    requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk-$round.txt")
    p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk-$round.txt")
    p90=$(awk '$1 == "90%" { print $2 }' "$work/wrk-$round.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$round.txt")
    echo "round $round: $requests requests, p50 $p50, p90 $p90, p99 $p99; the live run committed $((after - before)) bar groups meanwhile; load average $load_before → $load_after"
    p99s+=("$p99")
done
# wrk prints units (us, ms): convert to milliseconds for the median.
median=$(printf '%s\n' "${p99s[@]}" | awk '/us$/ { sub(/us/, ""); print $1 / 1000; next } /ms$/ { sub(/ms/, ""); print $1; next } { print $1 * 1000 }' | sort -n | sed -n 2p)
echo "median p99 of 3 rounds: ${median} ms"
