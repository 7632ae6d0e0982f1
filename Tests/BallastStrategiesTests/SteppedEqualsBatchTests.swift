import BallastCore
import BallastStrategies
import BallastTestKit
import PropertyBased
import Testing

/// Every built-in kind, stepped one bar at a time, equals the batch implementation it replaced
/// (`BatchReference`) bar for bar: the same signals and bit for bit the same value columns, on the
/// demo's real data and on random walks (with exact ties, where the last bit of an average decides).
@Suite("Strategies: stepped equals the previous batch output")
struct SteppedEqualsBatchTests {
    /// Every kind, with the demo's and the benchmarks' parameters and short windows.
    static let strategies: [any Strategy] = [
        SMACrossStrategy(fast: 20, slow: 100), SMACrossStrategy(fast: 2, slow: 5),
        SMACrossStrategy(fast: 1, slow: 2, allowShort: true), SMACrossStrategy(fast: 10, slow: 30),
        SMACrossStrategy(fast: 50, slow: 200, allowShort: true), SMACrossStrategy(fast: 40, slow: 160),
        EMACrossStrategy(fast: 12, slow: 26), EMACrossStrategy(fast: 1, slow: 3, allowShort: true),
        RSIReversionStrategy(period: 5, lower: 25, upper: 60), RSIReversionStrategy(period: 14, lower: 30, upper: 70),
        RSIReversionStrategy(period: 1, lower: 10, upper: 90),
        DonchianBreakoutStrategy(entry: 20, exit: 10), DonchianBreakoutStrategy(entry: 5, exit: 3, allowShort: true),
        DonchianBreakoutStrategy(entry: 1, exit: 1, allowShort: true),
        DonchianBreakoutStrategy(entry: 3, exit: 8, allowShort: true), DonchianBreakoutStrategy(entry: 7, exit: 2),
        MomentumStrategy(lookback: 20, threshold: 0.02), MomentumStrategy(lookback: 2),
        MomentumStrategy(lookback: 5, threshold: 0.005), BuyAndHoldStrategy(),
        RandomEntryStrategy(seed: 7, probability: 0.05, holdBars: 10),
        RandomEntryStrategy(seed: 3, probability: 1, holdBars: 1, allowShort: true),
    ]

    static func demoSeries(_ file: String, symbol: String) throws -> BarSeries {
        let path = DemoPortfolioFixture.repositoryRoot.appendingPathComponent("portfolios/data/\(file)").path
        return try BarCSVLoader(symbol: symbol, timeframe: .oneDay).load(path: path)
    }

    /// Two-decimal random walks, small enough to repeat prices so that averages tie exactly.
    static func walk(seed: UInt64, count: Int = 3_000) -> BarSeries {
        RandomWalkBars(
            timeframe: .oneMinute, start: Timestamp(year: 2024, month: 1, day: 1)!, seed: seed, startPrice: 10,
            volatility: 0.002, decimals: 2
        ).series(count: count)
    }

    /// Signals equal, the same column names, and every value with the same bits (any NaN matches NaN).
    static func expectEqual(_ stepped: SignalSeries, _ batch: SignalSeries, _ label: String) {
        #expect(stepped.signals == batch.signals, "\(label): signals")
        #expect(Set(stepped.indicators.keys) == Set(batch.indicators.keys), "\(label): columns")
        for (name, column) in batch.indicators {
            let mine = stepped.indicators[name] ?? []
            let same =
                mine.count == column.count
                && zip(mine, column).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
            #expect(same, "\(label): column \(name)")
        }
    }

    @Test("on the demo's real daily data (S&P 500 1999–2018, Alphabet 2009–2018)")
    func demoData() throws {
        let series = [
            try Self.demoSeries("SP500-1d.csv", symbol: "SPX"), try Self.demoSeries("GOOGL-1d.csv", symbol: "GOOGL"),
        ]
        for bars in series {
            for strategy in Self.strategies {
                let label = "\(bars.symbol) \(strategy)"
                Self.expectEqual(strategy.signals(for: bars), BatchReference.signals(strategy, bars), label)
            }
        }
    }

    @Test("on random walks with exact ties", arguments: [1, 2, 3, 42] as [UInt64])
    func randomWalks(seed: UInt64) {
        let bars = Self.walk(seed: seed)
        var signalled = 0
        for strategy in Self.strategies {
            let batch = BatchReference.signals(strategy, bars)
            signalled += batch.signals.filter { $0 != .none }.count
            Self.expectEqual(strategy.signals(for: bars), batch, "seed \(seed) \(strategy)")
        }
        #expect(signalled > 100)
    }

    @Test("on random close series of every length")
    func randomCloses() async {
        let closes = Gen.double(in: 50...150).array(of: 0...120)
        await propertyCheck(input: closes) { closes in
            let bars = StrategyFixtures.series(closes: closes)
            for strategy in Self.strategies {
                Self.expectEqual(strategy.signals(for: bars), BatchReference.signals(strategy, bars), "\(strategy)")
            }
        }
    }

    @Test("stepping in pieces (a live run's warm-up, then bar by bar) equals stepping the whole series")
    func piecewiseStepping() {
        let bars = Self.walk(seed: 9, count: 600)
        for strategy in Self.strategies {
            let whole = strategy.signals(for: bars)
            var state = strategy
            let warmUp = state.step(over: bars, bars: 0..<250, columns: nil)
            var signals = warmUp.signals
            var values = [Double](repeating: .nan, count: state.valueNames.count)
            for index in 250..<bars.count { signals.append(state.step(bars[index], values: &values)) }
            #expect(signals == whole.signals, "\(strategy)")
        }
    }
}
