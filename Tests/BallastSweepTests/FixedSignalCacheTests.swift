import BallastConfig
import BallastCore
import BallastEngine
import BallastTestKit
import Foundation
import Testing

@testable import BallastSweep

@Suite("Sweeps compute a strategy no axis changes once")
struct FixedSignalCacheTests {
    /// Two strategies on GOOGL: `trend` is swept, `hold` is not.
    static let portfolio =
        SweepFixture.portfolio.replacingOccurrences(of: "base_fraction = 0.95", with: "base_fraction = 0.45")
            + """

            [[strategies]]
            id = "hold"
            kind = "sma_cross"
            symbol = "GOOGL"
            data = "GOOGL-1d.csv"
            params = { fast = 20, slow = 50 }

            [strategies.risk]
            base_fraction = 0.45
            """

    static let sweep = """
        portfolio = "portfolio.toml"
        objective = "sharpe"
        [[axes]]
        key = "strategies.trend.params.fast"
        values = [5, 10, 15]
        [[axes]]
        key = "strategies.trend.params.slow"
        values = [30, 40]
        """

    @Test("the fixed strategy's signals are computed once per window, and every variant's run is unchanged")
    func computedOnceSameResults() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try SweepSession.prepare(
            sweepPath: try SweepFixture.write(in: directory, sweep: Self.sweep, portfolio: Self.portfolio))
        let runner = session.runner
        #expect(runner.fixedSignals.fixedIDs == ["hold"])
        let windows: [Range<Timestamp>?] = [
            nil, Timestamp(year: 2012, month: 1, day: 1)!..<Timestamp(year: 2015, month: 1, day: 1)!,
        ]
        for (number, window) in windows.enumerated() {
            for variant in session.plan.variants {
                let record = try await runner.record(of: variant, window: window)
                // The same variant backtested on its own, every strategy stepped by the engine.
                guard case .success(let setup) = session.builder.setup(for: variant.values, window: window) else {
                    Issue.record("variant \(variant.index) did not build")
                    continue
                }
                let alone = try await PortfolioBacktester(setup: setup).run(
                    runID: "\(session.sweepID)/\(variant.index)", keepsDecisions: false)
                #expect(
                    record.summaryJSON == String(decoding: try BacktestSummary(result: alone).jsonData(), as: UTF8.self)
                )
                #expect(record.metrics == alone.portfolio)
            }
            #expect(runner.fixedSignals.computedCount == number + 1)
        }
    }

    @Test("a strategy an axis touches (its params or its risk profile) is not fixed")
    func touchedIsNotFixed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweep = Self.sweep + "\n[[axes]]\nkey = \"strategies.hold.risk.base_fraction\"\nvalues = [0.3, 0.4]\n"
        let session = try SweepSession.prepare(
            sweepPath: try SweepFixture.write(in: directory, sweep: sweep, portfolio: Self.portfolio))
        #expect(session.runner.fixedSignals.fixedIDs.isEmpty)
    }
}
