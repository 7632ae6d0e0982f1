import ArgumentParser
import BallastConfig
import BallastCore
import BallastEngine
import BallastReports
import BallastStore
import Foundation
import Logging

/// `ballast backtest PORTFOLIO.toml`: the joint backtest of every strategy in a portfolio file.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run every strategy of a portfolio jointly over history with one shared risk manager.",
        discussion: """
            The run is journaled in SQLite (every order, fill, trade, risk decision and adjustment) in
            --db, by default ballast.sqlite beside the portfolio file; --no-db skips the journal.
            """)

    @Argument(help: "The portfolio file (TOML).")
    var portfolio: String

    @Option(help: "First bar time to include (YYYY-MM-DD or ISO-8601, UTC).")
    var from: DateOption?

    @Option(help: "Last bar time to include (YYYY-MM-DD or ISO-8601, UTC).")
    var to: DateOption?

    @Option(help: "The journal database (default: ballast.sqlite beside the portfolio file).")
    var db: String?

    @Flag(name: .customLong("no-db"), help: "Do not journal the run.")
    var noDatabase = false

    @Flag(help: "Print the JSON summary (SPEC §14) on stdout instead of tables.")
    var json = false

    @Option(help: "Also write the JSON summary to this file.")
    var report: String?

    @Option(help: "Also write the run's HTML report (as `ballast report` makes it) to this file.")
    var html: String?

    /// Usage errors (exit 64) before anything runs: conflicting options, a date range that ends
    /// before it starts, and output paths that cannot be written (nothing is journaled then).
    func validate() throws {
        if noDatabase && db != nil { throw ValidationError("--db and --no-db cannot be used together") }
        if noDatabase && html != nil {
            throw ValidationError("--html reads the run's journal: it cannot be used with --no-db")
        }
        try DateOption.validateRange(from: from, to: to)
        if let report { try OutputPath(option: "--report", path: report).validate() }
        if let html { try OutputPath(option: "--html", path: html).validate() }
        if !noDatabase {
            try JournalPath(
                option: db, portfolio: portfolio, alternatives: "choose another with --db, or skip it with --no-db"
            )?.output.validate()
        }
    }

    func run() async throws {
        let log = CommandLogging.logger("backtest")
        try await runReportingFailures {
            let opening = noDatabase ? nil : JournalOpening(path: databasePath)
            var file: PortfolioFile
            do {
                file = try PortfolioFile.load(path: portfolio, from: from?.timestamp, to: to?.timestamp)
                // Process strategies run over their bars now: one that fails fails the backtest
                // (exit 1) before any run is journaled (SPEC §15).
                file.setup = try await file.setup.preparingExternalStrategies()
            } catch {
                await opening?.abandon()
                throw error
            }
            let runID = RunIdentity.id(for: file, from: from?.timestamp, to: to?.timestamp)
            for strategy in file.sittingOut { printError("note: \(strategy.note)") }
            log.info(
                "loaded portfolio",
                metadata: [
                    "file": "\(portfolio)", "strategies": "\(file.setup.strategies.count)",
                    "bars": "\(file.setup.series.reduce(0) { $0 + $1.count })", "run": "\(runID)",
                ])
            var journal: RunJournalSession?
            // A signal from here on marks the journaled run failed before the exit (130 or 143).
            let interruption = opening.map { _ in RunInterruption.install() }
            defer { interruption?.remove() }
            if let opening {
                journal = try RunJournalSession.begin(
                    file: file, databasePath: databasePath, inputHash: runID, store: try await opening.store(),
                    wallClock: SystemWallClock())
                interruption?.onInterrupt(journal?.interruptAction)
            }
            let progress = ProgressReporter.forStandardError()
            let result: BacktestResult
            let summary: Data
            do {
                result = try await PortfolioBacktester(setup: file.setup).run(
                    runID: runID, journal: journal?.sink, keepsDecisions: false
                ) {
                    done, total in progress?.update(done: done, total: total)
                }
                progress?.finish()
                summary = try BacktestSummary(result: result).jsonData()
                // The report before the run is marked finished: a run never looks finished without it.
                if let report { try summary.write(toOutput: report, option: "--report") }
                try journal?.finish(result: result, summary: summary)
            } catch {
                // Every way out of a begun run marks it failed (a finished run stays finished).
                progress?.finish()
                log.error("backtest failed", metadata: ["error": "\(error)"])
                journal?.fail(error)
                throw error
            }
            interruption?.remove()
            if let journal {
                log.info("journaled", metadata: ["db": "\(journal.store.path)", "run": "\(journal.runID)"])
            }
            if let html, let journal {
                try ReportWriting.write(store: journal.store, runID: journal.runID, to: html)
            }
            // Closing merges the WAL into the database file now, not whenever the store is released.
            try journal?.store.close()
            if json {
                FileHandle.standardOutput.write(summary)
                FileHandle.standardOutput.write(Data("\n".utf8))
            } else {
                let name = RunName(number: journal?.runID, runID: runID)
                print(SummaryTables.render(result, run: name))
                if let journal { print("Journal: \(name) in \(journal.store.path)") }
            }
        }
    }

    /// `--db`, else `ballast.sqlite` beside the portfolio file.
    private var databasePath: String { JournalPath.path(option: db, portfolio: portfolio) }
}
