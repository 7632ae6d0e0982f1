import BallastConfig
import BallastCore
import BallastEngine
import BallastStrategies
import BallastTestKit
import Foundation
import Testing

/// Kind `signals` (SPEC §15): a CSV of signals joined one to one to the strategy's bars.
@Suite("Signals files: join, values, and every data error with file, line and column")
struct SignalsFileTests {
    /// Five daily bars from 2024-01-01.
    static let data = TextFixtures.dailyCSV(count: 5)

    static func portfolio(signals: String = "signals.csv", extra: String = "") -> String {
        """
        [portfolio]
        initial_balance = 10_000
        data_dir = "data"

        [[strategies]]
        id = "mine"
        kind = "signals"
        signals = "\(signals)"
        symbol = "AAA"
        data = "AAA.csv"
        \(extra)
        """
    }

    static func load(signals: String, portfolio: String = portfolio()) throws -> PortfolioFile {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("data/AAA.csv", data)
        try directory.write("signals.csv", signals)
        return try PortfolioFile.load(path: try directory.write("p.toml", portfolio))
    }

    static func day(_ index: Int) -> String {
        Timestamp(year: 2024, month: 1, day: 1)!.adding(seconds: Int64(index) * 86_400).iso8601
    }

    @Test("rows join the bars one to one: signals and named values step out by bar")
    func joins() throws {
        let text = """
            timestamp,signal,prediction_confidence
            \(Self.day(0)),,
            \(Self.day(1)),long,0.7
            \(Self.day(2)),none,0.5
            \(Self.day(3)),exit,
            \(Self.day(4)),short,1
            """
        let file = try Self.load(signals: text)
        var strategy = try #require(file.setup.strategies[0].strategy as? PrecomputedStrategy)
        #expect(strategy.kind == "signals")
        #expect(strategy.valueNames == ["prediction_confidence"])
        let stepped = strategy.step(over: file.setup.series[0])
        #expect(stepped.signals == [.none, .enterLong, .none, .exit, .enterShort])
        let confidence = try #require(stepped.indicators["prediction_confidence"])
        #expect(confidence[1] == 0.7 && confidence[2] == 0.5 && confidence[4] == 1 && confidence[0].isNaN)
    }

    @Test("a series cut by --from steps from its first bar: the signals stay on their bars")
    func slicedSeries() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("data/AAA.csv", Self.data)
        try directory.write(
            "signals.csv",
            "timestamp,signal\n" + (0..<5).map { "\(Self.day($0)),\($0 == 3 ? "long" : "")" }.joined(separator: "\n"))
        let file = try PortfolioFile.load(
            path: try directory.write("p.toml", Self.portfolio()), from: Timestamp(year: 2024, month: 1, day: 3))
        let signals = file.setup.strategies[0].strategy.signals(for: file.setup.series[0]).signals
        #expect(signals == [.none, .enterLong, .none])
    }

    /// (case, signals text, line, column, words in the reason)
    static let rejections: [(String, String, Int, String?, String)] = [
        (
            "row off the bar grid", "timestamp,signal\n\(day(0)),\n2024-01-02T12:00:00Z,long\n", 3, "timestamp",
            "row off the bar grid"
        ),
        ("bad signal", "timestamp,signal\n\(day(0)),buy\n", 2, "signal", "unknown signal \"buy\""),
        (
            "bad value", "timestamp,signal,prediction_confidence\n\(day(0)),long,high\n", 2, "prediction_confidence",
            "not a finite number"
        ),
        ("missing row", "timestamp,signal\n\(day(0)),\n\(day(2)),\n", 3, "timestamp", "missing row for the bar at"),
        (
            "missing rows at the end", "timestamp,signal\n\(day(0)),\n\(day(1)),\n", 4, "timestamp",
            "missing rows: the file ends before the bar at \(day(2))"
        ),
        (
            "extra row",
            "timestamp,signal\n" + (0..<6).map { "\(day($0)),\n" }.joined(), 7, "timestamp", "extra row"
        ),
        ("unparsable time", "timestamp,signal\nyesterday,long\n", 2, "timestamp", "unparsable timestamp"),
        ("bad header", "time,sig\n", 1, nil, "the header must start with timestamp,signal"),
        ("short row", "timestamp,signal,x\n\(day(0)),long\n", 2, nil, "expected 3 fields"),
    ]

    @Test(
        "each problem is a DataError (exit 65) naming the signals file, the line and the column", arguments: rejections)
    func rejects(_ name: String, _ text: String, _ line: Int, _ column: String?, _ reason: String) throws {
        do {
            _ = try Self.load(signals: text)
            Issue.record("\(name): loaded")
        } catch let error as DataError {
            #expect(error.file.hasSuffix("signals.csv"), "\(name)")
            #expect(error.line == line, "\(name): \(error)")
            #expect(error.column == column, "\(name): \(error)")
            #expect(error.reason.contains(reason), "\(name): \(error)")
            #expect(error.exitStatus == .badData)
        }
    }

    @Test("a missing signals file, a missing signals key, params or a command are configuration errors (exit 78)")
    func configurationErrors() throws {
        let cases: [(String, String, String)] = [
            (Self.portfolio(signals: "nope.csv"), "strategies[0].signals", "signals file not found"),
            (
                Self.portfolio().replacingOccurrences(of: "signals = \"signals.csv\"\n", with: ""),
                "strategies[0].signals", "is required"
            ),
            (Self.portfolio(extra: "params = { x = 1 }"), "strategies[0].params.x", "signals takes no parameters"),
            (
                Self.portfolio(extra: "command = [\"x\"]"), "strategies[0].command",
                "only a strategy of kind \"process\""
            ),
        ]
        for (text, keyPath, reason) in cases {
            do {
                _ = try Self.load(signals: "timestamp,signal\n", portfolio: text)
                Issue.record("loaded: \(keyPath)")
            } catch let error as ConfigurationError {
                #expect(error.exitStatus == .badConfiguration)
                #expect(
                    error.issues.contains { $0.issue.keyPath == keyPath && $0.issue.reason.contains(reason) },
                    "\(error)")
            }
        }
    }
}
