import BallastCore
import BallastStrategies
import Testing

/// `rsi_reversion` on a hand-computed series.
@Suite("RSI reversion strategy")
struct RSIReversionStrategyTests {
    /// RSI(2), Wilder's smoothing, of closes 10, 11, 12, 11, 10, 9, 10, 11, 12 (changes +1 +1 −1 −1
    /// −1 +1 +1 +1): average gain/loss at bar 2 = 1/0 → 100; then 0.5/0.5 → 50; 0.25/0.75 → 25;
    /// 0.125/0.875 → 12.5; 0.5625/0.4375 → 56.25; 0.78125/0.21875 → 78.125; 0.890625/0.109375 → 89.0625.
    /// Crosses below 30 at bar 4 (50 → 25); crosses above 70 at bar 7 (56.25 → 78.125).
    static let closes: [Double] = [10, 11, 12, 11, 10, 9, 10, 11, 12]

    @Test func entersWhenRSICrossesBelowLowerAndExitsAboveUpper() throws {
        let strategy = RSIReversionStrategy(period: 2, lower: 30, upper: 70)
        let output = strategy.signals(for: StrategyFixtures.series(closes: Self.closes))
        #expect(StrategyFixtures.events(output) == [4: .enterLong, 7: .exit])
        let rsi = try #require(output.indicators["rsi"])
        #expect(rsi[0].isNaN && rsi[1].isNaN)
        #expect(Array(rsi[2...]) == [100, 50, 25, 12.5, 56.25, 78.125, 89.0625])
        #expect(strategy.lookback == 4)
    }

    /// RSI exactly on a level is not a cross: with lower 25 the RSI reaches 25 at bar 4 and goes
    /// below at bar 5 (12.5), which is the entry; with upper 78.125 the exit moves from bar 7 to 8.
    @Test func touchingALevelIsNotACross() {
        let strategy = RSIReversionStrategy(period: 2, lower: 25, upper: 78.125)
        #expect(StrategyFixtures.events(strategy, closes: Self.closes) == [5: .enterLong, 8: .exit])
    }

    @Test func defaultsAreTheClassicLevels() {
        let strategy = RSIReversionStrategy()
        #expect(strategy.period == 14 && strategy.lower == 30 && strategy.upper == 70)
        #expect(strategy.kind == "rsi_reversion")
    }
}
