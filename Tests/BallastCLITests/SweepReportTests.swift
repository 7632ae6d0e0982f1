import BallastTestKit
import Foundation
import Testing

/// `ballast report --sweep ID` over a real sweep's journal (issue 15 item 1: "in the report a
/// ranked table and a heatmap of any two axes").
@Suite("ballast report --sweep: ranked table and heatmap of two chosen axes", .serialized)
struct SweepReportTests {
    static let sweep = """
        portfolio = "portfolio.toml"
        objective = "sharpe"
        [[axes]]
        key = "strategies.trend.params.fast"
        values = [5, 10]
        [[axes]]
        key = "strategies.trend.params.slow"
        values = [20, 30, 40]
        """

    static let fast = "strategies.trend.params.fast"
    static let slow = "strategies.trend.params.slow"

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("the report of a journaled sweep equals `sweep --html`; --x/--y choose the heatmap's axes; bad choices exit")
    func sweepReport() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweepFile = try SweepFixture.write(in: directory, sweep: Self.sweep)
        let db = directory.path("j.sqlite")
        let ran = try await SweepProcessTests.ballast(
            ["sweep", sweepFile, "--db", db, "--json", "--html", directory.path("sweep.html")])
        #expect(ran.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ran.output.utf8)) as? [String: Any])
        let sweepID = try #require(json["sweep_id"] as? String)

        // Default axes: the same page as `ballast sweep --html` (first axis down, second across).
        let report = try await SweepProcessTests.ballast(
            ["report", "--db", db, "--sweep", String(sweepID.prefix(8)), "--output", directory.path("r.html")])
        #expect(report.status == 0, "\(report.errors)")
        #expect(report.output.contains("sweep \(sweepID) (6 of 6 variants)"))
        let page = try String(contentsOfFile: directory.path("r.html"), encoding: .utf8)
        #expect(page == (try String(contentsOfFile: directory.path("sweep.html"), encoding: .utf8)))
        #expect(page.contains("<h2>Heatmap: \(Self.fast) × \(Self.slow)</h2>"))
        #expect(Self.count("<rect ", in: page) == 6)
        #expect(Self.count("<tr><td>", in: page) == 6)
        #expect(page.contains("<strong>sharpe</strong>"))

        // Swapped: slow down, fast across.
        let swapped = try await SweepProcessTests.ballast(
            [
                "report", "--db", db, "--sweep", sweepID, "--x", Self.fast, "--y", Self.slow, "--output",
                directory.path("s.html"),
            ])
        #expect(swapped.status == 0)
        let swappedPage = try String(contentsOfFile: directory.path("s.html"), encoding: .utf8)
        #expect(swappedPage.contains("<h2>Heatmap: \(Self.slow) × \(Self.fast)</h2>"))
        // Three rows (20, 30, 40) labelled at the left edge, two columns (5, 10) across the top.
        for row in ["20", "30", "40"] { #expect(swappedPage.contains("text-anchor=\"end\">\(row)</text>")) }
        #expect(Self.count("text-anchor=\"end\">", in: swappedPage) == 3)

        let unknownAxis = try await SweepProcessTests.ballast(
            ["report", "--db", db, "--sweep", sweepID, "--x", "risk.nothing", "--output", directory.path("x.html")])
        #expect(unknownAxis.status == 1)
        #expect(
            unknownAxis.errors.contains(
                "--x risk.nothing: the sweep has no such axis; its axes: \(Self.fast), \(Self.slow)"))
        #expect(!directory.exists("x.html"))
        let sameAxis = try await SweepProcessTests.ballast(
            [
                "report", "--db", db, "--sweep", sweepID, "--x", Self.fast, "--y", Self.fast, "--output",
                directory.path("x.html"),
            ])
        #expect(sameAxis.status == 1 && sameAxis.errors.contains("the same axis"))
        let unknownSweep = try await SweepProcessTests.ballast([
            "report", "--db", db, "--sweep", "zz", "--output", directory.path("x.html"),
        ])
        #expect(unknownSweep.status == 1 && unknownSweep.errors.contains("no sweep 'zz'; its sweeps: \(sweepID)"))
        let axesWithoutSweep = try await SweepProcessTests.ballast(["report", "--db", db, "--x", Self.fast])
        #expect(axesWithoutSweep.status == 64)
        #expect(!directory.exists("x.html"))
    }

    @Test("walk-forward: `sweep --html` equals `report --sweep` from the journal; `attribute --html` writes its page")
    func walkForwardAndAttributionPages() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweepFile = try SweepFixture.write(
            in: directory, sweep: Self.sweep + "\n[walk_forward]\ntrain = \"3y\"\ntest = \"2y\"\nstep = \"2y\"\n")
        let ran = try await SweepProcessTests.ballast(
            ["sweep", sweepFile, "--db", directory.path("j.sqlite"), "--json", "--html", directory.path("wf.html")])
        #expect(ran.status == 0, "\(ran.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ran.output.utf8)) as? [String: Any])
        let sweepID = try #require(json["sweep_id"] as? String)
        let page = try String(contentsOfFile: directory.path("wf.html"), encoding: .utf8)
        #expect(page.contains("<section id=\"walk-forward\">"))
        #expect(Self.count("<tr class=\"window\">", in: page) == 4)
        #expect(page.contains("id=\"chart-walk-forward-equity\""))
        #expect(page.contains("Out of sample, stitched: return "))
        // The journal alone gives the same page, walk-forward section included.
        let report = try await SweepProcessTests.ballast(
            ["report", "--db", directory.path("j.sqlite"), "--sweep", sweepID, "--output", directory.path("r.html")])
        #expect(report.status == 0, "\(report.errors)")
        #expect(try String(contentsOfFile: directory.path("r.html"), encoding: .utf8) == page)

        let attributed = try await SweepProcessTests.ballast(
            ["attribute", directory.path("portfolio.toml"), "--html", directory.path("a.html")])
        #expect(attributed.status == 0, "\(attributed.errors)")
        #expect(attributed.output.contains("Risk-rule attribution of"))
        let attribution = try String(contentsOfFile: directory.path("a.html"), encoding: .utf8)
        #expect(Self.count("<section class=\"rule\"", in: attribution) == 8)
        #expect(attribution.contains("<tr class=\"strategy\"><td class=\"t\">trend</td>"))
        let refused = try await SweepProcessTests.ballast(
            ["attribute", directory.path("portfolio.toml"), "--html", directory.path("missing/a.html")])
        #expect(refused.status == 64)
        #expect(!directory.exists("missing/a.html"))
    }
}
