"""What every peer runner shares: the CSV loader, the workloads' strategy pairs, the settings of
the equivalence run, and Ballast's crossover rule.

Nothing here is part of the Swift package; these scripts run in bench/peers/.venv (setup.sh).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Workload (b): one sma_cross(10, 20). Workload (c): the ten pairs of bench/backtest-bench.sh.
PAIR_B = (10, 20)
PAIRS_C = [(5, 20), (10, 30), (10, 50), (20, 60), (20, 100), (30, 120), (50, 200), (15, 45), (25, 75), (40, 160)]

# Starting cash of every run. Large, so that whole-unit sizing (backtesting.py and backtrader only
# buy whole units) rounds away at most one unit of ~10^7: a relative error below 10^-6.
CASH = 1_000_000_000

# In (c) each of the ten strategies buys 5% of equity (Ballast's sma10 portfolio: a 1/10 sleeve,
# base_fraction 0.5). Sizing does not change the work a backtester does per bar.
FRACTION_C = 0.05


def load_csv(path: str) -> pd.DataFrame:
    """Reads a Ballast CSV (timestamp,open,high,low,close,volume; ISO-8601 UTC) into a frame indexed
    by a UTC DatetimeIndex with float columns open, high, low, close, volume.

    `format="ISO8601"` is pandas' fast path for these stamps (0.2 s for 10^6 rows instead of 1.6 s
    with an explicit strftime format, or 4 s with `parse_dates=True`).
    """
    frame = pd.read_csv(path)
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.pop("timestamp"), format="ISO8601", utc=True))
    return frame.astype("float64")


def sma(close: np.ndarray, period: int) -> np.ndarray:
    """Simple moving average, NaN for the first period - 1 bars (pandas' rolling mean)."""
    return pd.Series(close).rolling(period).mean().to_numpy()


def ballast_sma(values: np.ndarray, period: int) -> np.ndarray:
    """Ballast's SMA bit for bit (Indicators.sma in Sources/BallastCore/Indicators.swift), vectorised.

    Ballast keeps a running sum, `sum += v[i] - v[i - period]`, and re-adds the window from scratch
    at every index that is a multiple of `period` to stop drift. Two ways of summing the same
    numbers can differ in the last bit, and that decides the side of an exact tie between two
    averages: with 4-decimal prices, SMA(10) and SMA(20) of this data are exactly equal at 21 bars.
    Only the same arithmetic gives the same signals. np.cumsum adds left to right, like the loop.
    """
    values = np.asarray(values, dtype=np.float64)
    n = len(values)
    out = np.full(n, np.nan)
    if n < period:
        return out
    out[period - 1] = np.cumsum(values[:period])[-1] / period
    if n > period:
        rows = (n - 1) // period  # blocks k = 1 ... rows; block k covers indices k*p ... k*p + p - 1
        # Block k starts with the window v[k*p - p + 1 ... k*p], summed left to right from 0.
        windows = np.zeros((rows, period))
        shifted = values[1:]
        flat = shifted[: rows * period]
        windows.reshape(-1)[: len(flat)] = flat
        matrix = np.zeros((rows, period))
        matrix[:, 0] = np.cumsum(windows, axis=1)[:, -1]
        # ... then adds v[i] - v[i - p] for the rest of the block.
        index = np.arange(period, (rows + 1) * period).reshape(rows, period)
        valid = index < n
        safe = np.where(valid, index, 0)
        steps = values[safe] - values[np.maximum(safe - period, 0)]
        matrix[:, 1:] = np.where(valid[:, 1:], steps[:, 1:], 0.0)
        sums = np.cumsum(matrix, axis=1)
        out[period:] = (sums.reshape(-1) / period)[: n - period]
    return out


def ballast_crosses(fast: np.ndarray, slow: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ballast's crossing rule (Sources/BallastStrategies/Crossover.swift), per bar i:
    up   = fast[i] > slow[i] and fast[i-1] <= slow[i-1]
    down = fast[i] < slow[i] and fast[i-1] >= slow[i-1]
    Equality is neither above nor below, so leaving a touch is a cross. Comparisons with NaN are
    false, so nothing crosses during the warm-up. backtesting.py's lib.crossover instead needs
    strictly below at i-1 (a[-2] < b[-2]): a cross *through* an exact tie is not one for it.
    """
    up = np.zeros(len(fast), dtype=bool)
    down = np.zeros(len(fast), dtype=bool)
    with np.errstate(invalid="ignore"):
        up[1:] = (fast[1:] > slow[1:]) & (fast[:-1] <= slow[:-1])
        down[1:] = (fast[1:] < slow[1:]) & (fast[:-1] >= slow[:-1])
    return up, down


def btpy_crosses(fast: np.ndarray, slow: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """backtesting.py 0.6.6 lib.crossover(a, b) = a[-2] < b[-2] and a[-1] > b[-1], per bar."""
    up = np.zeros(len(fast), dtype=bool)
    down = np.zeros(len(fast), dtype=bool)
    with np.errstate(invalid="ignore"):
        up[1:] = (fast[:-1] < slow[:-1]) & (fast[1:] > slow[1:])
        down[1:] = (slow[:-1] < fast[:-1]) & (slow[1:] > fast[1:])
    return up, down


def long_only_entries(up: np.ndarray, down: np.ndarray) -> np.ndarray:
    """Bar indices where a long-only strategy enters: an up-cross while flat (an up-cross while
    long is ignored, no pyramiding), a down-cross while long closes. Loops over signal bars only."""
    entries = []
    holding = False
    for i in np.flatnonzero(up | down):
        if up[i] and not holding:
            holding = True
            entries.append(i)
        elif down[i] and holding:
            holding = False
    return np.asarray(entries, dtype=np.int64)
