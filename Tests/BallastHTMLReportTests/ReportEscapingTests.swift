import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Testing

@testable import BallastHTMLReport

@Suite("The HTML report escapes every piece of user text")
struct ReportEscapingTests {
    static let hostileID = #"<script>alert("id")</script>'"#
    static let hostileName = #"Evil & "Co" <b>portfolio</b>"#
    static let hostileReason = #""><img src=x onerror=alert('reason')>"#
    static let hostileSymbol = "<svg onload=alert(1)>"

    /// A journal written with raw SQL, holding hostile text wherever the journal keeps user text
    /// (an exit reason is a closed set, not user text: `exitReason` is what the trade's holds).
    static func hostileStore(in directory: TemporaryDirectory, exitReason: String = "stop_loss") throws
        -> BallastStore
    {
        let path = directory.path("hostile.sqlite")
        try BallastStore.open(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, mode, name, portfolio_path, input_hash, config_text, status, started_at,
                        finished_at, data_start, data_end, initial_equity, final_equity, summary_json, error)
                    VALUES (1, 'live', ?, ?, 'h', '[portfolio]', 'failed', '2025-01-01T00:00:00Z', NULL, 0, 864000,
                        1000, NULL, NULL, ?)
                    """, arguments: [hostileName, "</title><script>alert(2)</script>", hostileReason])
            try db.execute(
                sql: """
                    INSERT INTO strategies (run_id, id, position, kind, symbol, timeframe, capital, priority,
                        profile_json) VALUES (1, ?, 0, 'sma_cross', ?, '1d', 1, 0, '{}')
                    """, arguments: [hostileID, hostileSymbol])
            for day in 0..<10 {
                for scope in ["portfolio", hostileID] {
                    try db.execute(
                        sql: """
                            INSERT INTO account_snapshots (run_id, time, scope, equity, peak, drawdown, gross_exposure,
                                realized_pnl) VALUES (1, ?, ?, ?, 1000, 0, 0, 0)
                            """, arguments: [day * 86_400, scope, 1000 + day])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO trades (run_id, seq, strategy_id, symbol, side, entry_time, exit_time, entry_price,
                        exit_price, quantity, pnl, return_fraction, exit_reason)
                    VALUES (1, 1, ?, ?, 'long', 0, 86400, 10, 11, 1, 1, 0.1, ?)
                    """, arguments: [hostileID, hostileSymbol, exitReason])
        }
        try queue.close()
        return try BallastStore.openForReading(path: path)
    }

    @Test("ids, names, symbols, reasons and errors come out as text, never as markup")
    func hostileTextIsEscaped() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let html = try HTMLReport.render(store: try Self.hostileStore(in: directory), runID: 1)

        for hostile in [Self.hostileID, Self.hostileName, Self.hostileReason, Self.hostileSymbol] {
            #expect(!html.contains(hostile), "\(hostile) appears unescaped")
        }
        #expect(html.contains("&lt;script&gt;alert(&quot;id&quot;)&lt;/script&gt;&#39;"))
        #expect(html.contains("Evil &amp; &quot;Co&quot; &lt;b&gt;portfolio&lt;/b&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(&#39;reason&#39;)&gt;"))
        // The only script element is the report's own; no element was injected.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<b>"))
    }

    @Test("a trade whose exit reason this build does not know is refused as invalid data, never rendered")
    func unknownExitReasonIsInvalidData() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Self.hostileStore(in: directory, exitReason: Self.hostileReason)
        #expect(throws: StoreError.self) { try HTMLReport.render(store: store, runID: 1) }
    }

    @Test("the fixed style sheet and script reach the page unchanged (no Mustache tags in them)")
    func assetsCopiedVerbatim() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let html = try HTMLReport.render(store: try Self.hostileStore(in: directory), runID: 1)
        #expect(html.contains(ReportAssets.script))
        #expect(html.contains(ReportAssets.style))
        #expect(!ReportAssets.script.contains("{{") && !ReportAssets.script.contains("}}"))
        #expect(!ReportAssets.style.contains("{{") && !ReportAssets.style.contains("}}"))
        // Nothing is loaded from anywhere.
        for reference in ["http://", "https://", "src=\"", "<link"] {
            #expect(!html.contains(reference) || reference == "http://" && Self.onlySVGNamespace(html))
        }
    }

    /// The only `http://` in a report is the SVG namespace the script creates tick labels in.
    static func onlySVGNamespace(_ html: String) -> Bool {
        html.components(separatedBy: "http://").count - 1
            == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
    }

    @Test("an unknown run is the store's unknownRun error")
    func unknownRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Self.hostileStore(in: directory)
        #expect(throws: StoreError.self) { try HTMLReport.render(store: store, runID: 99) }
    }
}
