import ArgumentParser
import BallastHTMLReport
import BallastStore
import BallastSweep
import Foundation

/// `ballast report`: one run's self-contained HTML report (SPEC §16), read from its journal; with
/// `--sweep`, a journaled sweep's page (ranked table and heatmap, docs/SWEEPS.md).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's self-contained HTML report (charts, metrics, trades) from its journal.",
        discussion: """
            Works for backtests and live runs (a running live run is reported as of its last commit).
            The file opens offline in any browser: charts are inline SVG, nothing is fetched.
            With --sweep, the page is a journaled sweep's instead: its variants ranked by the
            objective and a heatmap of two axes (--x across, --y down; default the first two).
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

    @Option(
        help: """
            The HTML file to write (default: ballast-report-run<N>.html, or ballast-report-sweep-<ID>.html \
            with --sweep, in the current directory).
            """)
    var output: String?

    @Option(help: "Report this sweep (its id, or a prefix of it) instead of a run: ranked table and heatmap.")
    var sweep: String?

    @Option(help: "With --sweep: the heatmap's axis across, by key (default: the second axis).")
    var x: String?

    @Option(help: "With --sweep: the heatmap's axis down, by key (default: the first axis).")
    var y: String?

    func validate() throws {
        if let output { try OutputPath(option: "--output", path: output).validate() }
        if sweep != nil && run != nil { throw ValidationError("--sweep and --run exclude each other; choose one") }
        if sweep == nil && (x != nil || y != nil) {
            throw ValidationError("--x and --y choose a sweep's heatmap axes: give --sweep")
        }
    }

    func run() async throws {
        try await runReportingFailures {
            let store = try InspectionOptions.openStore(db: db)
            if let sweep {
                let record = try SweepReportWriting.selectedSweep(sweep, in: store)
                let page = try SweepJournalPage(record: record, store: store)
                let html = try page.render(x: x, y: y)
                let path = output ?? "ballast-report-sweep-\(record.id.prefix(12)).html"
                try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                print(
                    "Report: sweep \(record.id) (\(page.ranking.entries.count) of \(record.variantCount) variants) "
                        + "in \(path)")
                return
            }
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
