#!/usr/bin/env bash
# Integration test of the Ray path on one machine (docs/CLUSTER.md): a venv with `ray` from PyPI
# (deploy/test/.venv-ray, made once), a local Ray started by the driver, the shards of a planned
# sweep as Ray tasks (deploy/ray/sweep_driver.py), the merge, and a comparison with one local
# `ballast sweep` of the same file.
#
#   deploy/test/ray-local.sh              # BALLAST=path/to/ballast to choose the binary
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
BALLAST="${BALLAST:-$root/.build/debug/ballast}"
SHARDS="${SHARDS:-3}"
venv="$root/deploy/test/.venv-ray"
work="$(mktemp -d /tmp/ballast-ray.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import ray' 2>/dev/null; then
    echo "installing ray into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'ray==2.60.0'
fi

fixture="$root/deploy/test/fixture"
"$BALLAST" sweep "$fixture/sweep.toml" --db "$work/local.sqlite" --json > "$work/local.json"
"$BALLAST" sweep plan "$fixture/sweep.toml" --shards "$SHARDS" --out "$work/plan"
RAY_USAGE_STATS_ENABLED=0 "$venv/bin/python" "$root/deploy/ray/sweep_driver.py" "$work/plan" \
    --shards "$SHARDS" --db "$work/merged.sqlite" --ballast "$BALLAST" --json > "$work/merged.json"
if cmp -s "$work/local.json" "$work/merged.json"; then
    echo "ray-local: OK — $SHARDS Ray tasks merged equal one local sweep ($(wc -c < "$work/local.json") bytes of JSON)"
else
    echo "ray-local: FAILED — the merged sweep differs from the local one" >&2
    exit 1
fi
