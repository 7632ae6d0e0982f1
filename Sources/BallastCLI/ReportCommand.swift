import ArgumentParser
import BallastHTMLReport
import BallastStore
import Foundation

/// `ballast report`: one run's self-contained HTML report (SPEC §16), read from its journal.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's self-contained HTML report (charts, metrics, trades) from its journal.",
        discussion: """
            Works for backtests and live runs (a running live run is reported as of its last commit).
            The file opens offline in any browser: charts are inline SVG, nothing is fetched.
            """)

    @Option(help: "The journal database.")
    var db = "ballast.sqlite"

    @Option(help: "The run id (default: the latest run that is finished or running).")
    var run: Int64?

    @Option(help: "The HTML file to write (default: ballast-report-run<ID>.html in the current directory).")
    var output: String?

    func run() async throws {
        try await runReportingFailures {
            let store = try BallastStore.openForReading(path: db)
            let runID: Int64
            if let run {
                runID = run
            } else {
                guard let latest = try store.latestRunID() else {
                    throw InspectionError(message: "\(db) has no runs yet; run `ballast backtest` first")
                }
                runID = latest
            }
            let path = output ?? "ballast-report-run\(runID).html"
            try ReportWriting.write(store: store, runID: runID, to: path)
            print("Report: run \(runID) in \(path)")
        }
    }
}

/// Renders a run's report and writes it atomically (never a partial file).
enum ReportWriting {
    static func write(store: BallastStore, runID: Int64, to path: String) throws {
        let html = try HTMLReport.render(store: store, runID: runID)
        try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
