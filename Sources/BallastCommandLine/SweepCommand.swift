import ArgumentParser
import BallastCore
import BallastEngine
import BallastStore
import BallastSweep
import Foundation

/// `ballast sweep`: parameter sweeps (SPEC §17, docs/SWEEPS.md). `ballast sweep SWEEP.toml` runs a
/// whole sweep here; `plan`, `run` and `merge` split one over machines (docs/CLUSTER.md).
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a portfolio over a grid or a random sample of settings and rank the variants.",
        subcommands: [
            SweepLocalCommand.self, SweepPlanCommand.self, SweepShardRunCommand.self, SweepMergeCommand.self,
        ],
        defaultSubcommand: SweepLocalCommand.self)
}

/// `ballast sweep SWEEP.toml [--jobs N] [--db PATH] [--json]`: every variant on this machine.
struct SweepLocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run every variant of a sweep file here (the default: `ballast sweep SWEEP.toml`).",
        discussion: """
            Variants run in parallel on --jobs workers over data loaded once. Each done variant is
            journaled at once in --db (default: ballast.sqlite beside the sweep file), so the same
            sweep run again resumes where it stopped and never runs a finished variant twice.
            """)

    @Argument(help: "The sweep file (TOML).")
    var sweep: String

    @Option(help: "Variants run at the same time (default: the number of cores).")
    var jobs: Int?

    @Option(help: "The journal database (default: ballast.sqlite beside the sweep file).")
    var db: String?

    @Flag(help: "Print the result as JSON on stdout instead of a table.")
    var json = false

    @Option(
        help: """
            Also write the ranked table and a heatmap of the first two axes to this HTML file (and the \
            walk-forward's windows and stitched out-of-sample equity when the sweep has one).
            """)
    var html: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let html { try OutputPath(option: "--html", path: html).validate() }
        if let output = JournalPath(option: db, portfolio: sweep)?.output { try output.validate() }
    }

    func run() async throws {
        try await runReportingFailures {
            let session = try SweepSession.prepare(sweepPath: sweep)
            // A walk-forward window longer than the data is an error before anything runs.
            _ = try WalkForwardRun.windows(of: session)
            let store = try BallastStore.open(path: JournalPath.path(option: db, portfolio: sweep))
            let reporter = SweepProgress.forStandardError()
            var progress: (@Sendable (Int, Int) -> Void)?
            if let reporter { progress = { done, total in reporter.update(done: done, total: total) } }
            let output: SweepOutput
            do {
                output = try await SweepOutput.make(
                    session: session, store: store, jobs: jobs ?? SweepOutput.defaultJobs, progress: progress)
                reporter?.finish()
            } catch {
                reporter?.finish()
                throw error
            }
            try store.close()
            if let html {
                let page = SweepHTML(ranking: output.ranking, plan: session.plan, walkForward: output.walkForward)
                    .render()
                try Data(page.utf8).write(toOutput: html, option: "--html")
            }
            output.print(json: json)
        }
    }
}
