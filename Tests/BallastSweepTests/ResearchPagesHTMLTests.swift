import BallastReports
import BallastStore
import BallastSweep
import BallastTestKit
import Foundation
import Testing

/// Issue 15 items 2 and 3 "in the report too": the walk-forward section of the sweep's page and the
/// attribution page, asserted on their DOM text.
@Suite("The walk-forward and attribution HTML pages")
struct ResearchPagesHTMLTests {
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("a walk-forward sweep's page: per window the choice and in/out-of-sample metrics, the stitched equity chart")
    func walkForwardSection() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try SweepSession.prepare(
            sweepPath: try SweepFixture.write(
                in: directory,
                sweep: SweepFixture.smallGrid + "\n[walk_forward]\ntrain = \"3y\"\ntest = \"2y\"\nstep = \"2y\"\n"))
        let store = try BallastStore.open(path: directory.path("s.sqlite"))
        let ranking = try await session.run(
            store: store, jobs: 2, wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)))
        let run = try await WalkForwardRun.run(session: session, jobs: 2)
        let report = WalkForwardReport(walkForward: try #require(session.sweep.walkForward), run: run)
        let page = SweepHTML(ranking: ranking, plan: session.plan, walkForward: report).render()

        #expect(page.contains("<section id=\"walk-forward\">"))
        #expect(page.contains("<h2>Walk-forward: train 3y, test 2y, step 2y</h2>"))
        #expect(Self.count("<tr class=\"window\">", in: page) == run.windows.count)
        #expect(run.windows.count == 4)
        for (index, window) in run.windows.enumerated() {
            let choice = try #require(window.choice).map { "\($0.key) = \($0.value.description)" }
                .joined(separator: ", ")
            let outOfSample = try #require(window.outOfSample)
            let inSample = try #require(window.inSample)
            let row =
                "<tr class=\"window\"><td>\(index + 1)</td><td class=\"t\">"
                + "\(window.window.trainStart.iso8601.prefix(10))</td>"
            #expect(page.contains(row))
            #expect(page.contains("<td class=\"t choice\">\(choice)</td>"))
            #expect(page.contains("<td>\(TableFormatter.fixed(outOfSample.totalReturnPct, digits: 2))</td>"))
            #expect(page.contains("<td>\(TableFormatter.fixed(inSample.totalReturnPct, digits: 2))</td>"))
        }
        let stitched = try #require(run.stitched)
        #expect(
            page.contains(
                "Out of sample, stitched: return \(TableFormatter.fixed(stitched.totalReturnPct, digits: 2)) %"))
        // The stitched equity as the report's time chart: one inline SVG, one marker per test window.
        #expect(page.contains("<section class=\"chart\" id=\"chart-walk-forward-equity\">"))
        #expect(Self.count("<svg class=\"tc\"", in: page) == 1)
        #expect(Self.count("<line class=\"mark\"", in: page) == run.windows.count)
        #expect(page.contains("data-name=\"out-of-sample equity\""))
        #expect(Self.count("<script>", in: page) == 1)
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http"))
        // Without a walk-forward the page is as before: no chart, no script.
        let plain = SweepHTML(ranking: ranking, plan: session.plan).render()
        #expect(!plain.contains("walk-forward") && !plain.contains("<script"))
    }

    @Test("the attribution page: per rule the portfolio and each strategy, decisions changed, with and without")
    func attributionPage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try RuleAttributionTests.load(directory, RuleAttributionTests.capped)
        let attribution = try await RuleAttribution.run(setup: file.setup, runID: "run <&> \"x\"", jobs: 2)
        let page = attribution.html()
        #expect(page.contains("<title>Risk-rule attribution of run &lt;&amp;&gt; &quot;x&quot;</title>"))
        #expect(!page.contains("<&>"))
        #expect(Self.count("<section class=\"rule\"", in: page) == RiskRule.allCases.count)
        #expect(Self.count("<tr class=\"rule\">", in: page) == RiskRule.allCases.count)
        for result in attribution.rules {
            #expect(page.contains("<h2>\(result.rule.rawValue)</h2>"))
            let portfolio = result.effects[0]
            #expect(
                page.contains(
                    "<tr class=\"rule\"><td class=\"t\">\(result.rule.rawValue)</td><td>\(portfolio.shaped)</td>"
                        + "<td>\(portfolio.changed)</td><td>\(TableFormatter.fixed(portfolio.with.totalReturnPct, digits: 2))</td>"
                        + "<td>\(TableFormatter.fixed(portfolio.without.totalReturnPct, digits: 2))</td>"))
        }
        #expect(Self.count("<tr class=\"portfolio\">", in: page) == RiskRule.allCases.count)
        #expect(Self.count("<tr class=\"strategy\"><td class=\"t\">trend</td>", in: page) == RiskRule.allCases.count)
        // The binding position cap: it changed decisions, and the page says how many.
        let cap = try #require(attribution.rules.first { $0.rule == .maxPositionSize })
        #expect(cap.effects[0].changed > 0)
        #expect(page.contains("<td>\(cap.effects[0].shaped)</td><td>\(cap.effects[0].changed)</td>"))
        #expect(!page.contains("<script") && !page.contains("http"))
    }
}
