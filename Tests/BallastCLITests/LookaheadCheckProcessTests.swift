import BallastCore
import BallastStrategies
import BallastTestKit
import Foundation
import Testing

/// `ballast validate --lookahead` (issue 13 item 5): a strategy that peeks one bar ahead is caught,
/// an honest one passes.
@Suite("validate --lookahead: peeking process and signals strategies are caught, honest ones pass")
struct LookaheadCheckProcessTests {
    /// A Python process strategy that answers bar i after reading bar i + 1 (a backtest writes every
    /// bar ahead, so it can): long when the next close is higher.
    static let peeking = """
        import json, sys
        hello = sys.stdin.readline()
        print('{"type":"ready","lookback":1}', flush=True)
        previous = None
        for line in sys.stdin:
            message = json.loads(line)
            if message["type"] != "bar":
                break
            if previous is not None:
                signal = "long" if message["close"] > previous["close"] else "exit"
                print(json.dumps({"type": "signal", "signal": signal}), flush=True)
            previous = message
        if previous is not None:
            print('{"type":"signal","signal":"none"}', flush=True)
        """

    /// The same decision made honestly: long when this close is higher than the previous one.
    static let honest = """
        import json, sys
        hello = sys.stdin.readline()
        print('{"type":"ready","lookback":1}', flush=True)
        previous = None
        for line in sys.stdin:
            message = json.loads(line)
            if message["type"] != "bar":
                break
            signal = "none" if previous is None else ("long" if message["close"] > previous else "exit")
            previous = message["close"]
            print(json.dumps({"type": "signal", "signal": signal}), flush=True)
        """

    static func portfolio(_ strategy: String, in directory: TemporaryDirectory) throws -> String {
        try directory.write(
            "data/AAA.csv", TextFixtures.dailyCSV(count: 120, closes: [100, 103, 99, 104, 101, 98, 102]))
        try directory.write("strategy.py", strategy)
        return try directory.write(
            "p.toml",
            """
            [portfolio]
            initial_balance = 10_000
            data_dir = "data"

            [[strategies]]
            id = "ext"
            kind = "process"
            command = ["python3", "strategy.py"]
            timeout_ms = 60000
            symbol = "AAA"
            data = "AAA.csv"
            """)
    }

    @Test(
        "a process that reads the next bar before answering is caught (exit 1, bars named); an honest one passes",
        .enabled(if: ProcessStrategyProcessTests.hasPython, "python3 is not on PATH"))
    func processes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let peeking = try await ProcessStrategyProcessTests.ballast([
            "validate", "--lookahead", "--samples", "8", try Self.portfolio(Self.peeking, in: directory),
        ])
        #expect(peeking.status == 1, "\(peeking.errors)")
        #expect(peeking.output.contains("strategy 'ext' at bar 2024-01-01T00:00:00Z: signal"), "\(peeking.output)")
        #expect(peeking.output.contains("with the later bars, none without them"), "\(peeking.output)")
        #expect(peeking.errors.contains("look-ahead found"))
        let honest = try await ProcessStrategyProcessTests.ballast([
            "validate", "--lookahead", "--samples", "8", try Self.portfolio(Self.honest, in: directory),
        ])
        #expect(honest.status == 0, "\(honest.errors)")
        #expect(honest.output.contains("lookahead: ext (replayed at 8 cut histories): no look-ahead found"))
    }

    @Test("a signals file computed with the next close is caught; the built-in sma_cross's signals written out pass")
    func signalsFiles() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try DemoPortfolioFixture.write(in: directory, from: "2009-01-01", to: "2013-01-01")
        let data = try BarCSVLoader(symbol: "SPX", timeframe: .oneDay).load(path: directory.path("data/SP500-1d.csv"))
        func write(_ signals: [Signal]) throws {
            var text = "timestamp,signal\n"
            for (index, signal) in signals.enumerated() {
                let word = [Signal.enterLong: "long", .enterShort: "short", .exit: "exit"][signal] ?? ""
                text += "\(Timestamp(seconds: data.times[index]).iso8601),\(word)\n"
            }
            try directory.write("signals.csv", text)
        }
        try directory.write(
            "demo.toml",
            try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
                of: "kind = \"sma_cross\"", with: "kind = \"signals\"\nsignals = \"signals.csv\""
            )
            .replacingOccurrences(of: "params = { fast = 20, slow = 100 }\n", with: ""))
        var future: [Signal] = []
        for index in 0..<data.count {
            guard index + 1 < data.count else {
                future.append(.none)
                continue
            }
            future.append(data.close[index + 1] > data.close[index] ? .enterLong : .enterShort)
        }
        try write(future)
        let peeking = try await ProcessStrategyProcessTests.ballast(["validate", "--lookahead", path])
        #expect(peeking.status == 1, "\(peeking.errors)")
        #expect(peeking.output.contains("strategy 'trend-spx': "), "\(peeking.output)")
        #expect(peeking.output.contains("call the next bar's close"))
        try write(SMACrossStrategy(fast: 5, slow: 20, allowShort: true).signals(for: data).signals)
        let honest = try await ProcessStrategyProcessTests.ballast(["validate", "--lookahead", path])
        #expect(honest.status == 0, "\(honest.errors)")
        #expect(
            honest.output.contains(
                "lookahead: trend-spx (signals file: entries against the next close): no look-ahead found"))
    }
}
