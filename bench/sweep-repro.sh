#!/usr/bin/env bash
# The sweep reproduction (docs/SWEEPS.md): `ballast sweep` of sma_cross fast ∈ {5..25} × slow ∈
# {10..65} on the real GOOGL daily series against backtesting.py 0.6.6's optimiser over the same
# grid with the same settings (bench/peers/sweep_repro.py). Needs bench/peers/.venv (setup.sh).
#
#   bench/sweep-repro.sh            # BALLAST=path/to/ballast (default: the release build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
BALLAST="${BALLAST:-$root/.build/release/ballast}"
[ -x "$BALLAST" ] || BALLAST="$root/.build/debug/ballast"
"$root/bench/peers/setup.sh"
work="$(mktemp -d /tmp/ballast-sweep-repro.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$BALLAST" sweep "$root/bench/sweep-repro/sweep.toml" --db "$work/sweep.sqlite" --json > "$work/ours.json"
for rule in native ballast; do
    echo "== backtesting.py with --rule $rule"
    "$root/bench/peers/.venv/bin/python" "$root/bench/peers/sweep_repro.py" --ours "$work/ours.json" --rule "$rule"
done
