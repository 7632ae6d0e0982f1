import Foundation

/// The repository's demo portfolio (portfolios/demo.toml) with its real data cut to a date range,
/// written into a test's directory: real bars and every strategy kind of the demo, small enough for
/// a debug build.
public enum DemoPortfolioFixture {
    /// The repository root (this file is Sources/BallastTestKit/DemoPortfolioFixture.swift).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Writes `demo.toml` and `data/*.csv` (rows whose timestamp is in [from, to), ISO text order)
    /// into `directory`; returns the portfolio file's path.
    @discardableResult
    public static func write(in directory: TemporaryDirectory, from: String, to: String) throws -> String {
        let portfolios = repositoryRoot.appendingPathComponent("portfolios")
        for name in ["SP500-1d.csv", "GOOGL-1d.csv"] {
            let text = try String(contentsOf: portfolios.appendingPathComponent("data/\(name)"), encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            let header = lines.removeFirst()
            let kept = lines.filter { $0 >= from && $0 < to }
            try directory.write("data/\(name)", ([header] + kept).joined(separator: "\n") + "\n")
        }
        let portfolio = try String(contentsOf: portfolios.appendingPathComponent("demo.toml"), encoding: .utf8)
        return try directory.write("demo.toml", portfolio)
    }
}
