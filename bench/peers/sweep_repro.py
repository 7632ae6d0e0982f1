"""The sweep reproduction (docs/SWEEPS.md): backtesting.py 0.6.6's optimiser against `ballast sweep`
over the same 60-point grid of sma_cross(fast, slow) on the real GOOGL daily series.

    bench/peers/.venv/bin/python bench/peers/sweep_repro.py --ours OURS.json [--rule native|ballast]

backtesting.py runs `Backtest.optimize(fast=range(5, 30, 5), slow=range(10, 70, 5),
maximize="Equity Final [$]", constraint=lambda p: p.fast < p.slow, return_heatmap=True)` with the
SmaCross of peer_run (long only, all-in `buy()`, close on the down-cross, next-open fills, no
fee). `--rule native` (default) is backtesting.py's own pandas SMA and `lib.crossover`; `--rule
ballast` gives it Ballast's SMA arithmetic and crossing rule bit for bit. Prints the two rankings
side by side and the agreement: the same best, Spearman's rank correlation, the top-5 overlap, and
the largest relative difference of final equity. Exits 1 when the best differs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402


from backtesting import Backtest, Strategy  # noqa: E402
from backtesting.lib import crossover  # noqa: E402


class SmaCross(Strategy):
    """peer_run's SmaCross at module level (the optimiser pickles it for its worker processes)."""
    fast = 10
    slow = 20
    rule = "native"

    def init(self):
        if self.rule == "native":
            self.fast_sma = self.I(common.sma, self.data.Close, self.fast)
            self.slow_sma = self.I(common.sma, self.data.Close, self.slow)
        else:
            close = np.asarray(self.data.Close)
            up, down = common.ballast_crosses(common.ballast_sma(close, self.fast),
                                              common.ballast_sma(close, self.slow))
            self.up = self.I(lambda: up, name="up", plot=False)
            self.down = self.I(lambda: down, name="down", plot=False)

    def next(self):
        if self.rule == "native":
            up = crossover(self.fast_sma, self.slow_sma)
            down = crossover(self.slow_sma, self.fast_sma)
        else:
            up, down = self.up[-1], self.down[-1]
        if up:
            if not self.position:
                self.buy()
        elif down and self.position:
            self.position.close()


def fast_below_slow(params) -> bool:
    return params.fast < params.slow


def optimise(frame: pd.DataFrame, rule: str) -> dict[tuple[int, int], float]:
    data = frame.rename(columns=str.capitalize)
    bt = Backtest(data, SmaCross, cash=common.CASH, commission=0, spread=0, margin=1,
                  trade_on_close=False, exclusive_orders=False, finalize_trades=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, heatmap = bt.optimize(fast=range(5, 30, 5), slow=range(10, 70, 5), rule=[rule],
                                 maximize="Equity Final [$]", constraint=fast_below_slow, return_heatmap=True)
    return {(int(key[0]), int(key[1])): float(value) for key, value in heatmap.items()}


def spearman(a: list[float], b: list[float]) -> float:
    ra = pd.Series(a).rank().to_numpy()
    rb = pd.Series(b).rank().to_numpy()
    return float(np.corrcoef(ra, rb)[0, 1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ours", required=True, help="ballast sweep bench/sweep-repro/sweep.toml --json")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../portfolios/data/GOOGL-1d.csv"))
    parser.add_argument("--rule", choices=["native", "ballast"], default="native")
    arguments = parser.parse_args()
    with open(arguments.ours) as f:
        ours_json = json.load(f)
    ours = {}
    for variant in ours_json["variants"]:
        if variant["status"] != "finished":
            continue
        params = variant["params"]
        key = (params["strategies.smacross.params.fast"], params["strategies.smacross.params.slow"])
        ours[key] = variant["metrics"]["final_equity"]
    theirs = optimise(common.load_csv(arguments.data), arguments.rule)
    keys = sorted(set(ours) & set(theirs))
    ours_rank = sorted(keys, key=lambda k: (-ours[k], k))
    theirs_rank = sorted(keys, key=lambda k: (-theirs[k], k))
    rho = spearman([ours[k] for k in keys], [theirs[k] for k in keys])
    top5 = len(set(ours_rank[:5]) & set(theirs_rank[:5]))
    worst = max(abs(ours[k] / theirs[k] - 1) for k in keys)
    same_ranks = sum(1 for a, b in zip(ours_rank, theirs_rank) if a == b)
    print(f"variants: Ballast {len(ours)} finished, backtesting.py {len(theirs)} evaluated, {len(keys)} in both")
    print(f"{'rank':>4}  {'ballast (fast, slow)':>22} {'final equity':>16}  {'backtesting.py':>16} {'final equity':>16}")
    for index, (a, b) in enumerate(zip(ours_rank, theirs_rank)):
        print(f"{index + 1:>4}  {str(a):>22} {ours[a]:>16,.0f}  {str(b):>16} {theirs[b]:>16,.0f}")
    print(f"best: Ballast {ours_rank[0]}, backtesting.py {theirs_rank[0]} — {'SAME' if ours_rank[0] == theirs_rank[0] else 'DIFFERENT'}")
    print(f"Spearman rank correlation {rho:.6f}; top-5 overlap {top5}/5; identical ranks {same_ranks}/{len(keys)}; "
          f"largest final-equity difference {worst:.2e} (relative)")
    return 0 if ours_rank[0] == theirs_rank[0] else 1


if __name__ == "__main__":
    sys.exit(main())
