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

    @Option(
        help: """
            The journal database (default: ./ballast.sqlite, else the one ballast.sqlite in a directory just \
            below the current one, as for `ballast runs`).
            """)
    var db: String?

    @Option(
        help: """
            The run: its number or its run_id (a prefix will do), as `ballast runs` lists them \
            (default: the latest run that is finished or running).
            """)
    var run: RunSelector?

    @Option(help: "The HTML file to write (default: ballast-report-run<N>.html in the current directory).")
    var output: String?

    func validate() throws {
        if let output { try OutputPath(option: "--output", path: output).validate() }
    }

    func run() async throws {
        try await runReportingFailures {
            let store = try InspectionOptions.openStore(db: db)
            let row = try InspectionOptions.selectedRun(run, in: store)
            let path = output ?? "ballast-report-run\(row.id).html"
            try ReportWriting.write(store: store, runID: row.id, to: path)
            print("Report: \(row.runName) in \(path)")
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
