import BallastCore
import BallastStrategies
import Testing

/// `sma_cross` and `ema_cross` on hand-computed series.
@Suite("Moving-average cross strategies")
struct CrossStrategyTests {
    /// SMA(2) and SMA(3) of [10, 10, 10, 9, 8, 12, 14, 13, 9, 8]:
    /// fast = –, 10, 10, 9.5, 8.5, 10, 13, 13.5, 11, 8.5;
    /// slow = –, –, 10, 9.667, 9, 9.667, 11.333, 13, 12, 10.
    /// Bar 2 is a tie (10 = 10), bar 3 leaves it downwards, bar 5 crosses up, bar 8 crosses down.
    static let closes: [Double] = [10, 10, 10, 9, 8, 12, 14, 13, 9, 8]

    @Test func smaCrossLongOnlyExitsOnTheDownCross() {
        let strategy = SMACrossStrategy(fast: 2, slow: 3, allowShort: false)
        #expect(StrategyFixtures.events(strategy, closes: Self.closes) == [3: .exit, 5: .enterLong, 8: .exit])
    }

    @Test func smaCrossWithShortsEntersShortOnTheDownCross() {
        let strategy = SMACrossStrategy(fast: 2, slow: 3, allowShort: true)
        #expect(
            StrategyFixtures.events(strategy, closes: Self.closes) == [3: .enterShort, 5: .enterLong, 8: .enterShort])
    }

    @Test func smaCrossPublishesBothAveragesAndItsLookback() throws {
        let strategy = SMACrossStrategy(fast: 2, slow: 3)
        let output = strategy.signals(for: StrategyFixtures.series(closes: Self.closes))
        let slow = try #require(output.indicators["sma_slow"])
        let fast = try #require(output.indicators["sma_fast"])
        #expect(slow[0].isNaN && slow[1].isNaN && slow[2] == 10)
        #expect(fast[0].isNaN && fast[3] == 9.5)
        #expect(abs(slow[6] - 34.0 / 3) < 1e-12)
        #expect(strategy.lookback == 4)
        #expect(strategy.kind == "sma_cross")
    }

    /// Tie rule with SMA(1) = the close against SMA(2): the averages are equal exactly when a close
    /// repeats. A touch is not a cross; leaving it is.
    @Test(
        arguments: [
            // below (9 < 9.5), equal (9 = 9), above (10 > 9.5): up-cross at 3
            ([10, 9, 9, 10], [3: Signal.enterLong]),
            // above, equal, above: leaving the touch upwards is an up-cross again
            ([10, 11, 11, 12], [3: .enterLong]),
            // above, equal, below: down-cross at 3
            ([10, 11, 11, 10], [3: .exit]),
            // below, equal, below: leaving the touch downwards is a down-cross
            ([10, 9, 9, 8], [3: .exit]),
            // above, equal, equal: a touch alone emits nothing
            ([10, 11, 11, 11], [:]),
        ] as [([Double], [Int: Signal])])
    func tieIsNeitherAboveNorBelow(closes: [Double], expected: [Int: Signal]) {
        #expect(StrategyFixtures.events(SMACrossStrategy(fast: 1, slow: 2), closes: closes) == expected)
    }

    /// EMA(1) is the close; EMA(3) (α = 0.5) seeded with the mean of the first three closes:
    /// closes 10, 10, 10, 13, 7, 7, 13: slow = –, –, 10, 11.5, 9.25, 8.125, 10.5625.
    /// Bar 3: 13 > 11.5 after a tie at bar 2 → up-cross; bar 4: 7 < 9.25 → down-cross;
    /// bar 6: 13 > 10.5625 after 7 < 8.125 → up-cross.
    @Test(arguments: [false, true])
    func emaCrossOnAHandSeries(allowShort: Bool) throws {
        let strategy = EMACrossStrategy(fast: 1, slow: 3, allowShort: allowShort)
        let output = strategy.signals(for: StrategyFixtures.series(closes: [10, 10, 10, 13, 7, 7, 13]))
        #expect(
            StrategyFixtures.events(output) == [3: .enterLong, 4: allowShort ? .enterShort : .exit, 6: .enterLong])
        let slow = try #require(output.indicators["ema_slow"])
        #expect(slow[1].isNaN && slow[3] == 11.5 && slow[6] == 10.5625)
        #expect(strategy.kind == "ema_cross")
    }

    @Test func nothingDuringWarmUpOrOnShortSeries() {
        let strategy = SMACrossStrategy(fast: 2, slow: 3)
        #expect(StrategyFixtures.events(strategy, closes: [1, 5, 1]) == [:])
        #expect(strategy.signals(for: StrategyFixtures.series(closes: [])).signals.isEmpty)
    }
}
