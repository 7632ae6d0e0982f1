import BallastCore
import BallastReports
import Foundation
import Testing

@Suite("MetricsCalculator: curve metrics (SPEC §14)")
struct MetricsCalculatorTests {
    typealias F = ReportFixtures

    /// Initial 100, one bar a day closing the days at 110, 99, 121.
    static let threeDays = F.dailyCurve(initial: 100, equities: [110, 99, 121])

    static func metrics(
        _ curve: EquityCurve, trades: [TradeOutcome] = [], annualization: Annualization = .tradingDays252
    ) -> PerformanceMetrics {
        MetricsCalculator.compute(curve: curve, trades: trades, annualization: annualization, buyAndHoldReturnPct: nil)
    }

    @Test("3-day curve: total return 21%, final equity 121")
    func totalReturn() {
        let metrics = Self.metrics(Self.threeDays)
        #expect(F.close(metrics.totalReturnPct, 21))
        #expect(metrics.finalEquity == 121)
    }

    // Daily returns r = [1/10, −1/10, 2/9] (121/99 − 1 = 22/99 = 2/9).
    // mean = (1/10 − 1/10 + 2/9) / 3 = 2/27.
    // deviations: 1/10 − 2/27 = 7/270, −1/10 − 2/27 = −47/270, 2/9 − 2/27 = 40/270.
    // sample variance = (49 + 2209 + 1600) / 270² / 2 = 3858 / 145800 = 0.026460905…; std = 0.162668083…
    // sharpe = (2/27) / std × √252 = 7.22876576134…; with √365: 8.69982094046…
    @Test(
        "3-day curve: Sharpe by hand, annualised with √252 or √365",
        arguments: [
            (Annualization.tradingDays252, 7.2287657613418626), (Annualization.calendarDays365, 8.699820940459645),
        ])
    func sharpeByHand(annualization: Annualization, expected: Double) {
        let mean = 2.0 / 27.0
        let std = (3858.0 / 145_800.0).squareRoot()
        let byHand = mean / std * annualization.periodsPerYear.squareRoot()
        let metrics = Self.metrics(Self.threeDays, annualization: annualization)
        #expect(F.close(metrics.sharpe, byHand, tolerance: 1e-12))
        #expect(F.close(metrics.sharpe, expected, tolerance: 1e-12))
        #expect(metrics.annualization == annualization)
    }

    // downside deviation = sqrt((−1/10)² / 3) = sqrt(1/300) = 0.0577350269…
    // sortino = (2/27) / sqrt(1/300) × √252 = 20.3670030886…
    @Test("3-day curve: Sortino by hand (downside deviation over all n returns)")
    func sortinoByHand() {
        let byHand = (2.0 / 27.0) / (1.0 / 300.0).squareRoot() * 252.0.squareRoot()
        let sortino = Self.metrics(Self.threeDays).sortino
        #expect(F.close(sortino, byHand))
        #expect(F.close(sortino, 20.367003088692634))
    }

    @Test("Sortino is nil without a losing day, Sharpe is not")
    func sortinoWithoutLosingDays() {
        let metrics = Self.metrics(F.dailyCurve(initial: 100, equities: [101, 103, 104]))
        #expect(metrics.sortino == nil)
        #expect(metrics.sharpe != nil)
    }

    @Test("a flat curve has zero variance: Sharpe and Sortino are nil")
    func flatCurve() {
        let metrics = Self.metrics(F.dailyCurve(initial: 100, equities: [100, 100, 100, 100]))
        #expect(metrics.sharpe == nil)
        #expect(metrics.sortino == nil)
        #expect(metrics.totalReturnPct == 0)
        #expect(metrics.maxDrawdownPct == 0)
        #expect(metrics.calmar == nil)
    }

    @Test("a single daily return is too few for Sharpe and Sortino")
    func singleDay() {
        let metrics = Self.metrics(F.dailyCurve(initial: 100, equities: [90]))
        #expect(metrics.sharpe == nil)
        #expect(metrics.sortino == nil)
    }

    @Test("Sharpe and Sortino are nil when the daily returns are undefined after ruin")
    func ruinedCurve() {
        let metrics = Self.metrics(F.dailyCurve(initial: 100, equities: [0, 5, 10]))
        #expect(metrics.sharpe == nil && metrics.sortino == nil)
        #expect(metrics.cagrPct != nil)
        #expect(F.close(metrics.maxDrawdownPct, 100))
    }

    @Test("CAGR: doubling over exactly 365.25 days is 100%")
    func cagrDoublingInOneYear() {
        let start = F.time(2023, 1, 1)
        let end = start.adding(seconds: 365 * 86_400 + 21_600)  // 365.25 days
        let metrics = Self.metrics(F.curve(initial: 100, bars: [(start, 100, true), (end, 200, true)]))
        #expect(F.close(metrics.cagrPct, 100))
        #expect(F.close(metrics.totalReturnPct, 100))
    }

    @Test("CAGR: quadrupling over two 365.25-day years is 100% a year")
    func cagrOverTwoYears() {
        let start = F.time(2020, 1, 1)
        let end = start.adding(seconds: 2 * (365 * 86_400 + 21_600))
        let metrics = Self.metrics(F.curve(initial: 50, bars: [(start, 50, false), (end, 200, false)]))
        #expect(F.close(metrics.cagrPct, 100))
    }

    @Test("CAGR is nil for a zero time span or a non-positive final equity")
    func cagrUndefined() {
        let start = F.time(2024, 1, 1)
        #expect(Self.metrics(F.curve(initial: 100, bars: [(start, 120, true)])).cagrPct == nil)
        #expect(Self.metrics(EquityCurveRecorder(initialEquity: 100).curve).cagrPct == nil)
        let ruined = F.curve(initial: 100, bars: [(start, 100, true), (start.adding(seconds: 86_400), 0, true)])
        #expect(Self.metrics(ruined).cagrPct == nil)
    }

    @Test("CAGR that overflows a Double is nil, not infinity")
    func cagrOverflow() {
        let start = F.time(2024, 1, 1)
        let metrics = Self.metrics(
            F.curve(initial: 100, bars: [(start, 100, true), (start.adding(seconds: 1), 1e6, true)]))
        #expect(metrics.cagrPct == nil)
        #expect(metrics.calmar == nil)
    }

    @Test("max drawdown percent and Calmar = CAGR / max drawdown")
    func calmar() throws {
        // [100, 120, 90, 130, 117] once a day: drawdown 25%.
        let curve = F.dailyCurve(initial: 100, equities: [100, 120, 90, 130, 117])
        let metrics = Self.metrics(curve)
        #expect(F.close(metrics.maxDrawdownPct, 25))
        let cagr = try #require(metrics.cagrPct)
        #expect(F.close(metrics.calmar, cagr / 25))
    }

    @Test("exposure is bars in market over all bars; nil with no bars")
    func exposure() {
        let start = F.time(2024, 1, 1)
        let bars = (0..<8).map { index in
            (start.adding(seconds: Int64(index) * 3_600), 100.0, index < 3)
        }
        #expect(F.close(Self.metrics(F.curve(initial: 100, bars: bars)).exposurePct, 37.5))
        #expect(Self.metrics(EquityCurveRecorder(initialEquity: 100).curve).exposurePct == nil)
    }

    @Test("no bars at all: zero return, final equity is the initial equity, undefined ratios")
    func emptyCurve() {
        let metrics = Self.metrics(EquityCurveRecorder(initialEquity: 5_000).curve)
        #expect(metrics.totalReturnPct == 0)
        #expect(metrics.finalEquity == 5_000)
        #expect(metrics.maxDrawdownPct == 0)
        #expect(metrics.sharpe == nil && metrics.sortino == nil && metrics.calmar == nil && metrics.cagrPct == nil)
    }

    @Test("buy and hold is passed through for a strategy and nil for the portfolio")
    func buyAndHold() {
        let strategy = MetricsCalculator.compute(
            curve: Self.threeDays, trades: [], annualization: .calendarDays365, buyAndHoldReturnPct: 12.5)
        #expect(strategy.buyAndHoldReturnPct == 12.5)
        #expect(Self.metrics(Self.threeDays).buyAndHoldReturnPct == nil)
    }

    @Test("the same inputs give identical metrics")
    func deterministic() {
        let trades = [F.trade(pnl: 10, notional: 100), F.trade(pnl: -5, notional: 100)]
        #expect(Self.metrics(Self.threeDays, trades: trades) == Self.metrics(Self.threeDays, trades: trades))
    }
}
