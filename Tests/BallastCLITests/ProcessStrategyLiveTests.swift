import BallastTestKit
import Foundation
import GRDB
import Testing

/// Process strategies in `ballast live` (SPEC §15): the same protocol as a backtest, bar by bar;
/// a process that fails halts only its own strategy (reduce-only, journaled `strategy_failed`).
@Suite("Process strategies live: parity with the backtest, faults halt one strategy", .serialized)
struct ProcessStrategyLiveTests {
    static func rows(_ sql: String, in path: String) throws -> [[String]] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.columnNames.map { "\(row[$0] ?? "NULL")" } }
        }
    }

    @Test(
        "live --feed replay with the Python SMA cross journals exactly the backtest's trades and decisions",
        .enabled(if: ProcessStrategyProcessTests.hasPython, "python3 is not on PATH"))
    func parityWithBacktest() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (path, backtest, live) = try await ProcessStrategyResumeTests.backtestedPythonExample(in: directory)
        let replay = try await ProcessStrategyProcessTests.ballast([
            "live", path, "--feed", "replay", "--speed", "max", "--venue", "paper", "--db", live,
        ])
        #expect(replay.status == 0, "\(replay.errors)")
        for table in LiveProcessTests.tables {
            let expected = try LiveProcessTests.rows(table, in: backtest)
            #expect(try LiveProcessTests.rows(table, in: live) == expected, "table \(table)")
        }
        #expect(try Self.rows("SELECT * FROM trades", in: live).count > 10)
    }

    /// (fault, shell answer code, words of the message)
    static let faults: [(String, String, String)] = [
        ("exit", #"[ $n -eq 20 ] && exit 3"#, "the process exited with status 3"),
        ("malformed", #"[ $n -eq 20 ] && reply='{"type":"signal",'"#, "malformed JSON"),
        ("unknown signal", #"[ $n -eq 20 ] && reply='{"type":"signal","signal":"buy"}'"#, "unknown signal \"buy\""),
        (
            "wrong type", #"[ $n -eq 20 ] && reply='{"type":"signal","signal":1}'"#,
            "\"signal\" must be a string, got a number"
        ),
        ("hang", #"[ $n -eq 20 ] && sleep 5"#, "no answer within 300 ms"),
    ]

    @Test(
        "a live process that fails is halted alone: strategy_failed journaled with the message, the others trade on",
        arguments: faults)
    func liveFault(_ name: String, _ answer: String, _ message: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var path = try ProcessStrategyProcessTests.portfolio(
            script: ProcessStrategyProcessTests.script(
                answer: #"[ $n -eq 5 ] && reply='{"type":"signal","signal":"long"}'"# + "\n  " + answer),
            in: directory, timeout: 300)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += """

            [[strategies]]
            id = "steady"
            kind = "sma_cross"
            symbol = "AAA"
            data = "AAA.csv"
            params = { fast = 2, slow = 4 }
            """
        path = try directory.write("p.toml", text)
        let database = directory.path("live.sqlite")
        let live = try await ProcessStrategyProcessTests.ballast([
            "live", path, "--feed", "replay", "--speed", "max", "--venue", "paper", "--db", database,
        ])
        #expect(live.status == 0, "\(name): \(live.errors)")
        let events = try Self.rows(
            "SELECT strategy_id, entered, reason, message, time FROM reduce_only_events WHERE reason = 'strategy_failed'",
            in: database)
        #expect(events.count == 1, "\(name): \(events)")
        #expect(events.first?[0] == "ext")
        #expect(events.first?[1] == "1")
        #expect(events.first?[3].contains(message) == true, "\(name): \(events)")
        #expect(
            events.first?[3].contains("strategy 'ext' failed at bar 2024-01-20T00:00:00Z (#20)") == true, "\(events)")
        // The other strategy traded after the failure; the halted one entered nothing after it.
        let steady = try Self.rows(
            "SELECT count(*) FROM trades WHERE strategy_id = 'steady' AND entry_time > \(1_705_708_800)", in: database)
        #expect(Int(steady.first?.first ?? "0")! > 0, "\(name)")
        let ext = try Self.rows(
            "SELECT count(*) FROM trades WHERE strategy_id = 'ext' AND entry_time > \(1_705_708_800)", in: database)
        #expect(ext.first?.first == "0", "\(name): \(ext)")
        #expect(live.errors.contains("strategy failed"), "\(name): \(live.errors)")
    }
}

extension ProcessStrategyLiveTests {
    /// True while `pid` runs (a zombie, ended but not reaped, does not run).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    @Test(
        "SIGKILL of a live ballast: its Python strategy process reads end of input and exits",
        .enabled(if: ProcessStrategyProcessTests.hasPython, "python3 is not on PATH"))
    func childExitsWhenBallastIsKilled() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try ProcessStrategyResumeTests.pythonExample(in: directory, fastSlow: nil)
        let live = try BallastProcess([
            "live", path, "--db", directory.path("live.sqlite"), "--speed", "8000000", "--print-bars",
        ])
        var seen = 0
        while seen < 5, await live.nextLine() != nil { seen += 1 }
        let parent = live.process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
        var pids = children.split(separator: " ").compactMap { Int32($0) }
        if pids.isEmpty {
            // Threads other than the main one may have started the child.
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
            for task in tasks {
                let text = (try? String(contentsOfFile: "/proc/\(parent)/task/\(task)/children", encoding: .utf8)) ?? ""
                pids += text.split(separator: " ").compactMap { Int32($0) }
            }
        }
        #expect(pids.count == 1, "children of ballast: \(pids)")
        kill(parent, SIGKILL)
        _ = await live.finished()
        for pid in pids {
            var waited = 0
            while Self.isRunning(pid) && waited < 100 {
                try await Task.sleep(for: .milliseconds(50))
                waited += 1
            }
            #expect(!Self.isRunning(pid), "strategy process \(pid) outlived ballast")
        }
    }
}
