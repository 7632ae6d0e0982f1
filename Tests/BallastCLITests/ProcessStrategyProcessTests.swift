import BallastCore
import BallastTestKit
import Foundation
import Testing

/// Process strategies (kind `process`, SPEC §15) through the real `ballast` executable: the
/// protocol, the Python example against the built-in, and every fault class of a backtest.
@Suite("Process strategies: protocol v1, the Python example, faults in a backtest")
struct ProcessStrategyProcessTests {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    static func ballast(_ arguments: [String]) async throws -> Outcome {
        let child = try BallastProcess(arguments)
        var lines: [String] = []
        while let line = await child.nextLine() { lines.append(line) }
        let status = await child.finished()
        return Outcome(status: status, output: lines.joined(separator: "\n"), errors: child.standardError)
    }

    static var hasPython: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        }
    }

    /// A portfolio of one process strategy `ext` over 30 daily bars from 2024-01-01, running
    /// `strategy.sh` (made executable unless `executable` is false).
    static func portfolio(
        script: String, in directory: TemporaryDirectory, executable: Bool = true,
        command: String = "[\"./strategy.sh\"]",
        timeout: Int = 2_000
    ) throws -> String {
        try directory.write("data/AAA.csv", TextFixtures.dailyCSV(count: 30))
        let path = try directory.write("strategy.sh", "#!/bin/sh\n" + script)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        return try directory.write(
            "p.toml",
            """
            [portfolio]
            initial_balance = 10_000
            data_dir = "data"

            [[strategies]]
            id = "ext"
            kind = "process"
            command = \(command)
            timeout_ms = \(timeout)
            symbol = "AAA"
            data = "AAA.csv"
            params = { answer = "long" }
            """)
    }

    /// A shell strategy: ready with `ready`, then `answer(n)` (shell code setting `reply` for bar n).
    static func script(ready: String = #"{"type":"ready","lookback":1}"#, answer: String) -> String {
        """
        read hello
        echo '\(ready)'
        n=0
        while read line; do
          n=$((n+1))
          reply='{"type":"signal","signal":"none"}'
          \(answer)
          echo "$reply"
        done
        """
    }

    @Test("a shell strategy speaking v1 runs: hello carries params, signals trade, the run is journaled")
    func honestProcess() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.portfolio(
            script: """
                echo started >> starts.txt
                read hello
                case "$hello" in *'"params":{"answer":"long"}'*) ;; *) echo "bad hello: $hello" >&2; exit 9;; esac
                echo '{"type":"ready","lookback":2,"future_key":true}'
                n=0
                while read line; do
                  n=$((n+1))
                  case $n in
                    3) echo '{"type":"signal","signal":"long","values":{"prediction_confidence":0.5},"note":"x"}';;
                    9) echo '{"type":"signal","signal":"exit"}';;
                    *) echo '{"type":"signal","signal":"none"}';;
                  esac
                done
                """, in: directory)
        let run = try await Self.ballast(["backtest", path, "--json", "--db", directory.path("j.sqlite")])
        #expect(run.status == 0, "\(run.errors)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        #expect(strategies.first?["trades"] as? Int == 1)
        // One process per strategy and run: its answers are kept, never asked for again bar by bar.
        #expect(try String(contentsOfFile: directory.path("starts.txt"), encoding: .utf8) == "started\n")
    }

    /// (fault, the shell answer code or a whole script, timeout, words of the message)
    static let faults: [(String, String, Int, String)] = [
        (
            "exit", #"[ $n -eq 3 ] && exit 3"#, 2_000,
            "at bar 2024-01-03T00:00:00Z (#3): the process exited with status 3"
        ),
        ("hang", #"[ $n -eq 3 ] && sleep 30"#, 300, "at bar 2024-01-03T00:00:00Z (#3): no answer within 300 ms"),
        ("malformed", #"[ $n -eq 3 ] && reply='{"type":"signal",'"#, 2_000, "(#3): malformed JSON"),
        (
            "wrong type", #"[ $n -eq 3 ] && reply='{"type":"signal","signal":1}'"#, 2_000,
            "\"signal\" must be a string, got a number"
        ),
        (
            "unknown signal", #"[ $n -eq 3 ] && reply='{"type":"signal","signal":"buy"}'"#, 2_000,
            "unknown signal \"buy\""
        ),
        ("missing key", #"[ $n -eq 3 ] && reply='{"type":"signal"}'"#, 2_000, "missing \"signal\""),
        (
            "wrong message", #"[ $n -eq 3 ] && reply='{"type":"ready","lookback":1}'"#, 2_000,
            "expected a \"signal\" message"
        ),
    ]

    @Test(
        "a backtest whose process fails exits 1 naming strategy, bar and message, and journals no run",
        arguments: faults)
    func backtestFault(_ name: String, _ answer: String, _ timeout: Int, _ message: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.portfolio(script: Self.script(answer: answer), in: directory, timeout: timeout)
        let database = directory.path("j.sqlite")
        let run = try await Self.ballast(["backtest", path, "--db", database])
        #expect(run.status == 1, "\(name): \(run.errors)")
        #expect(run.errors.contains("strategy 'ext' failed"), "\(name): \(run.errors)")
        #expect(run.errors.contains(message), "\(name): \(run.errors)")
        let runs = try await Self.ballast(["runs", "--db", database, "--json"])
        #expect(!FileManager.default.fileExists(atPath: database) || !runs.output.contains("\"id\""), "\(name)")
    }

    /// (case, ready line, words of the message)
    static let badReadies: [(String, String, String)] = [
        (
            "negative", #"{"type":"ready","lookback":-1}"#,
            "\"lookback\" must be a whole number in 0...1000000, got -1.0"
        ),
        (
            "fraction", #"{"type":"ready","lookback":2.5}"#,
            "\"lookback\" must be a whole number in 0...1000000, got 2.5"
        ),
        ("text", #"{"type":"ready","lookback":"20"}"#, "\"lookback\" must be a number, got a string"),
        ("missing", #"{"type":"ready"}"#, "missing \"lookback\""),
    ]

    @Test("a ready with a bad lookback fails the backtest before its first bar (exit 1)", arguments: badReadies)
    func badReady(_ name: String, _ ready: String, _ message: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.portfolio(script: Self.script(ready: ready, answer: ""), in: directory)
        let run = try await Self.ballast(["backtest", path, "--no-db"])
        #expect(run.status == 1, "\(name): \(run.errors)")
        #expect(run.errors.contains("strategy 'ext' failed before its first bar: ready: \(message)"), "\(run.errors)")
    }

    @Test("a missing command or one that is not executable is a configuration error (exit 78) naming the key")
    func badCommands() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let script = Self.script(answer: "")
        let missing = try Self.portfolio(script: script, in: directory, command: #"["./nope.sh"]"#)
        var run = try await Self.ballast(["validate", missing])
        #expect(run.status == 78)
        #expect(
            run.errors.contains("strategies[0].command") && run.errors.contains("command not found"), "\(run.errors)")
        let notOnPath = try Self.portfolio(script: script, in: directory, command: #"["no-such-program-ballast"]"#)
        run = try await Self.ballast(["backtest", notOnPath, "--no-db"])
        #expect(run.status == 78)
        #expect(run.errors.contains("command not found on PATH: no-such-program-ballast"), "\(run.errors)")
        let plain = try Self.portfolio(script: script, in: directory, executable: false)
        run = try await Self.ballast(["backtest", plain, "--no-db"])
        #expect(run.status == 78)
        #expect(run.errors.contains("command is not executable"), "\(run.errors)")
    }

    @Test(
        "the Python SMA cross of examples/python-strategy trades exactly as the built-in sma_cross on the demo's data",
        .enabled(if: ProcessStrategyProcessTests.hasPython, "python3 is not on PATH"))
    func pythonEqualsBuiltIn() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let example = DemoPortfolioFixture.repositoryRoot.appendingPathComponent("examples/python-strategy")
        let data = DemoPortfolioFixture.repositoryRoot.appendingPathComponent("portfolios/data").path
        var text = try String(contentsOf: example.appendingPathComponent("portfolio.toml"), encoding: .utf8)
        // A loaded machine can take seconds to start an interpreter (behind a version manager's shim).
        text = text.replacingOccurrences(of: "\"../../portfolios/data\"", with: "\"\(data)\"")
            .replacingOccurrences(of: "timeout_ms = 5000", with: "timeout_ms = 60000")
        let process = try directory.write("process/p.toml", text)
        for file in ["ballast_strategy.py", "sma_cross.py"] {
            try FileManager.default.copyItem(
                atPath: example.appendingPathComponent(file).path, toPath: directory.path("process/\(file)"))
        }
        let builtIn = text.replacingOccurrences(of: "kind = \"process\"", with: "kind = \"sma_cross\"")
            .replacingOccurrences(of: "command = [\"python3\", \"sma_cross.py\"]\n", with: "")
            .replacingOccurrences(of: "timeout_ms = 60000\n", with: "")
        let native = try directory.write("native/p.toml", builtIn)
        let python = try await Self.ballast(["backtest", process, "--json", "--db", directory.path("process.sqlite")])
        let swift = try await Self.ballast(["backtest", native, "--json", "--db", directory.path("native.sqlite")])
        #expect(python.status == 0, "\(python.errors)")
        #expect(swift.status == 0, "\(swift.errors)")
        func strategies(_ output: String) throws -> String {
            let json = try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let data = try JSONSerialization.data(withJSONObject: json["strategies"] as Any, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try strategies(python.output) == strategies(swift.output))
        let pythonTrades = try await Self.ballast(["trades", "--db", directory.path("process.sqlite"), "--csv"])
        let swiftTrades = try await Self.ballast(["trades", "--db", directory.path("native.sqlite"), "--csv"])
        #expect(pythonTrades.status == 0 && swiftTrades.status == 0)
        #expect(pythonTrades.output.split(whereSeparator: \.isNewline).count > 10)
        #expect(pythonTrades.output == swiftTrades.output)
    }
}
