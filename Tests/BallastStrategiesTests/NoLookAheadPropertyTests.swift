import BallastCore
import BallastStrategies
import PropertyBased
import Testing

/// Properties every built-in strategy must hold over random close series.
@Suite("Strategies: no look-ahead")
struct NoLookAheadPropertyTests {
    /// Short windows so the random series produce signals of every kind.
    static let strategies: [any Strategy] = [
        SMACrossStrategy(fast: 2, slow: 5), SMACrossStrategy(fast: 3, slow: 8, allowShort: true),
        EMACrossStrategy(fast: 3, slow: 8, allowShort: true), RSIReversionStrategy(period: 5, lower: 40, upper: 60),
        DonchianBreakoutStrategy(entry: 5, exit: 3), DonchianBreakoutStrategy(entry: 5, exit: 3, allowShort: true),
        MomentumStrategy(lookback: 5, threshold: 0.01), BuyAndHoldStrategy(),
        RandomEntryStrategy(seed: 7, probability: 0.2, holdBars: 3, allowShort: true),
    ]

    static let closes = Gen.double(in: 50...150).array(of: 30...200)

    /// Signal and indicator `i` computed over bars `0..<k` equal those computed over the whole
    /// series, for every strategy and every `i < k`: nothing depends on a later bar.
    @Test func prefixSignalsEqualFullSignals() async {
        await propertyCheck(input: Self.closes, Gen.int(in: 1...200)) { closes, cut in
            let series = StrategyFixtures.series(closes: closes)
            let prefixLength = min(cut, closes.count)
            let prefix = series.slice(0..<prefixLength)
            for strategy in Self.strategies {
                let full = strategy.signals(for: series)
                let partial = strategy.signals(for: prefix)
                #expect(partial.signals[...] == full.signals[..<prefixLength], "\(strategy.kind)")
                #expect(Set(partial.indicators.keys) == Set(full.indicators.keys), "\(strategy.kind)")
                for (name, column) in full.indicators {
                    let prefixColumn = partial.indicators[name] ?? []
                    #expect(
                        StrategyFixtures.sameColumn(prefixColumn[...], column[..<prefixLength]),
                        "\(strategy.kind).\(name)")
                }
            }
        }
    }

    /// Stepped bar by bar, signal and values `i` are returned before bar `i + 1` exists: replacing every
    /// later bar by other prices changes nothing up to `i`.
    @Test func laterBarsChangeNothingBefore() async {
        await propertyCheck(input: Self.closes, Self.closes, Gen.int(in: 1...200)) { closes, other, cut in
            let prefixLength = min(cut, closes.count)
            let series = StrategyFixtures.series(closes: closes)
            let changed = StrategyFixtures.series(
                closes: Array(closes.prefix(prefixLength)) + other.map { $0 * 1.7 })
            for strategy in Self.strategies {
                var first = strategy
                var second = strategy
                var firstValues = [Double](repeating: .nan, count: strategy.valueNames.count)
                var secondValues = firstValues
                for index in 0..<prefixLength {
                    let a = first.step(series[index], values: &firstValues)
                    let b = second.step(changed[index], values: &secondValues)
                    #expect(a == b, "\(strategy.kind) bar \(index)")
                    #expect(StrategyFixtures.sameColumn(firstValues[...], secondValues[...]), "\(strategy.kind)")
                }
            }
        }
    }

    /// Every output is as long as the series, nothing is emitted before `lookback − 1`, and the
    /// momentum confidence stays in [0, 1] once defined.
    @Test func shapesWarmUpAndConfidenceRange() async {
        await propertyCheck(input: Self.closes) { closes in
            let series = StrategyFixtures.series(closes: closes)
            for strategy in Self.strategies {
                let output = strategy.signals(for: series)
                #expect(output.signals.count == closes.count)
                for column in output.indicators.values { #expect(column.count == closes.count) }
                let first = output.signals.firstIndex { $0 != .none } ?? closes.count
                #expect(first >= strategy.lookback - 1, "\(strategy.kind)")
                if let confidence = output.indicators["prediction_confidence"] {
                    #expect(confidence.allSatisfy { $0.isNaN || (0...1).contains($0) })
                }
            }
        }
    }

    /// The long-only strategies never emit `.enterShort`.
    @Test func longOnlyStrategiesNeverShort() async {
        let longOnly = Self.strategies.filter {
            !(($0 as? SMACrossStrategy)?.allowShort ?? false) && !($0 is EMACrossStrategy)
                && !(($0 as? DonchianBreakoutStrategy)?.allowShort ?? false) && !($0 is RandomEntryStrategy)
        }
        #expect(longOnly.count == 5)
        await propertyCheck(input: Self.closes) { closes in
            let series = StrategyFixtures.series(closes: closes)
            for strategy in longOnly { #expect(!strategy.signals(for: series).signals.contains(.enterShort)) }
        }
    }
}
