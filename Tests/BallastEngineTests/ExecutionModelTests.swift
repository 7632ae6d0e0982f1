import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import BallastStrategies
import BallastTestKit
import Testing

/// Every fill price, fee, quantity and final equity here is computed by hand in the test.
@Suite("Execution model (SPEC §8) on hand-made bars")
struct ExecutionModelTests {
    typealias E = EngineFixtures
    // Entry: signal at bar 1's close, fill at bar 2's open 102 plus 0.05% slippage.
    static let entryFill = 102 * 1.0005  // 102.051
    // 0.05 of 10 000 at 102.051 is 4.899… shares, rounded down to the step of 1.
    static let quantity = 4.0
    static let entryFee = 4 * entryFill * 0.001

    static func bars(bar3: (Double, Double, Double, Double)) -> BarSeries {
        BarFixtures.daily(
            "AAA", [(100, 101, 99, 100), (100, 102, 99, 101), (102, 104, 101, 103), bar3, (100, 100, 100, 100)])
    }

    @Test("intrabar stop: fills at the stop less slippage, both fees charged")
    func stopFillsAtStop() async throws {
        let setup = E.single(
            Self.bars(bar3: (101, 101.5, 99.5, 100.5)), script: [1: .enterLong], profile: E.profile(base: 0.05))
        let result = try await E.run(setup)
        let trade = try #require(result.strategies[0].trades.first)
        let stop = Self.entryFill * 0.98
        let exit = stop * 0.9995
        let pnl = Self.quantity * (exit - Self.entryFill) - Self.quantity * exit * 0.001 - Self.entryFee
        #expect(trade.quantity == Self.quantity)
        #expect(abs(trade.entryPrice - Self.entryFill) < 1e-9)
        #expect(abs(trade.exitPrice - exit) < 1e-9)
        #expect(trade.exitReason == .stopLoss)
        #expect(trade.exitTime == Timestamp(year: 2024, month: 1, day: 4)!)
        #expect(abs(trade.pnl - pnl) < 1e-9)
        #expect(abs(result.portfolio.finalEquity - (10_000 + pnl)) < 1e-9)
        #expect(abs(result.strategies[0].metrics.finalEquity - (10_000 + pnl)) < 1e-9)
    }

    @Test("gap through the stop: fills at the open, not the stop")
    func gapFillsAtOpen() async throws {
        let setup = E.single(
            Self.bars(bar3: (99, 99.5, 98, 99)), script: [1: .enterLong], profile: E.profile(base: 0.05))
        let trade = try #require(try await E.run(setup).strategies[0].trades.first)
        #expect(abs(trade.exitPrice - 99 * 0.9995) < 1e-9)
        #expect(trade.exitReason == .stopLoss)
    }

    @Test("target touched: fills at the target; stop and target in one bar: the stop wins")
    func targetsAndSameBarRule() async throws {
        let target = Self.entryFill * 1.03
        let hit = E.single(
            Self.bars(bar3: (104, 106, 103.5, 105)), script: [1: .enterLong],
            profile: E.profile(base: 0.05, target: 0.03))
        let won = try #require(try await E.run(hit).strategies[0].trades.first)
        #expect(abs(won.exitPrice - target * 0.9995) < 1e-9)
        #expect(won.exitReason == .takeProfit)
        let both = E.single(
            Self.bars(bar3: (103, 106, 99, 104)), script: [1: .enterLong], profile: E.profile(base: 0.05, target: 0.03))
        let lost = try #require(try await E.run(both).strategies[0].trades.first)
        #expect(abs(lost.exitPrice - Self.entryFill * 0.98 * 0.9995) < 1e-9)
        #expect(lost.exitReason == .stopLoss)
    }

    @Test("a gap above the target fills at the open")
    func gapAboveTarget() async throws {
        let setup = E.single(
            Self.bars(bar3: (110, 111, 109, 110)), script: [1: .enterLong], profile: E.profile(base: 0.05, target: 0.03)
        )
        let trade = try #require(try await E.run(setup).strategies[0].trades.first)
        #expect(abs(trade.exitPrice - 110 * 0.9995) < 1e-9)
        #expect(trade.exitReason == .takeProfit)
    }

    @Test("an exit signal fills at the next open; the final equity adds up")
    func signalExit() async throws {
        let series = BarFixtures.daily(
            "AAA",
            [
                (100, 101, 99, 100), (100, 102, 99, 101), (102, 104, 101, 103), (103, 105, 102, 104),
                (106, 107, 105, 106),
            ])
        let setup = E.single(series, script: [1: .enterLong, 3: .exit], profile: E.profile(base: 0.05, stop: nil))
        let result = try await E.run(setup)
        let trade = try #require(result.strategies[0].trades.first)
        let exit = 106 * 0.9995
        let pnl = 4 * (exit - Self.entryFill) - 4 * exit * 0.001 - Self.entryFee
        #expect(abs(trade.exitPrice - exit) < 1e-9)
        #expect(trade.exitReason == .signal)
        #expect(abs(result.portfolio.finalEquity - (10_000 + pnl)) < 1e-9)
        #expect(result.portfolio.trades == 1)
    }

    @Test("fill = close fills at the signal bar's close")
    func fillAtClose() async throws {
        let series = BarFixtures.daily("AAA", [(100, 101, 99, 100), (100, 102, 99, 101), (102, 104, 101, 103)])
        let setup = E.single(
            series, script: [1: .enterLong], profile: E.profile(base: 0.05, stop: nil),
            execution: ExecutionSettings(fill: .close))
        let result = try await E.run(setup)
        let trade = try #require(result.strategies[0].trades.first)
        #expect(abs(trade.entryPrice - 101 * 1.0005) < 1e-9)
        #expect(trade.quantity == 4)
        // Still open at the end: closed at the last close with reason end_of_data.
        #expect(trade.exitReason == .endOfData)
        #expect(abs(trade.exitPrice - 103 * 0.9995) < 1e-9)
    }

    @Test("a reversal closes and opens on the same fill; a short mirrors the stop")
    func reversalAndShortStop() async throws {
        let series = BarFixtures.daily(
            "AAA",
            [
                (100, 101, 99, 100), (100, 102, 99, 101), (102, 104, 101, 103), (103, 104, 102, 102),
                (101, 101, 100, 100),
                (102, 104, 100, 103),
            ])
        let setup = E.single(series, script: [1: .enterLong, 3: .enterShort], profile: E.profile(base: 0.05))
        let result = try await E.run(setup)
        let trades = result.strategies[0].trades
        try #require(trades.count == 2)
        #expect(trades[0].exitReason == .reversal)
        #expect(abs(trades[0].exitPrice - 101 * 0.9995) < 1e-9)
        #expect(trades[1].side == .short)
        let shortEntry = 101 * 0.9995
        #expect(abs(trades[1].entryPrice - shortEntry) < 1e-9)
        // The short's 2% stop (103.06…) is touched by bar 5's high of 104: bought back at the stop plus slippage.
        #expect(abs(trades[1].exitPrice - shortEntry * 1.02 * 1.0005) < 1e-9)
        #expect(trades[1].exitReason == .stopLoss)
    }

    @Test("a trailing stop follows the high and exits with reason trailing_stop")
    func trailingStop() async throws {
        var profile = E.profile(base: 0.05, stop: 0.05)
        profile.trailingStop = TrailingStopConfig(activationPct: 0.01, distance: .percent(0.02))
        let series = BarFixtures.daily(
            "AAA",
            [
                (100, 101, 99, 100), (100, 102, 99, 101), (102, 104, 101, 103), (104, 110, 103, 109),
                (109, 109.5, 107, 108),
            ])
        let result = try await E.run(E.single(series, script: [1: .enterLong], profile: profile))
        let trade = try #require(result.strategies[0].trades.first)
        // Bar 3's high 110 moves the stop to 110 × 0.98 = 107.8; bar 4's low 107 touches it.
        #expect(trade.exitReason == .trailingStop)
        #expect(abs(trade.exitPrice - 107.8 * 0.9995) < 1e-9)
    }

    @Test("cash: an entry never spends more than free cash")
    func cashLimit() async throws {
        var risk = RiskParameters()
        risk.maxPositionSize = 1
        risk.maxDailyRisk = 1
        risk.maxCorrelatedExposure = 1
        let series = BarFixtures.daily("AAA", [(100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 100, 100)])
        let setup = E.single(
            series, script: [0: .enterLong], profile: E.profile(base: 1, stop: nil), step: nil, risk: risk)
        let trade = try #require(try await E.run(setup).strategies[0].trades.first)
        let price = 100 * 1.0005
        // All-in: 10 000 buys 10 000 / (price × 1.001) so that the fee fits too.
        #expect(abs(trade.quantity - 10_000 / (price * 1.001)) < 1e-9)
    }
}
