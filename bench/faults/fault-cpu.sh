#!/bin/bash
# CPU cost of `ballast live --feed binance` against a misbehaving loopback endpoint (issue 16 item 4).
# usage: bench/faults/fault-cpu.sh BALLAST_BINARY MODE PORT SECONDS [VENUE]
#   MODE: hang (accepts, never answers) | garbage (200 + HTML) | close (closes at once) | none (nobody listens)
# Prints the process's own user+system CPU seconds over SECONDS (after 2 s of start-up), whether it was
# still running, and its exit status after SIGTERM.
BIN=$1; MODE=$2; PORT=$3; SECS=$4; VENUE=${5:-paper}
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd)
D=$(mktemp -d)
SP=""
if [ "$MODE" != "none" ]; then python3 "$HERE/misbehaving_server.py" "$MODE" "$PORT" & SP=$!; sleep 0.5; fi
cd "$ROOT"
BALLAST_BINANCE_API_KEY=k BALLAST_BINANCE_API_SECRET=s \
  "$BIN" live portfolios/demo.toml --feed binance --venue "$VENUE" --binance-base-url "http://127.0.0.1:$PORT" \
  --db "$D/l.sqlite" >"$D/out" 2>"$D/err" &
BP=$!
sleep 2
T0=$(awk '{print $14+$15}' /proc/$BP/stat 2>/dev/null)
sleep "$SECS"
if kill -0 $BP 2>/dev/null; then ALIVE=yes; T1=$(awk '{print $14+$15}' /proc/$BP/stat); else ALIVE=no; T1=${T0:-0}; fi
TCK=$(getconf CLK_TCK)
kill -TERM $BP 2>/dev/null
wait $BP; RC=$?
python3 -c "import sys; t=($T1-${T0:-0})/$TCK; print(f'mode=$MODE venue=$VENUE alive=$ALIVE cpu_s={t:.2f} window_s=$SECS core_pct={100*t/$SECS:.1f} exit_after_sigterm=$RC')"
[ "$ALIVE" = no ] && tail -1 "$D/err"
[ -n "$SP" ] && kill $SP
rm -rf "$D"
