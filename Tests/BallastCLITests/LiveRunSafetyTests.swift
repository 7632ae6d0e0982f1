import BallastTestKit
import Foundation
import GRDB
import Testing

/// `ballast live` run safety (issue 11): one process per database, a resume that ignores comments
/// but refuses changed settings, a checkpointed WAL on a clean stop, a --start past the data, and
/// what a resume says.
@Suite("ballast live: one process per database, settings-keyed resume, clean stop", .serialized)
struct LiveRunSafetyTests {
    /// A live run of the demo fixture with `--print-bars`, read up to `bars` lines: about 20 ms a daily
    /// bar (the whole run takes over 15 s, so it is still running when a slow machine gets to signal it).
    static func startSlow(_ portfolio: String, database: String, bars: Int, speed: String = "4000000") async throws
        -> BallastProcess
    {
        let child = try BallastProcess(
            ["live", portfolio, "--db", database, "--speed", speed, "--print-bars"])
        var seen = 0
        while seen < bars, await child.nextLine() != nil { seen += 1 }
        return child
    }

    /// Runs a command to its end; returns its status and standard error.
    static func run(_ arguments: [String]) async throws -> (Int32, String) {
        let child = try BallastProcess(arguments)
        let status = await child.finished()
        return (status, child.standardError)
    }

    @Test("a second live process on the database is refused naming the holder's pid; after kill -9 a new one resumes")
    func oneLiveProcessPerDatabase() async throws {
        let (directory, portfolio) = try LiveProcessTests.fixture()
        defer { directory.remove() }
        let database = directory.path("live.sqlite")
        // A bar a second: it holds the lock for as long as the test needs.
        let first = try await Self.startSlow(portfolio, database: database, bars: 2, speed: "86400")
        let holder = first.process.processIdentifier
        let (status, errors) = try await Self.run(["live", portfolio, "--db", database])
        #expect(status == 1)
        #expect(errors.contains("pid \(holder)"), "\(errors)")
        #expect(first.process.isRunning)
        kill(holder, SIGKILL)
        _ = await first.finished()
        let journaled = try #require(try LiveProcessTests.scalar("SELECT count(*) FROM live_bars", in: database))
        // The kernel released the lock with the process: the next start resumes (and says so).
        let (resumed, said) = try await Self.run(["live", portfolio, "--db", database])
        #expect(resumed == 0, "\(said)")
        #expect(said.contains("resuming live run 1"), "\(said)")
        #expect(said.contains("\(journaled) bars journaled"), "\(said)")
        #expect(try LiveProcessTests.scalar("SELECT count(*) FROM runs", in: database) == "1")
        #expect(try LiveProcessTests.scalar("SELECT status FROM runs", in: database) == "finished")
    }

    @Test("SIGTERM checkpoints the WAL: the -wal file is empty or gone and the database holds every bar")
    func gracefulStopCheckpoints() async throws {
        let (directory, portfolio) = try LiveProcessTests.fixture()
        defer { directory.remove() }
        let database = directory.path("live.sqlite")
        let child = try await Self.startSlow(portfolio, database: database, bars: 100)
        kill(child.process.processIdentifier, SIGTERM)
        #expect(await child.finished() == 0)
        let wal = (try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0)
        // Read the main file alone (a copy without its WAL): every committed bar is in it.
        let copy = directory.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        let bars = try #require(
            try LiveProcessTests.scalar("SELECT count(DISTINCT close_time) FROM live_bars", in: copy))
        #expect(Int(bars)! >= 100)
    }

    @Test("--start after the data's last bar is a usage error (64) naming where the data ends; nothing written")
    func startAfterTheData() async throws {
        let (directory, portfolio) = try LiveProcessTests.fixture()
        defer { directory.remove() }
        let database = directory.path("live.sqlite")
        let (status, errors) = try await Self.run(["live", portfolio, "--db", database, "--start", "2030-01-01"])
        #expect(status == 64)
        #expect(errors.contains("2013-01-01T00:00:00Z"), "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(!FileManager.default.fileExists(atPath: database + ".lock"))
    }

    @Test("an edit that changes no setting resumes the run; a changed setting is refused (78) until --new-run")
    func settingsKeyedResume() async throws {
        let (directory, portfolio) = try LiveProcessTests.fixture()
        defer { directory.remove() }
        let database = directory.path("live.sqlite")
        let original = try String(contentsOfFile: portfolio, encoding: .utf8)
        var child = try await Self.startSlow(portfolio, database: database, bars: 60)
        kill(child.process.processIdentifier, SIGTERM)
        #expect(await child.finished() == 0)
        // Comments, spacing and number spelling: the same settings, the same run.
        let reformatted =
            original.replacingOccurrences(of: "max_drawdown = 0.20", with: "max_drawdown   =   0.2   # same")
            + "\n# a comment appended\n"
        try reformatted.write(toFile: portfolio, atomically: true, encoding: .utf8)
        child = try await Self.startSlow(portfolio, database: database, bars: 10)
        kill(child.process.processIdentifier, SIGTERM)
        #expect(await child.finished() == 0)
        #expect(child.standardError.contains("resuming live run 1"), "\(child.standardError)")
        #expect(try LiveProcessTests.scalar("SELECT count(*) FROM runs", in: database) == "1")
        // A real change while the run holds positions: refused, the database left as it was.
        let changed = reformatted.replacingOccurrences(of: "max_daily_risk = 0.06", with: "max_daily_risk = 0.05")
        try changed.write(toFile: portfolio, atomically: true, encoding: .utf8)
        let bars = try LiveProcessTests.scalar("SELECT count(*) FROM live_bars", in: database)
        let (refused, errors) = try await Self.run(["live", portfolio, "--db", database])
        #expect(refused == 78)
        #expect(errors.contains("risk.max_daily_risk") && errors.contains("--new-run"), "\(errors)")
        #expect(try LiveProcessTests.scalar("SELECT count(*) FROM runs", in: database) == "1")
        #expect(try LiveProcessTests.scalar("SELECT count(*) FROM live_bars", in: database) == bars)
        // --new-run: the old run's positions are closed at their last close and it finishes; a new run starts.
        let (started, said) = try await Self.run(["live", portfolio, "--db", database, "--new-run"])
        #expect(started == 0, "\(said)")
        #expect(said.contains("ended live run 1"), "\(said)")
        #expect(
            try LiveProcessTests.scalar(
                "SELECT group_concat(status) FROM (SELECT status FROM runs ORDER BY id)", in: database)
                == "finished,finished")
        let closed = try LiveProcessTests.scalar(
            "SELECT count(*) FROM trades WHERE run_id = 1 AND exit_reason = 'end_of_data'", in: database)
        #expect(Int(closed ?? "0")! > 0)
    }

    @Test("--new-run never flattens at an exchange: a run on an exchange venue that holds positions is refused (78)")
    func newRunRefusedForAnExchangeRunWithPositions() async throws {
        let (directory, portfolio) = try LiveProcessTests.fixture()
        defer { directory.remove() }
        let database = directory.path("live.sqlite")
        let child = try await Self.startSlow(portfolio, database: database, bars: 60)
        kill(child.process.processIdentifier, SIGTERM)
        #expect(await child.finished() == 0)
        // Make the stopped run look like one that traded on Binance (its key names the venue).
        let queue = try DatabaseQueue(path: database)
        try await queue.write { db in
            try db.execute(sql: "UPDATE runs SET input_hash = replace(input_hash, '-paper', '-binance')")
        }
        try queue.close()
        let (status, errors) = try await Self.run(["live", portfolio, "--db", database, "--new-run"])
        #expect(status == 78)
        #expect(errors.contains("trades on binance and holds positions"), "\(errors)")
        #expect(try LiveProcessTests.scalar("SELECT count(*) || ' ' || status FROM runs", in: database) == "1 running")
    }
}
