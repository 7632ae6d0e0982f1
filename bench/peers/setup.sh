#!/usr/bin/env bash
# Creates bench/peers/.venv with the pinned peers (backtesting.py 0.6.6, backtrader 1.9.78.123,
# vectorbt 1.2.0 with its optional Rust engine) and their dependencies from requirements.txt.
# Idempotent: does nothing when the venv already holds exactly requirements.txt.
# Needs python3 (3.10 or later) with the venv module and access to PyPI.
# Usage: bench/peers/setup.sh   (PYTHON=python3.12 bench/peers/setup.sh for another interpreter)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
requirements="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "bench/peers/.venv is up to date" >&2
    exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
# Fails here, not in the middle of a benchmark, if a peer cannot be imported.
"$venv/bin/python" - <<'EOF'
import backtesting, backtrader, vectorbt
from vectorbt._engine import is_rust_available
assert backtesting.__version__ == "0.6.6", backtesting.__version__
assert backtrader.__version__ == "1.9.78.123", backtrader.__version__
assert vectorbt.__version__ == "1.2.0", vectorbt.__version__
assert is_rust_available(), "vectorbt-rust is not usable"
EOF
echo "$wanted" >"$stamp"
echo "bench/peers/.venv ready" >&2
