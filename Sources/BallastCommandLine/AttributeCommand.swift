import ArgumentParser
import BallastConfig
import BallastSweep
import Foundation

/// `ballast attribute PORTFOLIO.toml [--jobs N] [--json] [--html FILE]`: what each risk rule saved or cost
/// (SPEC §17, docs/SWEEPS.md). Nothing is journaled.
struct AttributeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribute",
        abstract: "Rerun a portfolio with each risk rule switched off in turn and show what each rule changed.")

    @Argument(help: "The portfolio file (TOML).")
    var portfolio: String

    @Option(help: "Runs at the same time (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print the result as JSON on stdout instead of a table.")
    var json = false

    @Option(help: "Also write the attribution as an HTML page to this file.")
    var html: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let html { try OutputPath(option: "--html", path: html).validate() }
    }

    func run() async throws {
        try await runReportingFailures {
            let file = try PortfolioFile.load(path: portfolio)
            let attribution = try await RuleAttribution.run(
                setup: file.setup, runID: RunIdentity.id(for: file, from: nil, to: nil),
                jobs: jobs ?? SweepOutput.defaultJobs)
            if let html { try Data(attribution.html().utf8).write(toOutput: html, option: "--html") }
            if json {
                FileHandle.standardOutput.write(try attribution.jsonData() + Data("\n".utf8))
            } else {
                print(attribution.render(), terminator: "")
            }
        }
    }
}
