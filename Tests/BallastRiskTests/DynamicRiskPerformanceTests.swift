import BallastCore
import BallastRisk
import Testing

/// A hand-scored set of trades.
struct ScoredTrades: Sendable, CustomTestStringConvertible {
    var name: String
    var pnls: [Double]
    var winRate: Double
    var profitFactor: Double
    var score: Double
    var reason: AdjustmentReason

    var testDescription: String { name }
}

@Suite struct DynamicRiskPerformanceTests {
    typealias F = DynamicRiskFixtures

    static let cases: [ScoredTrades] = [
        // 0.6 × 0.2 + 0.4 × min(100 / 800 / 2, 1) = 0.12 + 0.025
        ScoredTrades(
            name: "poor", pnls: [50, 50] + Array(repeating: -100, count: 8), winRate: 0.2, profitFactor: 0.125,
            score: 0.145, reason: .poorPerformance),
        // 0.6 × 0.8 + 0.4 × min(800 / 100 / 2, 1) = 0.48 + 0.4
        ScoredTrades(
            name: "good", pnls: Array(repeating: 100, count: 8) + [-50, -50], winRate: 0.8, profitFactor: 8,
            score: 0.88, reason: .goodPerformance),
        // 0.6 × 0.3 + 0.4 × (60 / 100 / 2) = 0.18 + 0.12: exactly the poor threshold, neutral
        ScoredTrades(
            name: "exactly 0.3", pnls: [20, 20, 20, -10, -10, -10, -10, -20, -20, -20], winRate: 0.3,
            profitFactor: 0.6, score: 0.3, reason: .normal),
        // 0.6 × 0.5 + 0.4 × min(200 / 100 / 2, 1) = 0.3 + 0.4: exactly the good threshold, neutral
        ScoredTrades(
            name: "exactly 0.7", pnls: Array(repeating: 40, count: 5) + Array(repeating: -20, count: 5),
            winRate: 0.5, profitFactor: 2, score: 0.7, reason: .normal),
        ScoredTrades(
            name: "middle", pnls: Array(repeating: 10, count: 5) + Array(repeating: -10, count: 5), winRate: 0.5,
            profitFactor: 1, score: 0.5, reason: .normal),
        // no loss and some profit: profit factor 2.0 for scoring
        ScoredTrades(
            name: "all wins", pnls: Array(repeating: 10, count: 10), winRate: 1, profitFactor: 2, score: 1,
            reason: .goodPerformance),
        // neither profit nor loss: profit factor 1.0; 0.6 × 0 + 0.4 × 0.5
        ScoredTrades(
            name: "all scratch", pnls: Array(repeating: 0, count: 10), winRate: 0, profitFactor: 1, score: 0.2,
            reason: .poorPerformance),
        ScoredTrades(
            name: "all losses", pnls: Array(repeating: -5, count: 12), winRate: 0, profitFactor: 0, score: 0,
            reason: .poorPerformance),
    ]

    @Test(arguments: cases)
    func scoreByHand(_ trades: ScoredTrades) throws {
        let score = try #require(PerformanceScore(pnls: trades.pnls))
        #expect(score.trades == trades.pnls.count)
        #expect(abs(score.winRate - trades.winRate) < 1e-12)
        #expect(abs(score.profitFactor - trades.profitFactor) < 1e-12)
        #expect(abs(score.score - trades.score) < 1e-12)
    }

    @Test(arguments: cases)
    func managerReasonAndFactors(_ trades: ScoredTrades) {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.record(&manager, pnls: trades.pnls, at: F.time(day: 0, hour: 12))
        _ = manager.update(barTime: F.time(day: 1), equity: 10_000, close: 100)
        let adjustments = manager.adjustments
        #expect(adjustments.primaryReason == trades.reason)
        #expect(adjustments.inputs.tradeCount == trades.pnls.count)
        #expect(adjustments.inputs.score.map { abs($0 - trades.score) < 1e-12 } == true)
        switch trades.reason {
        case .poorPerformance:
            #expect(adjustments.positionSizeFactor == 0.6)
            #expect(adjustments.stopLossTightening == 1.2)
            #expect(adjustments.dailyRiskFactor == 0.7)
            #expect(adjustments.activeReasons == [.poorPerformance])
        case .goodPerformance:
            #expect(adjustments.positionSizeFactor == 1.2)
            #expect(adjustments.stopLossTightening == 1.0)
            #expect(adjustments.dailyRiskFactor == 1.0)
            #expect(adjustments.activeReasons == [.goodPerformance])
        default:
            #expect(adjustments.positionSizeFactor == 1.0)
            #expect(adjustments.activeReasons.isEmpty)
        }
    }

    @Test func noTradesNoScore() {
        #expect(PerformanceScore(pnls: []) == nil)
        #expect(ClosedTradeWindow(windowDays: 30).score == nil)
    }

    @Test func fewerThanMinTradesIsNeutral() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.record(&manager, pnls: Array(repeating: -100, count: 9), at: F.time(day: 0))
        _ = manager.update(barTime: F.time(day: 1), equity: 10_000, close: 100)
        #expect(manager.adjustments == RiskAdjustments(inputs: RiskInputs(peak: 10_000, tradeCount: 9)))
        manager.recordClosedTrade(exitTime: F.time(day: 1), pnl: -100)
        #expect(manager.adjustments.primaryReason == .normal, "a trade counts from the next update on")
        _ = manager.update(barTime: F.time(day: 1, hour: 1), equity: 10_000, close: 100)
        #expect(manager.adjustments.primaryReason == .poorPerformance)
        #expect(manager.adjustments.inputs.score == 0)
    }

    /// A trade is in the window while `exitTime > now − window` (30 days by default).
    @Test func tradesFallOutOfTheWindow() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        let exit = F.time(day: 0, hour: 6)
        F.record(&manager, pnls: Array(repeating: -100, count: 10), at: exit)
        let almost = exit.adding(seconds: 30 * Timestamp.secondsPerDay - 1)
        #expect(manager.update(barTime: almost, equity: 10_000, close: 100).map(\.reason) == [.poorPerformance])
        #expect(manager.adjustments.inputs.tradeCount == 10)
        let events = manager.update(
            barTime: exit.adding(seconds: 30 * Timestamp.secondsPerDay), equity: 10_000, close: 100)
        #expect(events.map(\.component) == [.performance])
        #expect(events.first?.reason == .normal)
        #expect(events.first?.previousReason == .poorPerformance)
        #expect(manager.adjustments.inputs.tradeCount == 0)
        #expect(manager.adjustments.inputs.score == nil)
        #expect(manager.adjustments.positionSizeFactor == 1.0)
    }

    @Test func theWindowSlidesTradeByTrade() {
        var window = ClosedTradeWindow(windowDays: 2)
        window.record(exitTime: F.time(day: 0), pnl: -10)
        window.record(exitTime: F.time(day: 1), pnl: 30)
        window.record(exitTime: F.time(day: 2), pnl: -5)
        window.advance(to: F.time(day: 2))
        #expect(window.count == 2)
        #expect(window.wins == 1)
        #expect(window.grossProfit == 30)
        #expect(window.grossLoss == 5)
        window.advance(to: F.time(day: 3))
        #expect(Array(window.windowPnLs) == [-5])
        #expect(window.grossProfit == 0)
        window.advance(to: F.time(day: 4))
        #expect(window.count == 0)
        #expect(window.grossLoss == 0)
    }

    @Test func aTradeRecordedOutOfOrderTakesItsPlace() {
        var window = ClosedTradeWindow(windowDays: 5)
        window.record(exitTime: F.time(day: 3), pnl: 3)
        window.record(exitTime: F.time(day: 1), pnl: 1)
        window.record(exitTime: F.time(day: 2), pnl: 2)
        #expect(Array(window.windowPnLs) == [1, 2, 3])
        window.advance(to: F.time(day: 6))
        #expect(Array(window.windowPnLs) == [2, 3])
    }
}
