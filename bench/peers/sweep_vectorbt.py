"""vectorbt 1.2.0's parameter sweep of the 100 SMA pairs of bench/sweep-bench.sh, in one process:
load the CSV, both MA grids, the crossings, one `Portfolio.from_signals` over the 100 columns
(next-open fills, 0.1% fee, long only, 95% of equity per entry), and each column's final value.
Prints `pairs final_value_sum`. Its vectorised home ground: every pair is a column of one array.

    bench/peers/.venv/bin/python bench/peers/sweep_vectorbt.py --csv SYN-1m.csv
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

FAST = list(range(5, 55, 5))      # 5, 10, …, 50
SLOW = list(range(60, 260, 20))   # 60, 80, …, 240


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--engine", default="numba", choices=["numba", "rust"])
    arguments = parser.parse_args()
    import vectorbt as vbt

    vbt.settings["engine"] = arguments.engine
    frame = common.load_csv(arguments.csv).tz_localize(None)
    close = frame["close"]
    fast_windows = [fast for fast in FAST for _ in SLOW]
    slow_windows = [slow for _ in FAST for slow in SLOW]
    fast = vbt.MA.run(close, window=fast_windows, short_name="fast")
    slow = vbt.MA.run(close, window=slow_windows, short_name="slow")
    entries = fast.ma_crossed_above(slow).shift(1, fill_value=False)
    exits = fast.ma_crossed_below(slow).shift(1, fill_value=False)
    portfolio = vbt.Portfolio.from_signals(
        close, entries.values, exits.values, price=frame["open"], init_cash=1_000_000, fees=0.001,
        slippage=0.0005, size=0.95, size_type="percent", direction="longonly", accumulate=False, freq="1min")
    finals = np.asarray(portfolio.final_value())
    print(len(finals), float(finals.sum()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
