import BallastTestKit
import Foundation
import Testing

@Suite("ballast report and backtest --html (SPEC §16)")
struct ReportCommandTests {
    /// The demo's five strategies, in registration order (portfolios/demo.toml).
    static let demoStrategies = ["trend-spx", "momentum-googl", "reversion-spx", "breakout-googl", "baseline-spx"]

    /// Runs the demo backtest (real data cut to 2009-05-22 .. 2013-01-01) into a temporary database
    /// with `--html`; returns the directory, the database and the HTML's path.
    static func demoReport() async throws -> (TemporaryDirectory, String, String) {
        let directory = try TemporaryDirectory()
        let portfolio = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2013-01-01")
        let db = directory.path("demo.sqlite")
        let html = directory.path("backtest.html")
        let (status, _) = try await BallastProcess.running(["backtest", portfolio, "--db", db, "--html", html])
        #expect(status == 0)
        return (directory, db, html)
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the demo's report has every chart and one metrics row per strategy; report = backtest --html")
    func demoReportContents() async throws {
        let (directory, db, htmlPath) = try await Self.demoReport()
        defer { directory.remove() }
        let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
        let strategies = Self.demoStrategies
        // 5 portfolio charts + 3 per strategy.
        #expect(Self.count("<svg", in: html) == 5 + 3 * strategies.count)
        for id in ["chart-equity", "chart-sleeves", "chart-drawdown", "chart-decisions", "chart-correlation"] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        for index in strategies.indices {
            for chart in ["exposure", "daily-risk", "factors"] {
                #expect(html.contains("id=\"chart-s\(index)-\(chart)\""), "s\(index) \(chart)")
            }
        }
        #expect(Self.count("class=\"metrics-row\"", in: html) == 1 + strategies.count)
        for id in strategies { #expect(html.contains("<th>\(id)</th>"), "metrics row of \(id)") }
        #expect(html.contains("id=\"monthly\"") && html.contains("id=\"trades\""))
        #expect(html.contains("class=\"mark\""), "the reversion strategy's adjustments are marked")

        // `ballast report` of the same run writes the same bytes (deterministic).
        let again = directory.path("report.html")
        let (status, output) = try await BallastProcess.running(["report", "--db", db, "--output", again])
        #expect(status == 0)
        #expect(output.contains(again))
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: htmlPath)))
    }

    @Test("bad input: an unknown run, a file that is not a database, --html without a journal; no file written")
    func badInput() async throws {
        let (directory, db, _) = try await Self.demoReport()
        defer { directory.remove() }
        let out = directory.path("never.html")
        let (unknown, _) = try await BallastProcess.running(["report", "--db", db, "--run", "999", "--output", out])
        #expect(unknown == 1)
        let notDatabase = try directory.write("notes.sqlite", "this is not a database\n")
        let (foreign, _) = try await BallastProcess.running(["report", "--db", notDatabase, "--output", out])
        #expect(foreign == 65)
        let (missing, _) = try await BallastProcess.running([
            "report", "--db", directory.path("absent.sqlite"), "--output", out,
        ])
        #expect(missing == 1)
        #expect(!directory.exists("absent.sqlite"), "report never creates a database")
        let portfolio = directory.path("demo.toml")
        let (usage, _) = try await BallastProcess.running(["backtest", portfolio, "--no-db", "--html", out])
        #expect(usage == 64)
        #expect(!directory.exists("never.html"))
    }
}
