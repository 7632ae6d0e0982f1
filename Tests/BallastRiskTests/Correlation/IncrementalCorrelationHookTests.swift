import BallastCore
import BallastRisk
import Testing

/// A live run grows its correlation hook bar by bar instead of building it again for every bar: the
/// grown hook must be the one built from the longer series.
@Suite("PearsonCorrelationHook grown bar by bar")
struct IncrementalCorrelationHookTests {
    static func walk(_ symbol: String, seed: UInt64, timeframe: Timeframe, count: Int) -> BarSeries {
        RandomWalkBars(
            symbol: symbol, timeframe: timeframe, start: Timestamp(year: 2024, month: 1, day: 1)!, seed: seed,
            volatility: 0.01
        ).series(count: count)
    }

    @Test("appending every bar to a hook over empty series gives the hook built at once")
    func appendedEqualsBuilt() {
        // Two symbols, and a second, coarser series of the first symbol whose bars the hook ignores.
        let series = [
            Self.walk("AAA", seed: 1, timeframe: .oneHour, count: 24 * 50),
            Self.walk("BBB", seed: 2, timeframe: .oneHour, count: 24 * 50),
            Self.walk("AAA", seed: 3, timeframe: .oneDay, count: 50),
        ]
        let built = PearsonCorrelationHook(series: series, windowDays: 20, threshold: 0.5, minSamples: 10)
        var grown = PearsonCorrelationHook(
            series: series.map { BarSeries(symbol: $0.symbol, timeframe: $0.timeframe) }, windowDays: 20,
            threshold: 0.5, minSamples: 10)
        for (position, bars) in series.enumerated() {
            for index in 0..<bars.count { grown.append(bars[index], toSeries: position) }
        }
        #expect(grown == built)
        let late = Timestamp(year: 2024, month: 2, day: 15)!
        #expect(grown.correlation("AAA", "BBB", at: late) == built.correlation("AAA", "BBB", at: late))
    }

    @Test("a copy taken before an append is unaffected by it")
    func copiesAreValues() {
        let bars = Self.walk("AAA", seed: 4, timeframe: .oneDay, count: 30)
        var hook = PearsonCorrelationHook(series: [bars.slice(0..<20)])
        let before = hook
        for index in 20..<30 { hook.append(bars[index], toSeries: 0) }
        #expect(before == PearsonCorrelationHook(series: [bars.slice(0..<20)]))
        #expect(hook == PearsonCorrelationHook(series: [bars]))
    }
}
