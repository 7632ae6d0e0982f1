import BallastStore
import BallastSweep
import BallastTestKit
import Foundation
import Testing

@Suite("The sweep's HTML page")
struct SweepHTMLTests {
    @Test("a heatmap cell per pair of the two axes (grey where every variant was skipped) and the ranked table")
    func heatmapAndTable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try SweepSession.prepare(
            sweepPath: try SweepFixture.write(in: directory, sweep: SweepFixture.smallGrid))
        let store = try BallastStore.open(path: directory.path("s.sqlite"))
        let ranking = try await session.run(
            store: store, jobs: 2, wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)))
        let page = SweepHTML(ranking: ranking, plan: session.plan).render()
        #expect(page.components(separatedBy: "<rect ").count - 1 == 9)
        #expect(page.components(separatedBy: "fill=\"#cccccc\"").count - 1 == 2)  // (10, 10) and (15, 10)
        #expect(page.components(separatedBy: "<tr><td>").count - 1 == 9)
        #expect(page.contains("strategies.trend.params.fast × strategies.trend.params.slow"))
        #expect(!page.contains("<script"))
        // The best cell is the greenest.
        #expect(page.contains("fill=\"#50c850\""))
    }

    @Test("text from files is escaped")
    func escapes() {
        let plan = SweepPlan(axes: [SweepAxis(key: "risk.<b>", values: [.string("<i>&")])], mode: .grid)
        let ranking = SweepRanking(
            sweepID: "sw-1", objective: SweepObjective(name: "sharpe")!, plan: plan,
            records: [SweepVariantRecord(variant: 0, paramsJSON: "{}", status: "skipped", reason: "\"<script>\"")])
        let page = SweepHTML(ranking: ranking, plan: plan).render()
        #expect(!page.contains("<b>") && !page.contains("<i>") && !page.contains("<script>"))
        #expect(page.contains("risk.&lt;b&gt;") && page.contains("&lt;i&gt;&amp;"))
    }
}
