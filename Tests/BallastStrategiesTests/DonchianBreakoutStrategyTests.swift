import BallastCore
import BallastStrategies
import Testing

/// `donchian_breakout` on a hand-made series with explicit highs and lows.
@Suite("Donchian breakout strategy")
struct DonchianBreakoutStrategyTests {
    // bar:                     0   1   2   3     4   5     6     7     8    9    10    11
    static let close: [Double] = [10, 11, 10, 13, 12.5, 11.5, 12, 14, 10, 9, 10.5, 11.5]
    static let high: [Double] = [11, 12, 11, 13.5, 13, 12.6, 12.2, 14.2, 12, 9.8, 10.6, 11.6]
    static let low: [Double] = [9, 10, 9, 12, 12, 11.4, 11.8, 13, 9.5, 8.9, 10, 11]

    static var series: BarSeries { StrategyFixtures.series(closes: close, high: high, low: low) }

    /// entry 3, exit 2, long-only:
    /// bar 3: 13 > max high of bars 0–2 (12) → enter; bar 5: 11.5 < min low of bars 3–4 (12) → exit;
    /// bar 7: 14 > max high of bars 4–6 (13) → enter; bar 8: 10 < min low of bars 6–7 (11.8) → exit;
    /// bar 9: 9 < min low of bars 7–8 (9.5) → exit again (long-only exits are not gated).
    @Test func longOnlyBreakoutsAndExits() {
        let output = DonchianBreakoutStrategy(entry: 3, exit: 2).signals(for: Self.series)
        #expect(StrategyFixtures.events(output) == [3: .enterLong, 5: .exit, 7: .enterLong, 8: .exit, 9: .exit])
        #expect(output.indicators.isEmpty)
    }

    /// With shorts: bar 8: 10 < min low of bars 5–7 (11.4) → short (an entry wins over the long's
    /// exit); bar 9: 9 < min low of bars 6–8 (9.5) → short again; bar 10: 10.5 is below the exit
    /// high of bars 8–9 (12); bar 11: 11.5 > max high of bars 9–10 (10.6) → the short exits, and it
    /// is no long entry (max high of bars 8–10 is 12).
    @Test func shortsMirrorTheRules() {
        let output = DonchianBreakoutStrategy(entry: 3, exit: 2, allowShort: true).signals(for: Self.series)
        #expect(
            StrategyFixtures.events(output) == [
                3: .enterLong, 5: .exit, 7: .enterLong, 8: .enterShort, 9: .enterShort, 11: .exit,
            ])
    }

    /// The channel excludes the current bar and a close equal to the channel high is no breakout.
    @Test func breakoutIsStrictAndUsesPreviousBarsOnly() {
        let close: [Double] = [10, 10, 10, 11, 11.5]
        let high: [Double] = [10, 11, 10, 20, 20]
        let low: [Double] = [10, 10, 10, 10, 10]
        let output = DonchianBreakoutStrategy(entry: 2, exit: 2)
            .signals(for: StrategyFixtures.series(closes: close, high: high, low: low))
        // bar 2: 10 vs 11 no; bar 3: 11 = max(11, 10) no, though its own high is 20; bar 4: 11.5 < 20 no.
        #expect(StrategyFixtures.events(output) == [:])
    }

    /// No signal before bar max(entry, exit), even when an exit condition holds earlier.
    @Test func warmUpCoversTheLongerChannel() {
        let strategy = DonchianBreakoutStrategy(entry: 2, exit: 4)
        let closes: [Double] = [10, 10, 5, 5, 5, 4]
        #expect(StrategyFixtures.events(strategy, closes: closes) == [5: .exit])
        #expect(StrategyFixtures.events(strategy, closes: Array(closes.prefix(4))) == [:])
        #expect(strategy.signals(for: StrategyFixtures.series(closes: [])).signals.isEmpty)
        #expect(strategy.lookback == 5)
        #expect(DonchianBreakoutStrategy().entry == 20 && DonchianBreakoutStrategy().exit == 10)
    }

    /// Random-walk bars, windows up to 50: the deque channels match brute-force ones.
    @Test(arguments: [(1, 1), (2, 1), (7, 3), (3, 7), (50, 20)])
    func matchesBruteForceChannels(entry: Int, exit: Int) {
        var state: UInt64 = 12_345
        var price = 100.0
        let closes: [Double] = (0..<400).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            price *= 0.98 + Double(state >> 40) / Double(1 << 24) * 0.04
            return price
        }
        let series = StrategyFixtures.series(closes: closes)
        let output = DonchianBreakoutStrategy(entry: entry, exit: exit, allowShort: true).signals(for: series)
        var direction: Signal = .none
        var expected = [Signal](repeating: .none, count: closes.count)
        for index in max(entry, exit)..<closes.count {
            let close = closes[index]
            if close > series.high[(index - entry)..<index].max()! {
                expected[index] = .enterLong
                direction = .enterLong
            } else if close < series.low[(index - entry)..<index].min()! {
                expected[index] = .enterShort
                direction = .enterShort
            } else if direction == .enterLong && close < series.low[(index - exit)..<index].min()! {
                expected[index] = .exit
            } else if direction == .enterShort && close > series.high[(index - exit)..<index].max()! {
                expected[index] = .exit
            }
        }
        #expect(output.signals == expected)
        #expect(expected.contains(.enterLong) && expected.contains(.enterShort))
        // With exit ≥ entry the opposite entry always breaks first, so only narrower exits fire.
        #expect(expected.contains(.exit) == (exit < entry))
    }
}
