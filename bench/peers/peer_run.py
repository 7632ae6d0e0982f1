"""Runs one measurement of one peer backtester in this process and prints one JSON line:
{"peer", "engine", "workload", "load_s", "inproc_wall_s", "trades", "final_equity"}.

    python peer_run.py --peer backtesting --workload b --csv SYN-1m.csv
    python peer_run.py --peer vectorbt --engine rust --workload c --csv SYN-1m.csv

Workloads (the same strategies as Ballast's, on the same file):
  b  one long-only sma_cross(10, 20): enter when the fast SMA crosses above the slow one, exit when
     it crosses below; fills at the next bar's open; all-in sizing (whole units for backtesting.py
     and backtrader, which only trade whole units; vectorbt is told to do the same); no stop; no
     fee, no slippage; open positions valued at the last close. This is also the equivalence run.
  c  the ten sma_cross pairs of common.PAIRS_C, 5% of equity each, same fills, no stops. No peer has
     a shared risk manager: backtesting.py runs the ten one after another on the loaded data;
     backtrader runs them as ten strategies of one Cerebro sharing one broker (one pass over the
     data); vectorbt runs them as ten columns of one Portfolio.from_signals call.

`inproc_wall_s` is the time from just before reading the CSV to the end of the run (imports and
interpreter start excluded); the caller measures the whole process with /usr/bin/time. `--warm`
adds `warm_wall_s`, the same run repeated in the same process (JIT compiled, caches warm).
`--rule`: `ballast` (Ballast's crossing rule, computed once per run as a column; the default for
backtesting.py, which has no crossover indicator of its own) or `native` (the peer's own:
backtesting.py lib.crossover, backtrader bt.ind.CrossOver, vectorbt ma_crossed_above/below).
`--fraction`: size of each entry as a fraction of equity (default: all-in for b, 5% for c).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import warnings

os.environ.setdefault("TQDM_DISABLE", "1")  # backtesting.py's progress bar

import numpy as np  # noqa: E402

import common  # noqa: E402


# --------------------------------------------------------------------------- backtesting.py


def run_backtesting(frame, pairs, fraction, rule):
    from backtesting import Backtest, Strategy
    from backtesting.lib import crossover

    data = frame.rename(columns=str.capitalize)  # Open, High, Low, Close, Volume

    class SmaCross(Strategy):
        fast = 10
        slow = 20
        entry_size = fraction  # None: the default all-in size (1 - machine epsilon of available equity)

        def init(self):
            if rule == "native":
                # Idiomatic backtesting.py: pandas' rolling mean, lib.crossover in next().
                self.fast_sma = self.I(common.sma, self.data.Close, self.fast)
                self.slow_sma = self.I(common.sma, self.data.Close, self.slow)
            else:
                # Ballast's signals bit for bit: its SMA arithmetic and its crossing rule, computed
                # once as two columns (signal i uses bars 0...i only, as if checked in next()).
                close = np.asarray(self.data.Close)
                up, down = common.ballast_crosses(common.ballast_sma(close, self.fast),
                                                  common.ballast_sma(close, self.slow))
                self.up = self.I(lambda: up, name="up", plot=False)
                self.down = self.I(lambda: down, name="down", plot=False)

        def next(self):
            if rule == "native":
                up = crossover(self.fast_sma, self.slow_sma)
                down = crossover(self.slow_sma, self.fast_sma)
            else:
                up, down = self.up[-1], self.down[-1]
            if up:
                if not self.position:  # long only, no pyramiding
                    self.buy() if self.entry_size is None else self.buy(size=self.entry_size)
            elif down and self.position:
                self.position.close()

    trades = 0
    final = 0.0
    for fast, slow in pairs:  # (c): one Backtest after another on the same loaded data
        bt = Backtest(
            data, SmaCross, cash=common.CASH, commission=0, spread=0, margin=1,
            trade_on_close=False,   # market orders fill at the next bar's open, like Ballast's next_open
            exclusive_orders=False,  # we only enter when flat, so it would change nothing
            # Ballast closes what is still open at the last close (end_of_data). backtesting.py
            # 0.6.6's finalize_trades=True would close it at the last bar's *open* instead (it
            # re-runs the broker on the last bar), so leave it open: the final equity then marks
            # it at the last close, which with zero fees is the same money as Ballast's close,
            # and we count it ourselves ("# Trades" counts closed trades only).
            finalize_trades=False,
        )
        stats = bt.run(fast=fast, slow=slow)
        trades += int(stats["# Trades"]) + len(stats._strategy.trades)
        final = float(stats["Equity Final [$]"])
    return trades, final


# --------------------------------------------------------------------------- backtrader


def run_backtrader(frame, pairs, fraction, rule):
    import backtrader as bt

    if rule != "native":
        raise SystemExit("backtrader runs only with --rule native (bt.ind.CrossOver)")

    class SmaCross(bt.Strategy):
        params = dict(fast=10, slow=20, fraction=None)

        def __init__(self):
            # CrossOver remembers the last non-zero difference: (below, equal, above) is a cross,
            # like Ballast's rule, and (above, equal, above) is not; long only this differs from
            # Ballast only before the first entry.
            self.cross = bt.ind.CrossOver(bt.ind.SMA(self.data.close, period=self.p.fast),
                                          bt.ind.SMA(self.data.close, period=self.p.slow))
            self.entries = 0

        def notify_order(self, order):
            if order.status == order.Completed and order.isbuy():
                self.entries += 1

        def next(self):
            if self.cross[0] > 0 and not self.position:
                if self.p.fraction is None:
                    self.buy()  # the AllInSizerInt decides the size
                else:
                    value = self.broker.getvalue()
                    self.buy(size=int(value * self.p.fraction / self.data.close[0]))
            elif self.cross[0] < 0 and self.position:
                self.close()

    cerebro = bt.Cerebro(stdstats=False)  # no observers: they only record for plots
    # backtrader wants naive datetimes; the stamps are UTC.
    cerebro.adddata(bt.feeds.PandasData(dataname=frame.tz_localize(None), timeframe=bt.TimeFrame.Minutes))
    cerebro.broker.setcash(common.CASH)
    cerebro.broker.setcommission(commission=0)
    # Market orders fill at the next bar's open (cheat-on-close off, the default). The all-in sizer
    # sizes on the decision bar's close: in generate-bars data every open equals the previous close,
    # so this is int(cash / fill price), as in backtesting.py and Ballast with quantity_step = 1.
    cerebro.addsizer(bt.sizers.AllInSizerInt, percents=100)
    for fast, slow in pairs:  # (c): ten strategies in one Cerebro, one broker
        cerebro.addstrategy(SmaCross, fast=fast, slow=slow, fraction=fraction)
    # runonce + preload: indicators computed in vectorised batches over the preloaded data.
    results = cerebro.run(runonce=True, preload=True, stdstats=False)
    # Open positions are not closed: getvalue() marks them at the last close, which with zero fees
    # equals Ballast's end_of_data close; the open trade was counted at its entry.
    return sum(s.entries for s in results), float(cerebro.broker.getvalue())


# --------------------------------------------------------------------------- vectorbt


def run_vectorbt(frame, pairs, fraction, rule, engine):
    import vectorbt as vbt

    vbt.settings["engine"] = engine
    # A tz-naive index (the stamps are UTC): vectorbt's shape checks turn a tz-aware index into an
    # array of Timestamp objects, 1.8 s per check at 10^6 bars.
    frame = frame.tz_localize(None)
    close = frame["close"]
    fast = vbt.MA.run(close, window=[p[0] for p in pairs], short_name="fast")
    slow = vbt.MA.run(close, window=[p[1] for p in pairs], short_name="slow")
    if rule != "native":
        raise SystemExit("vectorbt runs only with --rule native (ma_crossed_above/below)")
    # crossed_above: above now and below at some bar since the last bar above, so like Ballast's
    # rule it counts a cross through an exact tie.
    entries = fast.ma_crossed_above(slow)
    exits = fast.ma_crossed_below(slow)
    # Next-open fills: a signal at bar i's close executes at bar i+1's open.
    entries = entries.shift(1, fill_value=False)
    exits = exits.shift(1, fill_value=False)
    sizing = (dict(size=np.inf) if fraction is None  # all-in
              else dict(size=fraction, size_type="percent"))
    portfolio = vbt.Portfolio.from_signals(
        close, entries, exits, price=frame["open"], init_cash=common.CASH, fees=0, slippage=0,
        size_granularity=1,  # whole units, like the other two
        direction="longonly", accumulate=False, freq="1min", **sizing)
    # trades.count() includes a position still open at the end; final_value() marks it at the
    # last close: with zero fees the same as Ballast's end_of_data close.
    trades = int(np.sum(portfolio.trades.count()))
    final = float(np.sum(portfolio.final_value()))
    return trades, final


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", required=True, choices=["backtesting", "backtrader", "vectorbt"])
    parser.add_argument("--engine", default="numba", choices=["numba", "rust"], help="vectorbt only")
    parser.add_argument("--workload", required=True, choices=["b", "c"])
    parser.add_argument("--csv", required=True)
    parser.add_argument("--rule", choices=["ballast", "native"], default=None,
                        help="crossing rule (default: ballast for backtesting.py, native otherwise)")
    parser.add_argument("--fraction", type=float, default=None)
    parser.add_argument("--warm", action="store_true", help="also time a second run in the same process")
    args = parser.parse_args(argv)
    rule = args.rule or ("ballast" if args.peer == "backtesting" else "native")
    pairs = [common.PAIR_B] if args.workload == "b" else common.PAIRS_C
    fraction = args.fraction if args.fraction is not None else (None if args.workload == "b" else common.FRACTION_C)
    warnings.simplefilter("ignore")
    importlib.import_module(args.peer)  # imports are not timed (interpreter start neither)

    def once():
        start = time.perf_counter()
        frame = common.load_csv(args.csv)
        loaded = time.perf_counter()
        if args.peer == "backtesting":
            trades, final = run_backtesting(frame, pairs, fraction, rule)
        elif args.peer == "backtrader":
            trades, final = run_backtrader(frame, pairs, fraction, rule)
        else:
            trades, final = run_vectorbt(frame, pairs, fraction, rule, args.engine)
        return len(frame), loaded - start, time.perf_counter() - start, trades, final

    bars, load, wall, trades, final = once()
    result = {
        "peer": args.peer, "engine": args.engine if args.peer == "vectorbt" else None,
        "workload": args.workload, "rule": rule, "fraction": fraction, "bars": bars,
        "load_s": round(load, 4), "inproc_wall_s": round(wall, 4), "trades": trades, "final_equity": final,
    }
    if args.warm:
        # The same run again in this process: what a notebook user sees once Numba's JIT (vectorbt)
        # and the imports' lazy set-up are paid for.
        result["warm_wall_s"] = round(once()[2], 4)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
