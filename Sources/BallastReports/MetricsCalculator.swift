import BallastCore
import Foundation

/// Computes the metrics of SPEC §14 from an equity curve and a list of closed trades. Pure and
/// deterministic: the same inputs give the same values, bit for bit.
///
/// Definitions (`initial`, `final` are the curve's initial and final equity; "undefined" values are
/// `nil`, and so is any value whose arithmetic overflows to a non-finite number):
/// - `total_return_pct = (final / initial − 1) × 100`.
/// - `cagr_pct = ((final / initial)^(1 / years) − 1) × 100`, `years = (last bar time − first bar time)
///   / 365.25 days`; undefined when `years ≤ 0` or `final ≤ 0`.
/// - daily returns: the simple returns of the last equity of each UTC day that has bars, starting
///   from the initial equity: `r[0] = dailyEquity[0] / initial − 1`, `r[i] = dailyEquity[i] /
///   dailyEquity[i − 1] − 1` (see ``EquityCurve/dailyReturns``); undefined after an equity ≤ 0.
/// - `sharpe = mean(r) / sampleStd(r) × √periodsPerYear` (risk-free rate 0, sample standard
///   deviation with n − 1); undefined with fewer than 2 returns or a standard deviation ≤ 1e-12.
/// - `sortino = mean(r) / downsideDeviation × √periodsPerYear`, `downsideDeviation = sqrt(Σ min(r, 0)² / n)`
///   over all n returns; undefined with fewer than 2 returns or a downside deviation ≤ 1e-12
///   (no losing day).
/// - `max_drawdown_pct`: the curve's maximum drawdown at bar resolution × 100, a positive number:
///   `max((peak − equity) / peak)` with the running peak starting at the initial equity.
/// - `calmar = cagr_pct / max_drawdown_pct`; undefined when the drawdown is 0 or `cagr_pct` is undefined.
/// - `win_rate_pct = wins / trades × 100`, a win being `pnl > 0`; undefined with no trades.
/// - `profit_factor = Σ pnl of winning trades / |Σ pnl of losing trades|`; undefined when no trade lost.
/// - `expectancy_pct = mean(returnFraction) × 100`, `returnFraction = pnl / (entryPrice × quantity)`;
///   undefined with no trades.
/// - `sqn = √n × mean(returnFraction) / sampleStd(returnFraction)`; undefined with fewer than 2 trades
///   or a standard deviation ≤ 1e-12.
/// - `exposure_pct = barsInMarket / bars × 100`; undefined with no bars.
/// - `trades`: the number of trades; `final_equity`: the curve's final equity.
/// - `buy_and_hold_return_pct`: passed through (the caller computes it for strategies, nil for the portfolio).
/// - `annualization`: passed through; its `periodsPerYear` (252 or 365) annualises Sharpe and Sortino.
public enum MetricsCalculator {
    /// Seconds in the 365.25-day year that CAGR uses.
    public static let secondsPerYear: Double = 365.25 * 86_400

    /// Computes every metric; see the type's documentation for the definitions.
    ///
    /// - Parameters:
    ///   - curve: the equity curve of the strategy's sleeve or of the portfolio.
    ///   - trades: the closed trades of that curve, in any order (the statistics do not depend on it).
    ///   - annualization: 252 for daily-session data, 365 for 24/7 data
    ///     (see ``Annualization/detect(hasWeekendBars:)``).
    ///   - buyAndHoldReturnPct: the symbol's buy-and-hold return in percent, or nil for the portfolio.
    public static func compute(
        curve: EquityCurve, trades: [TradeOutcome], annualization: Annualization, buyAndHoldReturnPct: Double?
    ) -> PerformanceMetrics {
        let cagr = cagrPct(curve)
        let maxDrawdownPct = curve.maxDrawdown * 100
        let calmar = cagr.flatMap { maxDrawdownPct > 0 ? SampleStatistics.finite($0 / maxDrawdownPct) : nil }
        let returns = curve.dailyReturns
        let fractions = trades.map(\.returnFraction)
        return PerformanceMetrics(
            totalReturnPct: (curve.finalEquity / curve.initialEquity - 1) * 100,
            cagrPct: cagr,
            sharpe: returns.flatMap { sharpe(dailyReturns: $0, annualization: annualization) },
            sortino: returns.flatMap { sortino(dailyReturns: $0, annualization: annualization) },
            calmar: calmar,
            maxDrawdownPct: maxDrawdownPct,
            winRatePct: winRatePct(trades),
            profitFactor: profitFactor(trades),
            expectancyPct: SampleStatistics.mean(fractions).map { $0 * 100 },
            sqn: sqn(returnFractions: fractions),
            exposurePct: curve.bars > 0 ? Double(curve.barsInMarket) / Double(curve.bars) * 100 : nil,
            trades: trades.count,
            finalEquity: curve.finalEquity,
            buyAndHoldReturnPct: SampleStatistics.finite(buyAndHoldReturnPct),
            annualization: annualization)
    }

    /// `((final / initial)^(1 / years) − 1) × 100`; nil when `years ≤ 0`, `final ≤ 0` or on overflow.
    public static func cagrPct(_ curve: EquityCurve) -> Double? {
        guard let first = curve.firstTime, let last = curve.lastTime, curve.finalEquity > 0 else { return nil }
        let years = Double(last.seconds - first.seconds) / secondsPerYear
        guard years > 0 else { return nil }
        return SampleStatistics.finite((pow(curve.finalEquity / curve.initialEquity, 1 / years) - 1) * 100)
    }

    /// `mean(r) / sampleStd(r) × √periodsPerYear`; nil with fewer than 2 returns or a standard deviation ≤ 1e-12.
    public static func sharpe(dailyReturns: [Double], annualization: Annualization) -> Double? {
        guard let mean = SampleStatistics.mean(dailyReturns),
            let deviation = SampleStatistics.sampleStandardDeviation(dailyReturns),
            deviation > SampleStatistics.zeroDeviation
        else { return nil }
        return SampleStatistics.finite(mean / deviation * annualization.periodsPerYear.squareRoot())
    }

    /// `mean(r) / sqrt(Σ min(r, 0)² / n) × √periodsPerYear`; nil with fewer than 2 returns or a
    /// downside deviation ≤ 1e-12.
    public static func sortino(dailyReturns: [Double], annualization: Annualization) -> Double? {
        guard dailyReturns.count >= 2, let mean = SampleStatistics.mean(dailyReturns),
            let deviation = SampleStatistics.downsideDeviation(dailyReturns),
            deviation > SampleStatistics.zeroDeviation
        else { return nil }
        return SampleStatistics.finite(mean / deviation * annualization.periodsPerYear.squareRoot())
    }

    /// `wins / trades × 100` with a win being `pnl > 0`; nil with no trades.
    public static func winRatePct(_ trades: [TradeOutcome]) -> Double? {
        guard !trades.isEmpty else { return nil }
        return Double(trades.count(where: \.isWin)) / Double(trades.count) * 100
    }

    /// Gross profit / gross loss; nil when no trade has `pnl < 0`.
    public static func profitFactor(_ trades: [TradeOutcome]) -> Double? {
        var grossProfit = 0.0
        var grossLoss = 0.0
        for trade in trades {
            if trade.pnl > 0 { grossProfit += trade.pnl } else if trade.pnl < 0 { grossLoss -= trade.pnl }
        }
        guard grossLoss > 0 else { return nil }
        return SampleStatistics.finite(grossProfit / grossLoss)
    }

    /// `√n × mean / sampleStd` of the trades' return fractions; nil with fewer than 2 trades or a
    /// standard deviation ≤ 1e-12.
    public static func sqn(returnFractions: [Double]) -> Double? {
        guard let mean = SampleStatistics.mean(returnFractions),
            let deviation = SampleStatistics.sampleStandardDeviation(returnFractions),
            deviation > SampleStatistics.zeroDeviation
        else { return nil }
        return SampleStatistics.finite(Double(returnFractions.count).squareRoot() * mean / deviation)
    }
}
