import BallastCore
import BallastRisk
import Testing

/// How the hook turns bars into daily returns: windows, minimum samples, gaps, intraday resampling
/// and the choice between two series of one symbol.
@Suite("Pearson correlation hook: daily returns")
struct PearsonCorrelationHookDataTests {
    typealias Fixture = CorrelationFixture

    /// B has only its last `commonDays + 1` bars, so exactly `commonDays` returns in common with SPY.
    @Test(arguments: [(19, false), (20, true)])
    func needsMinimumCommonSamples(commonDays: Int, correlated: Bool) throws {
        let spy = CorrelationUniverse.spy
        let tail = Array(spy.suffix(commonDays)).map { 1.5 * $0 }
        let startDay = CorrelationUniverse.lastDay - Int64(commonDays)
        let hook = PearsonCorrelationHook(series: [
            Fixture.daily("SPY", returns: spy), Fixture.daily("B", returns: tail, startDay: startDay),
        ])
        let time = CorrelationUniverse.decision
        let coefficient = hook.correlation("SPY", "B", at: time)
        #expect((coefficient != nil) == correlated)
        if let coefficient { #expect(coefficient > 0.999_999) }
        let positions = [OpenExposure(strategyID: "b", symbol: "B", portfolioFraction: 0.06)]
        let result = hook.check(symbol: "SPY", requestedFraction: 0.08, openPositions: positions, cap: 0.1, at: time)
        #expect(result.groupExposure == (correlated ? 0.06 : 0))
    }

    /// With daily bars and the decision at the last bar's close, a window of N days holds exactly N
    /// daily returns: the decision's day is the last bar's own day, not the next day.
    @Test(arguments: [(20, 20, true), (20, 21, false), (21, 21, true), (30, 30, true), (30, 31, false)])
    func windowHoldsExactlyWindowDaysOfDailyReturns(windowDays: Int, minSamples: Int, defined: Bool) {
        let hook = PearsonCorrelationHook(
            series: CorrelationUniverse.series, windowDays: windowDays, minSamples: minSamples)
        #expect((hook.correlation("SPY", "QQQ", at: CorrelationUniverse.decision) != nil) == defined)
    }

    /// An intraday decision counts the current, unfinished day (its close so far is the last closed
    /// hourly bar), so 20 window days still hold 20 returns.
    @Test(arguments: [(20, true), (21, false)])
    func intradayWindowIncludesTheCurrentPartialDay(minSamples: Int, defined: Bool) {
        let spyCloses = Fixture.closes(returns: CorrelationUniverse.spy)
        let qqqCloses = Fixture.closes(returns: CorrelationUniverse.spy.map { 1.5 * $0 }, start: 300)
        let hook = PearsonCorrelationHook(
            series: [
                Fixture.hourly("H1", dailyCloses: spyCloses, noiseSeed: 11),
                Fixture.hourly("H2", dailyCloses: qqqCloses, noiseSeed: 12),
            ], windowDays: 20, minSamples: minSamples)
        let time = Fixture.time(day: Fixture.firstDay + 40, hour: 14)
        #expect((hook.correlation("H1", "H2", at: time) != nil) == defined)
    }

    /// Hourly bars are resampled to UTC days by open time, taking each day's last close: the bar
    /// opening 23:00 (closing 00:00 the next day) closes its own day. The other hours are far off, so
    /// any other resampling would not reproduce the daily series.
    @Test func hourlyBarsResampleToUTCDaysByOpenTime() throws {
        let closes = Fixture.closes(returns: CorrelationUniverse.spy)
        let hook = PearsonCorrelationHook(series: [
            Fixture.hourly("H", dailyCloses: closes, noiseSeed: 5),
            Fixture.daily("SPY", returns: CorrelationUniverse.spy),
        ])
        let coefficient = try #require(hook.correlation("H", "SPY", at: CorrelationUniverse.decision))
        #expect(coefficient > 0.999_999_999)
        #expect(hook.timeframe(of: "H") == .oneHour)
    }

    /// When two series share a symbol, the finer timeframe is used, whichever comes first.
    @Test(arguments: [false, true])
    func finerTimeframeWinsForASharedSymbol(hourlyFirst: Bool) throws {
        let spy = CorrelationUniverse.spy
        let hourly = Fixture.hourly("X", dailyCloses: Fixture.closes(returns: spy), noiseSeed: 6)
        let daily = Fixture.daily("X", returns: Fixture.returns(seed: 2, count: spy.count))
        let series = hourlyFirst ? [hourly, daily] : [daily, hourly]
        let hook = PearsonCorrelationHook(series: series + [Fixture.daily("SPY", returns: spy)])
        #expect(hook.timeframe(of: "X") == .oneHour)
        #expect(try #require(hook.correlation("X", "SPY", at: CorrelationUniverse.decision)) > 0.999_999_999)
        #expect(hook.symbols == ["SPY", "X"])
    }

    /// A symbol without bars on some days: its return on the next day with bars spans the gap
    /// (`prev` = its previous day with bars, even one before the window), and the missing days are
    /// not common days. Checked against returns aligned by hand.
    @Test func gapsUseThePreviousDayWithBars() throws {
        let lastDay = Fixture.firstDay + 40
        let allDays = (0...40).map { Fixture.firstDay + Int64($0) }
        let aCloses = Fixture.closes(returns: Fixture.returns(seed: 21, count: 40))
        let bAll = Fixture.closes(
            returns: Fixture.blend(
                Fixture.returns(seed: 21, count: 40), weight: 0.8, noise: Fixture.returns(seed: 22, count: 40)))
        let kept = allDays.indices.filter { $0 % 7 != 3 }
        let hook = PearsonCorrelationHook(series: [
            Fixture.daily("A", closes: aCloses, days: allDays),
            Fixture.daily("B", closes: kept.map { bAll[$0] }, days: kept.map { allDays[$0] }),
        ])
        var expectedA: [Double] = []
        var expectedB: [Double] = []
        for (position, index) in kept.enumerated() where position > 0 && allDays[index] > lastDay - 30 {
            expectedA.append(aCloses[index] / aCloses[index - 1] - 1)
            expectedB.append(bAll[index] / bAll[kept[position - 1]] - 1)
        }
        #expect(expectedA.count == 26)
        let expected = try #require(Pearson.correlation(expectedA, expectedB))
        let actual = try #require(hook.correlation("A", "B", at: Fixture.closeOfDay(lastDay)))
        #expect(abs(actual - expected) < 1e-12)
    }

    @Test func correlationIsSymmetricAndOneWithItself() throws {
        let hook = CorrelationUniverse.hook
        let time = CorrelationUniverse.decision
        for first in hook.symbols {
            #expect(hook.correlation(first, first, at: time) == 1)
            for second in hook.symbols {
                #expect(hook.correlation(first, second, at: time) == hook.correlation(second, first, at: time))
            }
        }
    }

    @Test func noDataBeforeTheFirstBarCloses() {
        let hook = CorrelationUniverse.hook
        #expect(hook.correlation("SPY", "QQQ", at: Fixture.time(day: Fixture.firstDay, hour: 12)) == nil)
        #expect(hook.correlation("SPY", "XYZ", at: CorrelationUniverse.decision) == nil)
    }

    @Test func minimumSamplesBelowTwoIsRaisedToTwo() {
        let hook = PearsonCorrelationHook(series: CorrelationUniverse.series, minSamples: 0)
        #expect(hook.minSamples == 2)
        #expect(hook.correlation("SPY", "QQQ", at: Fixture.closeOfDay(Fixture.firstDay + 1)) == nil)
        #expect(hook.correlation("SPY", "QQQ", at: Fixture.closeOfDay(Fixture.firstDay + 2)) != nil)
    }
}
