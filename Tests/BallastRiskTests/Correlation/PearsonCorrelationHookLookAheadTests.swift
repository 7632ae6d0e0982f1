import BallastCore
import BallastRisk
import PropertyBased
import Testing

/// SPEC §6 and §9: the correlation at a decision time sees only bars closed by then.
@Suite("Pearson correlation hook: no look-ahead")
struct PearsonCorrelationHookLookAheadTests {
    typealias Fixture = CorrelationFixture

    /// `series` with the close of every bar from index `start` on multiplied by `factors` (cycled);
    /// opens, highs and lows follow so the bars stay consistent. Earlier bars are unchanged.
    static func perturbing(_ series: BarSeries, from start: Int, factors: [Double]) -> BarSeries {
        var bars: [Bar] = []
        var previous = series.close[0]
        for index in 0..<series.count {
            let factor = index >= start ? factors[(index - start) % factors.count] : 1
            let close = series.close[index] * factor
            bars.append(Fixture.bar(at: Timestamp(seconds: series.times[index]), open: previous, close: close))
            previous = close
        }
        return BarSeries(symbol: series.symbol, timeframe: series.timeframe, bars: bars)
    }

    static let decisionBar = 40
    static let decision = Fixture.closeOfDay(Fixture.firstDay + Int64(decisionBar))
    static let positions = [OpenExposure(strategyID: "trend-spy", symbol: "SPY", portfolioFraction: 0.06)]

    static func outcome(_ qqq: BarSeries) -> (Double?, CorrelationCheck) {
        let hook = PearsonCorrelationHook(series: [CorrelationUniverse.series[0], qqq])
        return (
            hook.correlation("SPY", "QQQ", at: decision),
            hook.check(symbol: "QQQ", requestedFraction: 0.08, openPositions: positions, cap: 0.10, at: decision)
        )
    }

    /// After the decision QQQ turns against SPY; a hook that looked ahead would see the pair decouple.
    @Test func laterPriceMovesCannotChangeTheResult() throws {
        let qqq = CorrelationUniverse.series[1]
        let inverse = Self.perturbing(qqq, from: Self.decisionBar + 1, factors: [0.5, 1.7, 0.8, 1.3, 0.6])
        let (before, checkBefore) = Self.outcome(qqq)
        let (after, checkAfter) = Self.outcome(inverse)
        #expect(try #require(before) > 0.999_999)
        #expect(after == before)
        #expect(checkAfter == checkBefore)
        #expect(checkBefore.group == ["QQQ", "SPY"])
        let fullHistory = PearsonCorrelationHook(series: [CorrelationUniverse.series[0], inverse])
        #expect(try #require(fullHistory.correlation("SPY", "QQQ", at: CorrelationUniverse.decision)) < 0.9)
    }

    /// The decision bar's own close is visible: changing it changes the correlation.
    @Test func theDecisionBarItselfCounts() {
        let qqq = CorrelationUniverse.series[1]
        let (before, _) = Self.outcome(qqq)
        let (after, _) = Self.outcome(Self.perturbing(qqq, from: Self.decisionBar, factors: [1.1, 1]))
        #expect(after != before)
    }

    /// Intraday: at 14:00 the bars opening 13:00 and earlier have closed; 14:00 and later have not.
    @Test func intradayBarsClosingAfterTheDecisionAreInvisible() throws {
        let spyCloses = Fixture.closes(returns: CorrelationUniverse.spy)
        let qqqCloses = Fixture.closes(returns: CorrelationUniverse.spy.map { 1.5 * $0 }, start: 300)
        let h1 = Fixture.hourly("H1", dailyCloses: spyCloses, noiseSeed: 11)
        let h2 = Fixture.hourly("H2", dailyCloses: qqqCloses, noiseSeed: 12)
        let time = Fixture.time(day: Fixture.firstDay + 40, hour: 14)
        let firstHidden = try #require(h2.lastIndex(openedAtOrBefore: time))
        #expect(h2.closeTime(at: firstHidden) > time)
        #expect(h2.closeTime(at: firstHidden - 1) == time)
        func correlation(_ other: BarSeries) -> Double? {
            PearsonCorrelationHook(series: [h1, other], windowDays: 20).correlation("H1", "H2", at: time)
        }
        let before = try #require(correlation(h2))
        #expect(correlation(Self.perturbing(h2, from: firstHidden, factors: [3, 0.2])) == before)
        #expect(correlation(Self.perturbing(h2, from: firstHidden - 1, factors: [3, 0.2])) != before)
    }

    @Test func randomFutureMovesNeverChangeTheResult() async {
        let qqq = CorrelationUniverse.series[1]
        let (before, checkBefore) = Self.outcome(qqq)
        await propertyCheck(input: Gen.double(in: 0.2...5).array(of: 1...20)) { factors in
            let (after, checkAfter) = Self.outcome(Self.perturbing(qqq, from: Self.decisionBar + 1, factors: factors))
            #expect(after == before)
            #expect(checkAfter == checkBefore)
        }
    }
}
