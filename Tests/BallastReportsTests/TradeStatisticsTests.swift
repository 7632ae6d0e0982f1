import BallastCore
import BallastReports
import Foundation
import Testing

@Suite("MetricsCalculator: trade statistics and TradeOutcome (SPEC §14)")
struct TradeStatisticsTests {
    typealias F = ReportFixtures

    static let curve = F.dailyCurve(initial: 1_000, equities: [1_010, 1_005, 1_025])

    /// +10 on 100 notional, −5 on 100, +20 on 200: return fractions [0.1, −0.05, 0.1].
    static let threeTrades = [
        F.trade(pnl: 10, notional: 100), F.trade(pnl: -5, notional: 100), F.trade(pnl: 20, notional: 200),
    ]

    static func metrics(_ trades: [TradeOutcome]) -> PerformanceMetrics {
        MetricsCalculator.compute(curve: curve, trades: trades, annualization: .tradingDays252, buyAndHoldReturnPct: 3)
    }

    @Test("return fraction is pnl over the entry notional")
    func returnFraction() {
        #expect(Self.threeTrades.map(\.returnFraction) == [0.1, -0.05, 0.1])
        let short = TradeOutcome(
            entryTime: F.time(2024, 1, 1), exitTime: F.time(2024, 1, 3), side: .short, entryPrice: 50,
            exitPrice: 45, quantity: 4, pnl: 19.6, exitReason: .takeProfit)
        #expect(F.close(short.returnFraction, 19.6 / 200))
        #expect(short.entryNotional == 200)
    }

    @Test("win rate 66.67%, profit factor 6, expectancy 5%, 3 trades")
    func threeTradesStatistics() {
        let metrics = Self.metrics(Self.threeTrades)
        #expect(F.close(metrics.winRatePct, 200.0 / 3.0))  // 2 wins of 3
        #expect(F.close(metrics.profitFactor, 6))  // (10 + 20) / 5
        #expect(F.close(metrics.expectancyPct, 5))  // mean(0.1, −0.05, 0.1) = 0.05
        #expect(metrics.trades == 3)
        #expect(metrics.buyAndHoldReturnPct == 3)
    }

    // mean = 0.05; deviations 0.05, −0.1, 0.05; sample variance = (0.0025 + 0.01 + 0.0025) / 2 = 0.0075;
    // std = √0.0075 = 0.0866025…; sqn = √3 × 0.05 / √0.0075 = √3 × 0.05 / (0.05 × √3) = 1.
    @Test("SQN by hand: √3 × 0.05 / √0.0075 = 1")
    func sqnByHand() {
        #expect(F.close(Self.metrics(Self.threeTrades).sqn, 1))
    }

    @Test("no trades: win rate, profit factor, expectancy and SQN are nil; trades is 0")
    func noTrades() {
        let metrics = Self.metrics([])
        #expect(metrics.trades == 0)
        #expect(metrics.winRatePct == nil)
        #expect(metrics.profitFactor == nil)
        #expect(metrics.expectancyPct == nil)
        #expect(metrics.sqn == nil)
    }

    @Test("no losing trade: profit factor is nil, win rate 100%")
    func noLosses() {
        let metrics = Self.metrics([F.trade(pnl: 10, notional: 100), F.trade(pnl: 30, notional: 100)])
        #expect(metrics.profitFactor == nil)
        #expect(metrics.winRatePct == 100)
        #expect(F.close(metrics.sqn, 2.0.squareRoot() * 0.2 / (0.02).squareRoot()))
    }

    @Test("only losing trades: profit factor 0, win rate 0%")
    func onlyLosses() {
        let metrics = Self.metrics([F.trade(pnl: -10, notional: 100), F.trade(pnl: -30, notional: 100)])
        #expect(metrics.profitFactor == 0)
        #expect(metrics.winRatePct == 0)
        #expect(F.close(metrics.expectancyPct, -20))
    }

    @Test("a zero-P&L trade is not a win and counts in the denominator")
    func breakEvenTrade() {
        let metrics = Self.metrics([F.trade(pnl: 0, notional: 100), F.trade(pnl: 10, notional: 100)])
        #expect(metrics.winRatePct == 50)
        #expect(metrics.profitFactor == nil)
    }

    @Test(
        "SQN is nil with fewer than 2 trades or identical returns",
        arguments: [
            [F.trade(pnl: 10, notional: 100)],
            [F.trade(pnl: 10, notional: 100), F.trade(pnl: 20, notional: 200)],
        ])
    func sqnUndefined(trades: [TradeOutcome]) {
        #expect(Self.metrics(trades).sqn == nil)
    }

    @Test("TradeOutcome encodes with snake_case keys and decodes back, recomputing return_fraction")
    func tradeCodable() throws {
        let trade = F.trade(pnl: -5, notional: 100, reason: .stopLoss)
        let data = try PerformanceMetrics.jsonEncoder().encode(trade)
        let text = String(decoding: data, as: UTF8.self)
        for key in [
            "entry_time", "exit_time", "side", "entry_price", "exit_price", "quantity", "pnl", "return_fraction",
            "exit_reason",
        ] {
            #expect(text.contains("\"\(key)\":"), "missing \(key)")
        }
        #expect(text.contains("\"exit_reason\":\"stop_loss\""))
        #expect(try JSONDecoder().decode(TradeOutcome.self, from: data) == trade)
        let tampered = text.replacingOccurrences(of: "\"return_fraction\":-0.05", with: "\"return_fraction\":9")
        #expect(tampered != text)
        #expect(try JSONDecoder().decode(TradeOutcome.self, from: Data(tampered.utf8)).returnFraction == -0.05)
    }

    @Test("a decoded trade with a non-positive quantity is rejected")
    func tradeDecodingRejectsBadQuantity() throws {
        let data = try JSONEncoder().encode(F.trade(pnl: 1, notional: 100))
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "\"quantity\":1", with: "\"quantity\":0")
        #expect(text.contains("\"quantity\":0"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TradeOutcome.self, from: Data(text.utf8))
        }
    }
}
