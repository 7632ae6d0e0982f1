import BallastTestKit
import Foundation
import GRDB
import Testing

/// `ballast sweep` through the real executable (issue 15): bad input, kill -9 and resume.
@Suite("ballast sweep: bad input, kill -9 and resume", .serialized)
struct SweepProcessTests {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    static func ballast(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        let child = try BallastProcess(arguments, environment: environment)
        var lines: [String] = []
        while let line = await child.nextLine() { lines.append(line) }
        let status = await child.finished()
        return Outcome(status: status, output: lines.joined(separator: "\n"), errors: child.standardError)
    }

    /// The must-show grid: fast ∈ {5, …, 25} × slow ∈ {10, …, 65}, 60 variants.
    static let grid = """
        portfolio = "portfolio.toml"
        objective = "sharpe"
        [[axes]]
        key = "strategies.trend.params.fast"
        range = { from = 5, to = 30, step = 5 }
        [[axes]]
        key = "strategies.trend.params.slow"
        range = { from = 10, to = 70, step = 5 }
        """

    @Test(
        "bad sweep input exits 78 naming the key, before anything runs or is written",
        arguments: [
            ("[[axes]]\nkey = \"strategies.nobody.params.fast\"\nvalues = [5]", "axes[0].key"),
            (
                "[[axes]]\nkey = \"strategies.trend.params.fast\"\nrange = { from = 9, to = 5, step = 1 }",
                "axes[0].range.to"
            ),
            (
                "mode = \"random\"\nsamples = 3\n[[axes]]\nkey = \"strategies.trend.params.fast\"\nvalues = [5, 6]",
                "seed"
            ),
            ("objective = \"luck\"\n[[axes]]\nkey = \"strategies.trend.params.fast\"\nvalues = [5]", "objective"),
            (
                "[[axes]]\nkey = \"strategies.trend.params.fast\"\nvalues = [5]\n[walk_forward]\ntrain = \"9y\"\ntest = \"2y\"\nstep = \"1y\"",
                "walk_forward.train"
            ),
        ])
    func badInput(body: String, key: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweep = try SweepFixture.write(in: directory, sweep: "portfolio = \"portfolio.toml\"\n" + body)
        let run = try await Self.ballast(["sweep", sweep, "--db", directory.path("j.sqlite")])
        #expect(run.status == 78)
        #expect(run.errors.contains("sweep.toml:"))
        #expect(run.errors.contains(key))
        #expect(run.output.isEmpty)
        #expect(!directory.exists("j.sqlite"))
    }

    static func doneVariants(_ path: String) -> Int { JournalPeek.count("sweep_variants", in: path) }

    @Test(
        "kill -9 mid-sweep, rerun: the done variants are not run again and the result equals an uninterrupted sweep's")
    func killAndResume() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweep = try SweepFixture.write(in: directory, sweep: Self.grid)
        let whole = try await Self.ballast(["sweep", sweep, "--db", directory.path("whole.sqlite"), "--json"])
        #expect(whole.status == 0)
        let database = directory.path("killed.sqlite")
        let child = try BallastProcess(["sweep", sweep, "--db", database, "--jobs", "1", "--json"])
        var waited = 0
        while Self.doneVariants(database) < 3 && waited < 3000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        let stillRunning = child.process.isRunning
        kill(child.process.processIdentifier, SIGKILL)
        let status = await child.finished()
        #expect(stillRunning && status == SIGKILL)
        let done = Self.doneVariants(database)
        #expect(done >= 3 && done < 60)
        let before = try DatabaseQueue(path: database)
        let kept = try before.read { db in
            try Row.fetchAll(db, sql: "SELECT variant, summary_json FROM sweep_variants ORDER BY variant")
        }
        try before.close()
        let resumed = try await Self.ballast(["sweep", sweep, "--db", database, "--json"])
        #expect(resumed.status == 0)
        #expect(resumed.errors.contains("resumes: \(done) of 60 variants are done and are not run again"))
        #expect(resumed.output == whole.output)
        let after = try DatabaseQueue(path: database)
        defer { try? after.close() }
        let rows = try after.read { db in
            try Row.fetchAll(db, sql: "SELECT variant, summary_json FROM sweep_variants ORDER BY variant")
        }
        #expect(rows.count == 60)
        #expect(kept.allSatisfy { rows.contains($0) })
    }

    @Test("plan, run each shard (one by SLURM_ARRAY_TASK_ID), merge: the same output as one local sweep; idempotent")
    func shards() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweep = try SweepFixture.write(in: directory, sweep: SweepFixture.smallGrid)
        let local = try await Self.ballast(["sweep", sweep, "--db", directory.path("local.sqlite"), "--json"])
        let shards = directory.path("shards")
        #expect(try await Self.ballast(["sweep", "plan", sweep, "--shards", "3", "--out", shards]).status == 0)
        #expect(try await Self.ballast(["sweep", "run", shards, "--shard", "0/3"]).status == 0)
        #expect(try await Self.ballast(["sweep", "run", shards, "--shard", "2/3"]).status == 0)
        // A shard missing: a clear error naming it, nothing merged.
        let missing = try await Self.ballast(["sweep", "merge", shards, "--db", directory.path("m.sqlite")])
        #expect(missing.status == 78)
        #expect(missing.errors.contains("shard 1/3 is missing"))
        let fromEnvironment = try await Self.ballast(
            ["sweep", "run", shards, "--shard", "env/3"], environment: ["SLURM_ARRAY_TASK_ID": "1"])
        #expect(fromEnvironment.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path("shards/shard-1-of-3.sqlite")))
        let merged = try await Self.ballast(["sweep", "merge", shards, "--db", directory.path("m.sqlite"), "--json"])
        #expect(merged.status == 0)
        #expect(merged.output == local.output)
        let again = try await Self.ballast(["sweep", "merge", shards, "--db", directory.path("m.sqlite"), "--json"])
        #expect(again.output == local.output)
        // A shard present twice: a clear error naming both files.
        try FileManager.default.copyItem(
            atPath: directory.path("shards/shard-0-of-3.sqlite"), toPath: directory.path("shards/copy.sqlite"))
        let twice = try await Self.ballast(["sweep", "merge", shards, "--db", directory.path("m2.sqlite")])
        #expect(twice.status == 78)
        #expect(twice.errors.contains("a shard is present twice"))
        #expect(twice.errors.contains("copy.sqlite"))
    }
}
