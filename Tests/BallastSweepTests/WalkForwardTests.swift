import BallastConfig
import BallastCore
import BallastEngine
import BallastSweep
import BallastTestKit
import Foundation
import Testing

@Suite("Walk-forward")
struct WalkForwardTests {
    static func sweep(train: String, test: String, step: String) -> String {
        SweepFixture.smallGrid + "\n[walk_forward]\ntrain = \"\(train)\"\ntest = \"\(test)\"\nstep = \"\(step)\"\n"
    }

    static func day(_ text: String) -> Timestamp {
        let parts = text.split(separator: "-").map { Int64($0)! }
        return Timestamp(year: parts[0], month: parts[1], day: parts[2])!
    }

    @Test("windows step through the data; the last test window starts before the data ends")
    func windows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try SweepSession.prepare(
            sweepPath: try SweepFixture.write(in: directory, sweep: Self.sweep(train: "3y", test: "1y", step: "1y")))
        let windows = try WalkForwardRun.windows(of: session)
        // GOOGL's data: 2009-05-22 .. 2018-08-29.
        #expect(windows.count == 7)
        #expect(
            windows.first
                == WalkForward.Window(
                    trainStart: Self.day("2009-05-22"), testStart: Self.day("2012-05-22"),
                    testEnd: Self.day("2013-05-22")))
        #expect(windows.last?.testStart == Self.day("2018-05-22"))
    }

    @Test("a train and test window longer than the data is a configuration error before anything runs")
    func tooLong() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try SweepSession.prepare(
            sweepPath: try SweepFixture.write(in: directory, sweep: Self.sweep(train: "8y", test: "2y", step: "1y")))
        let error = #expect(throws: ConfigurationError.self) { try WalkForwardRun.windows(of: session) }
        #expect(error?.issues.first?.issue.keyPath == "walk_forward.train")
        #expect(error?.issues.first?.issue.reason.contains("longer than the data") == true)
    }

    @Test("each window runs the train window's best variant on the test window; the stitched equity compounds")
    func choicesAndStitching() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try SweepSession.prepare(
            sweepPath: try SweepFixture.write(in: directory, sweep: Self.sweep(train: "3y", test: "2y", step: "2y")))
        let run = try await WalkForwardRun.run(session: session, jobs: 2)
        #expect(run.windows.count == 4)
        var compounded = session.portfolio.setup.initialBalance
        for window in run.windows {
            // The choice is the best of every variant on the train window alone.
            var best: (value: Double, values: [SweepValue])?
            for variant in session.plan.variants {
                let record = try await session.runner.record(
                    of: variant, window: window.window.trainStart..<window.window.testStart)
                if let value = record.objectiveValue, value > (best?.value ?? -.infinity) {
                    best = (value, variant.values)
                }
            }
            #expect(window.choice?.map(\.value) == best?.values)
            // Its out-of-sample metrics are a backtest of the choice on the test window alone.
            let values = try #require(window.choice?.map(\.value))
            guard
                case .success(let setup) = session.builder.setup(
                    for: values, window: window.window.testStart..<window.window.testEnd)
            else {
                Issue.record("the choice did not build")
                return
            }
            let result = try await PortfolioBacktester(setup: setup).run(runID: "x")
            #expect(window.outOfSample == result.portfolio)
            compounded *= result.portfolio.finalEquity / setup.initialBalance
        }
        let stitched = try #require(run.stitched)
        #expect(abs(stitched.finalEquity - compounded) < 1e-6 * compounded)
        #expect(run.stitchedEquity.map(\.time) == run.stitchedEquity.map(\.time).sorted())
    }
}
