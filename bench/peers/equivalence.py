"""Equivalence check of workload (b): is Ballast's one sma_cross(10, 20) the same backtest as the
peers'? Writes a Markdown section and a JSON summary; exits 1 when the hard gate fails.

    python equivalence.py --csv SYN-1m.csv --ours eq.json --ours-diagnostic diag.json \
        [--peer-results peers.jsonl] --markdown out.md --json out.json

Settings on both sides: zero fee and slippage, fills at the next bar's open, all-in sizing in whole
units (Ballast: base_fraction 1, quantity_step 1, every limit at its most open value and
max_daily_risk = "none", no stop, no target, dynamic risk off), starting cash common.CASH, positions still open at the end valued at the
last close.

Hard gate: Ballast's `trades` equals backtesting.py's trade count, and the final equities agree
within 0.5%. backtesting.py is given Ballast's signals bit for bit (peer_run --rule ballast: the
same SMA arithmetic and crossing rule), so the gate compares the engines (fills, sizing, money), not
two ways of rounding a moving average. Informative: backtesting.py with its own lib.crossover,
backtrader and vectorbt with their own crossover indicators, and a diagnostic run at a fraction
small enough that Ballast's daily risk budget cannot bind.

A model of Ballast's engine in a few lines of Python (`model_ballast`) explains the results: it
replays the same signals with Ballast's fill, sizing and daily-budget rules.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import warnings

os.environ.setdefault("TQDM_DISABLE", "1")

import numpy as np  # noqa: E402

import common  # noqa: E402
import peer_run  # noqa: E402

TOLERANCE = 0.005  # final equity, relative
DIAGNOSTIC_FRACTION = 0.01


def model_ballast(frame, up, down, fraction, daily_cap):
    """Ballast's engine for one long-only strategy with zero costs, as docs/BACKTEST.md and
    docs/RISK.md describe it: a signal at bar i's close fills at bar i+1's open; an entry's
    portfolio fraction F is min(fraction, max_position_size = 1, daily_cap - fractions approved
    earlier on the same UTC day) and is denied below min_order_fraction (1e-4); quantity =
    floor(F x equity / open + 1e-9) with quantity_step 1; what is open at the end closes at the last
    close. Returns (trades, final equity, entries denied by the daily budget).
    `daily_cap = inf` is the engine without a daily budget.
    """
    close = frame["close"].to_numpy()
    open_ = frame["open"].to_numpy()
    # A 1m bar's decision counts on the UTC day of its last second: its open time's day.
    days = frame.index.tz_localize(None).values.astype("datetime64[D]").astype(np.int64)
    equity = float(common.CASH)
    position = None  # (quantity, entry price)
    trades = denied = 0
    opened_day, opened = None, 0.0
    for i in np.flatnonzero(up | down):
        if i + 1 >= len(close):
            break  # an order placed at the last bar never fills
        if up[i] and position is None:
            if days[i] != opened_day:
                opened_day, opened = days[i], 0.0
            approved = min(fraction, 1.0, daily_cap - opened)
            if approved < 1e-4:
                denied += 1
                continue
            opened += approved
            quantity = math.floor(approved * equity / open_[i + 1] + 1e-9)
            if quantity > 0:
                position = (quantity, open_[i + 1])
                trades += 1
        elif down[i] and position is not None:
            equity += position[0] * (open_[i + 1] - position[1])
            position = None
    if position is not None:
        equity += position[0] * (close[-1] - position[1])
    return trades, equity, denied


def exact_ties(frame, fast, slow):
    """Bars where SMA(fast) == SMA(slow) exactly, in integer arithmetic on the 4-decimal prices."""
    cents = np.rint(frame["close"].to_numpy() * 1e4).astype(np.int64)
    sums = np.concatenate([[0], np.cumsum(cents)])
    i = np.arange(slow - 1, len(cents))
    return int(np.sum((sums[i + 1] - sums[i + 1 - fast]) * slow == (sums[i + 1] - sums[i + 1 - slow]) * fast))


def read_peer_results(path):
    """The (b) all-in lines of the benchmark runs, one per peer (and engine): they are the
    equivalence runs of backtrader and vectorbt, so they need not run again. Every run of a peer
    must have given the same trades and equity (determinism)."""
    found = {}
    if not path or not os.path.exists(path):
        return found
    with open(path) as lines:
        for line in lines:
            run = json.loads(line)
            if run["workload"] != "b" or run["fraction"] is not None:
                continue
            key = (run["peer"], run.get("engine"), run["rule"])
            outcome = (run["trades"], run["final_equity"])
            if key in found and found[key] != outcome:
                raise SystemExit(f"equivalence: {key} gave different results in different runs: {found[key]} vs {outcome}")
            found[key] = outcome
    return found


def relative(a, b):
    return abs(a - b) / abs(b)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--ours", required=True, help="ballast backtest --json of the equivalence portfolio")
    parser.add_argument("--ours-diagnostic", required=True, help="the same at base_fraction 0.01")
    parser.add_argument("--peer-results", help="JSON lines of the peers' benchmark runs")
    parser.add_argument("--markdown", required=True)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    with open(args.ours) as f:
        ours = json.load(f)["portfolio"]
    with open(args.ours_diagnostic) as f:
        ours_diag = json.load(f)["portfolio"]
    frame = common.load_csv(args.csv)
    close = frame["close"].to_numpy()
    fast, slow = common.PAIR_B

    # Ballast's signals, bit for bit.
    up, down = common.ballast_crosses(common.ballast_sma(close, fast), common.ballast_sma(close, slow))
    unbounded = model_ballast(frame, up, down, 1.0, math.inf)
    budgeted = model_ballast(frame, up, down, 1.0, 1.0)
    diag_model = model_ballast(frame, up, down, DIAGNOSTIC_FRACTION, 1.0)
    days = frame.index.tz_localize(None).values.astype("datetime64[D]").astype(np.int64)
    entry_days = days[common.long_only_entries(up, down)]
    per_day = np.unique(entry_days, return_counts=True)[1]

    # backtesting.py: the gate run and the diagnostic with Ballast's signals, and its own crossover.
    gate = peer_run.run_backtesting(frame, [common.PAIR_B], None, "ballast")
    diag = peer_run.run_backtesting(frame, [common.PAIR_B], DIAGNOSTIC_FRACTION, "ballast")
    native = peer_run.run_backtesting(frame, [common.PAIR_B], None, "native")
    pandas_fast, pandas_slow = common.sma(close, fast), common.sma(close, slow)
    predicted_native = len(common.long_only_entries(*common.btpy_crosses(pandas_fast, pandas_slow)))
    predicted_ours_rule_on_pandas = len(common.long_only_entries(*common.ballast_crosses(pandas_fast, pandas_slow)))
    ties = exact_ties(frame, fast, slow)

    # backtrader and vectorbt, each with its own crossover indicator.
    results = read_peer_results(args.peer_results)
    others = {}
    for peer, engine in (("backtrader", None), ("vectorbt", "numba"), ("vectorbt", "rust")):
        if (peer, engine, "native") in results:
            outcome = results[(peer, engine, "native")]
        elif peer == "backtrader":
            outcome = peer_run.run_backtrader(frame, [common.PAIR_B], None, "native")
        else:
            outcome = peer_run.run_vectorbt(frame, [common.PAIR_B], None, "native", engine)
        others[peer if engine is None else f"{peer}-{engine}"] = outcome

    trades_ok = ours["trades"] == gate[0]
    equity_ok = relative(ours["final_equity"], gate[1]) <= TOLERANCE
    passed = trades_ok and equity_ok
    diag_ok = ours_diag["trades"] == diag[0] and relative(ours_diag["final_equity"], diag[1]) <= TOLERANCE
    budget_explains = (budgeted[0] == ours["trades"] and relative(budgeted[1], ours["final_equity"]) < 1e-9)

    def money(x):
        return f"{x:,.2f}"

    def pct(a, b):
        return f"{(a - b) / b * 100:+.4f}%"

    md = []
    md.append(
        f"Settings on both sides: starting cash {common.CASH:,}, no fee, no slippage, fills at the next bar's "
        "open, no stop, no target, long only, one position at a time. Ballast: `equivalence.toml` — "
        "`base_fraction = 1`, `quantity_step = 1`, `max_position_size`, `max_correlated_exposure` and "
        "`max_drawdown` 1 (their most open values), `max_daily_risk = \"none\"` (no daily budget), dynamic "
        "risk off, so quantity = floor(equity / open). backtesting.py: `buy()` with its default size, 1 − machine epsilon "
        "of the available equity, so int(equity × (1 − ε) // open): the same whole number of units unless "
        "equity / open is within 10⁻⁹ of an integer. Both given exactly the same signal column. "
        "Hard gate: equal trade counts and final equities within 0.5%.")
    md.append("")
    md.append(f"**Hard gate (backtesting.py, Ballast's signals): {'PASSED' if passed else 'FAILED'}.** "
              f"Ballast {ours['trades']:,} trades, final equity {money(ours['final_equity'])}; "
              f"backtesting.py {gate[0]:,} trades, {money(gate[1])} "
              f"(trades {'equal' if trades_ok else 'differ'}, equity {pct(ours['final_equity'], gate[1])}, "
              f"tolerance ±{TOLERANCE:.1%}).")
    md.append("")
    md.append("| run | trades | final equity | vs backtesting.py (gate) |")
    md.append("|---|---|---|---|")
    md.append(f"| Ballast, all-in (`equivalence.toml`) | {ours['trades']:,} | {money(ours['final_equity'])} | {pct(ours['final_equity'], gate[1])} |")
    md.append(f"| backtesting.py, Ballast's signals, all-in (**gate**) | {gate[0]:,} | {money(gate[1])} | — |")
    md.append(f"| model of Ballast's engine without a daily budget | {unbounded[0]:,} | {money(unbounded[1])} | {pct(unbounded[1], gate[1])} |")
    md.append(f"| model of Ballast's engine with `max_daily_risk = 1` | {budgeted[0]:,} | {money(budgeted[1])} | {pct(budgeted[1], gate[1])} |")
    md.append(f"| backtesting.py, own `lib.crossover`, all-in | {native[0]:,} | {money(native[1])} | {pct(native[1], gate[1])} |")
    md.append(f"| backtrader, own `CrossOver`, all-in | {others['backtrader'][0]:,} | {money(others['backtrader'][1])} | {pct(others['backtrader'][1], gate[1])} |")
    for engine in ("numba", "rust"):
        trades, equity = others[f"vectorbt-{engine}"]
        md.append(f"| vectorbt ({engine} engine), own `ma_crossed_above/below`, all-in | {trades:,} | {money(equity)} | {pct(equity, gate[1])} |")
    md.append(f"| Ballast, diagnostic: base_fraction {DIAGNOSTIC_FRACTION} (`equivalence-diagnostic.toml`) | {ours_diag['trades']:,} | {money(ours_diag['final_equity'])} | — |")
    md.append(f"| backtesting.py, Ballast's signals, size={DIAGNOSTIC_FRACTION} | {diag[0]:,} | {money(diag[1])} | Ballast {pct(ours_diag['final_equity'], diag[1])} |")
    md.append("")
    md.append("What the numbers say:")
    md.append("")
    if not passed:
        if budget_explains and diag_ok:
            md.append(
                f"- **Why the gate fails: Ballast's daily risk budget, which cannot be opened far enough.** "
                f"`max_daily_risk` accepts at most 1 (validated to (0, 1]) and counts the fractions approved on "
                f"a UTC day; closing a position does not give them back (docs/RISK.md §3). An all-in entry uses "
                f"the whole day's budget, so every later entry that day is denied (F = 1 − 1 = 0 < "
                f"`min_order_fraction`). The signals enter {len(entry_days):,} times on {len(per_day):,} UTC days "
                f"(up to {per_day.max()} a day), so Ballast trades once a day: "
                f"the model with the budget predicts {budgeted[0]:,} trades and {money(budgeted[1])}, which is "
                f"exactly Ballast's result ({budgeted[2]:,} entries denied). No setting in the file lifts this: "
                f"`daily_risk_measure = \"stop_distance\"` counts an entry without a stop at its whole fraction.")
            md.append(
                f"- **Everything else agrees.** At base_fraction {DIAGNOSTIC_FRACTION} the budget allows "
                f"{int(round(1 / DIAGNOSTIC_FRACTION))} entries a day and never binds (the model denies "
                f"{diag_model[2]} entries there): Ballast and backtesting.py "
                f"then make the same {diag[0]:,} trades and end {pct(ours_diag['final_equity'], diag[1])} apart, "
                f"and the model without a budget reproduces the gate run of backtesting.py "
                f"({pct(unbounded[1], gate[1])}). Signals, next-open fills, whole-unit sizing and the end-of-data "
                f"close are equivalent; only the daily budget differs.")
        else:
            md.append("- The gate failed and the daily-budget model does not explain it "
                      f"(model with budget: {budgeted[0]:,} trades, {money(budgeted[1])}; diagnostic run "
                      f"{'agrees' if diag_ok else 'disagrees too'}). Investigate before trusting the comparison.")
    else:
        md.append(
            f"- **Ballast and backtesting.py make the same {gate[0]:,} trades and agree on the final equity** "
            f"({pct(ours['final_equity'], gate[1])}). The daily budget must be off for that "
            "(`max_daily_risk = \"none\"`): capped at 1, an all-in entry spends a whole UTC day's budget and "
            f"Ballast would trade once a day — the model row with `max_daily_risk = 1` ({budgeted[0]:,} trades) "
            "shows what the cap did.")
    md.append(
        f"- **Crossover tie rule.** SMA({fast}) and SMA({slow}) are exactly equal (in exact decimal arithmetic) "
        f"at {ties} bars. Ballast crosses when `fast[i] > slow[i] && fast[i-1] <= slow[i-1]`, so leaving a "
        f"tie is a cross; backtesting.py's `lib.crossover` needs `a[-2] < b[-2] and a[-1] > b[-1]`, so a "
        f"cross *through* a tie is not one. With pandas' averages, Ballast's rule gives "
        f"{predicted_ours_rule_on_pandas:,} entries and `lib.crossover` {predicted_native:,}; backtesting.py "
        f"with its own crossover made {native[0]:,} trades "
        f"({'as predicted' if native[0] == predicted_native else 'NOT as predicted'}). This is why the gate "
        f"gives backtesting.py Ballast's signals.")
    md.append(
        "- **Summation order.** Which side of a tie a float SMA lands on depends on how it was summed. Ballast "
        "keeps a running sum and re-adds each window from scratch every `period` bars; pandas, backtrader "
        "and vectorbt each sum differently. `common.ballast_sma` reproduces Ballast's arithmetic bit for bit, "
        "so the gate run sees exactly Ballast's signal column.")
    md.append(
        f"- **backtrader and vectorbt** use their own crossover indicators and SMAs (informative only): "
        f"backtrader {others['backtrader'][0]:,}, vectorbt {others['vectorbt-numba'][0]:,} (Numba engine) and "
        f"{others['vectorbt-rust'][0]:,} (Rust engine) trades against the {unbounded[0]:,} of Ballast's "
        "signals. backtrader's `CrossOver` remembers the last non-zero difference and vectorbt's "
        "`crossed_above` remembers having been below, so both count a cross through a tie like Ballast; "
        "the remaining differences come from ties that their own summation rounds to the other side "
        "(vectorbt's two engines sum differently, hence their different counts), each adding, removing "
        "or shifting one trade.")
    md.append(
        "- **End of data.** Ballast closes an open position at the last close (`end_of_data`). "
        "backtesting.py 0.6.6 counts only closed trades in `# Trades`, and `finalize_trades=True` would close "
        "the last trade at the last bar's *open* (it re-runs the broker on the last bar), not its close; "
        "so the runs leave it open, value it at the last close (`Equity Final`) and count it. backtrader "
        "and vectorbt value open positions at the last close too. With zero fees that is the same money.")

    summary = {
        "passed": passed, "trades_ok": trades_ok, "equity_ok": equity_ok, "diagnostic_ok": diag_ok,
        "daily_budget_explains": budget_explains,
        "ours": ours, "ours_diagnostic": ours_diag,
        "backtesting_gate": gate, "backtesting_native": native, "backtesting_diagnostic": diag,
        "others": others,
        "model_unbounded": unbounded, "model_budget": budgeted, "model_diagnostic": diag_model,
        "exact_ties": ties, "entry_days": int(len(per_day)), "max_entries_per_day": int(per_day.max()),
    }
    with open(args.markdown, "w") as f:
        f.write("\n".join(md) + "\n")
    with open(args.json, "w") as f:
        json.dump(summary, f, indent=1, default=float)
    print("\n".join(md))
    if not passed:
        print(f"\nequivalence: FAILED: Ballast {ours['trades']} trades / {ours['final_equity']:.2f} vs "
              f"backtesting.py {gate[0]} trades / {gate[1]:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
