import ArgumentParser
import BallastEngine
import BallastStore
import BallastSweep
import Foundation

/// `ballast sweep plan SWEEP.toml --shards N --out DIR`: checks the sweep and its data and writes
/// the manifest that `run` and `merge` read.
struct SweepPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Split a sweep into shards: write DIR/manifest.json (docs/CLUSTER.md).")

    @Argument(help: "The sweep file (TOML).")
    var sweep: String

    @Option(help: "The number of shards.")
    var shards: Int

    @Option(help: "The folder for the manifest and the shards' databases (created).")
    var out: String

    func validate() throws {
        if shards < 1 { throw ValidationError("--shards must be at least 1, got \(shards)") }
    }

    func run() async throws {
        try await runReportingFailures {
            let session = try SweepSession.prepare(sweepPath: sweep)
            let manifest = SweepManifest(session: session, shards: shards)
            try manifest.write(directory: out)
            print(
                "Sweep \(manifest.sweepID): \(manifest.variantCount) variants in \(shards) shards; "
                    + "manifest \(URL(fileURLWithPath: out).appendingPathComponent(SweepManifest.fileName).path)")
        }
    }
}

/// `ballast sweep run DIR --shard I/N [--jobs N]`: runs one shard into DIR/shard-I-of-N.sqlite.
struct SweepShardRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run one shard of a planned sweep into its own database.",
        discussion: """
            --shard env/N takes the index from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or
            BALLAST_SHARD_INDEX. A shard run again resumes: its finished variants are not run twice.
            """)

    @Argument(help: "The folder `ballast sweep plan` wrote.")
    var directory: String

    @Option(help: "The shard: I/N (I from 0) or env/N.")
    var shard: ShardSpec

    @Option(help: "Variants run at the same time (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() async throws {
        try await runReportingFailures {
            let manifest = try SweepManifest.read(directory: directory)
            let shard = try self.shard.resolved(environment: ProcessInfo.processInfo.environment)
            guard shard.count == manifest.shards.count, let index = shard.index else {
                throw ShardError(
                    "--shard \(shard.index ?? 0)/\(shard.count): the manifest in \(directory) has "
                        + "\(manifest.shards.count) shards")
            }
            let session = try SweepSession.prepare(sweep: try manifest.sweepFile())
            guard session.sweepID == manifest.sweepID else {
                throw ShardError(
                    "the portfolio or its data changed since the sweep was planned (sweep id \(session.sweepID), "
                        + "manifest \(manifest.sweepID)): plan it again")
            }
            let path = SweepManifest.shardPath(directory: directory, index: index, count: shard.count)
            let store = try BallastStore.open(path: path)
            let wanted = Set(manifest.shards[index])
            let ranking = try await session.run(
                store: store, jobs: jobs ?? SweepOutput.defaultJobs,
                selection: session.plan.variants.filter { wanted.contains($0.index) }, wallClock: SystemWallClock())
            try store.close()
            print(
                "Shard \(index)/\(shard.count) of sweep \(manifest.sweepID): \(ranking.entries.count) variants in \(path)"
            )
        }
    }
}

/// `ballast sweep merge DIR --db PATH [--json]`: checks that every variant is there exactly once,
/// merges the shards into one journal and prints what `ballast sweep` prints.
struct SweepMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge the shards of a planned sweep into one journal and rank them.")

    @Argument(help: "The folder `ballast sweep plan` wrote, with the shards' databases.")
    var directory: String

    @Option(help: "The journal database to merge into.")
    var db: String

    @Flag(help: "Print the result as JSON on stdout instead of a table.")
    var json = false

    func validate() throws {
        try OutputPath(option: "--db", path: db).validate()
    }

    func run() async throws {
        try await runReportingFailures {
            let manifest = try SweepManifest.read(directory: directory)
            let sweep = try manifest.sweepFile()
            let plan = SweepPlan(axes: sweep.axes, mode: sweep.mode)
            guard plan.variants.count == manifest.variantCount else {
                throw ShardError("the manifest's \(manifest.variantCount) variants are not its sweep file's plan")
            }
            let records = try ShardMerge.collect(manifest: manifest, directory: directory)
            let store = try BallastStore.open(path: db)
            let clock = SystemWallClock()
            _ = try store.beginSweep(
                SweepRecord(
                    id: manifest.sweepID, sweepPath: manifest.sweepPath, portfolioPath: sweep.portfolioPath,
                    sweepText: manifest.sweepText, objective: sweep.objective.name, mode: sweep.mode.name,
                    variantCount: manifest.variantCount), at: clock.now())
            try store.recordSweepVariants(records, sweepID: manifest.sweepID)
            try store.finishSweep(manifest.sweepID, at: clock.now())
            let merged = try store.sweepVariants(sweepID: manifest.sweepID)
            try store.close()
            SweepOutput(
                ranking: SweepRanking(
                    sweepID: manifest.sweepID, objective: sweep.objective, plan: plan, records: merged)
            ).print(json: json)
        }
    }
}
