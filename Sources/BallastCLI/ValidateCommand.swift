import ArgumentParser
import BallastConfig
import BallastCore

/// `ballast validate PORTFOLIO.toml`: checks a portfolio file and all its data without running.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a portfolio file and its data files without running anything.")

    @Argument(help: "The portfolio file (TOML).")
    var portfolio: String

    func run() async throws {
        try await runReportingFailures {
            let file = try PortfolioFile.load(path: portfolio)
            let setup = file.setup
            let bars = setup.series.reduce(0) { $0 + $1.count }
            print(
                "\(portfolio): ok — portfolio \"\(PrintableText.escaped(setup.name))\", \(setup.strategies.count) strategies, "
                    + "\(setup.series.count) series, \(bars) bars")
        }
    }
}
