import BallastTestKit
import Foundation
import GRDB
import Testing

/// A walk-forward sweep is journaled and resumes (issue 15): kill -9 in the middle of its windows,
/// run the same command again, and the output equals an uninterrupted run's.
@Suite("ballast sweep: a walk-forward killed with -9 resumes", .serialized)
struct WalkForwardResumeProcessTests {
    /// 16 variants; train 2y, test 6m, step 6m over GOOGL 2009-05 .. 2018-08: 15 windows of 16 train runs.
    static let sweep = """
        portfolio = "portfolio.toml"
        objective = "sharpe"
        [[axes]]
        key = "strategies.trend.params.fast"
        values = [5, 10, 15, 20]
        [[axes]]
        key = "strategies.trend.params.slow"
        range = { from = 30, to = 70, step = 10 }
        [walk_forward]
        train = "2y"
        test = "6m"
        step = "6m"
        """

    static func count(_ table: String, in path: String) -> Int { JournalPeek.count(table, in: path) }

    /// Sends SIGKILL to `child` as soon as `table` holds `threshold` rows (or after 30 s), watching
    /// from a dedicated thread, not the concurrency pool; true when the child was still running then.
    static func kill(_ child: BallastProcess, whenCountOf table: String, in path: String, reaches threshold: Int)
        async -> Bool
    {
        await withCheckedContinuation { continuation in
            let watch = Thread {
                let deadline = Date().addingTimeInterval(30)
                while count(table, in: path) < threshold && Date() < deadline { usleep(2_000) }
                let running = child.process.isRunning
                Foundation.kill(child.process.processIdentifier, SIGKILL)
                continuation.resume(returning: running)
            }
            watch.start()
        }
    }

    static func rows(_ sql: String, in path: String) throws -> [Row] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Row.fetchAll(db, sql: sql) }
    }

    static let variantsSQL = """
        SELECT window_index, variant, params_json, status, objective_value, metrics_json, summary_json
        FROM walk_forward_variants ORDER BY window_index, variant
        """
    static let windowsSQL = "SELECT * FROM walk_forward_windows ORDER BY window_index"

    @Test("kill -9 mid-walk-forward, rerun: done windows and variants are kept, not rerun; output equals a whole run's")
    func killAndResume() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweep = try SweepFixture.write(in: directory, sweep: Self.sweep)
        let whole = try await SweepProcessTests.ballast([
            "sweep", sweep, "--db", directory.path("whole.sqlite"), "--json",
        ])
        #expect(whole.status == 0)
        #expect(whole.output.contains("\"walk_forward\""))
        let wholeWindows = try Self.rows(Self.windowsSQL, in: directory.path("whole.sqlite"))
        #expect(wholeWindows.count == 15)
        #expect(Self.count("walk_forward_variants", in: directory.path("whole.sqlite")) == 15 * 16)

        let database = directory.path("killed.sqlite")
        let child = try BallastProcess(["sweep", sweep, "--db", database, "--jobs", "1", "--json"])
        // Past the first window and into the second window's train variants. The watch runs on its
        // own thread: under a full parallel `swift test` the cooperative pool is starved by other
        // process tests, and a watch on it would see the table only after the sweep had finished.
        let stillRunning = await Self.kill(child, whenCountOf: "walk_forward_variants", in: database, reaches: 19)
        let status = await child.finished()
        #expect(stillRunning && status == SIGKILL)
        let keptVariants = try Self.rows(Self.variantsSQL, in: database)
        let keptWindows = try Self.rows(Self.windowsSQL, in: database)
        #expect(keptVariants.count >= 19 && keptVariants.count < 15 * 16)
        #expect(keptWindows.count >= 1 && keptWindows.count < 15)

        let resumed = try await SweepProcessTests.ballast(["sweep", sweep, "--db", database, "--json"])
        #expect(resumed.status == 0)
        #expect(resumed.errors.contains("resumes: 16 of 16 variants are done"))
        let doneInNext = keptVariants.count { ($0["window_index"] as Int) == keptWindows.count }
        #expect(
            resumed.errors.contains(
                "resumes: \(keptWindows.count) of 15 windows are done and \(doneInNext) train variants of window "
                    + "\(keptWindows.count + 1); none is run again"))
        #expect(resumed.output == whole.output)
        let variants = try Self.rows(Self.variantsSQL, in: database)
        let windows = try Self.rows(Self.windowsSQL, in: database)
        #expect(variants.count == 15 * 16)
        #expect(keptVariants.allSatisfy { variants.contains($0) })
        #expect(keptWindows.allSatisfy { windows.contains($0) })
        // What a whole run journals, the resumed run journals too (the sweep id is the same).
        #expect(windows == wholeWindows)
        #expect(variants == (try Self.rows(Self.variantsSQL, in: directory.path("whole.sqlite"))))
    }
}
