import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Testing

@testable import BallastHTMLReport

@Suite("The report's charts and tables, from a hand-written journal")
struct ReportModelTests {
    static let day: Int64 = 86_400
    /// 2025-01-01T00:00:00Z.
    static let january: Int64 = 1_735_689_600

    /// A finished-less run of one strategy `s` with snapshots, two positions and three approved
    /// entries over two UTC days.
    static func model(in directory: TemporaryDirectory) throws -> ReportModel {
        let path = directory.path("model.sqlite")
        try BallastStore.open(path: path).close()
        let queue = try DatabaseQueue(path: path)
        let t0 = january
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, mode, name, portfolio_path, input_hash, config_text, status, started_at,
                        data_start, data_end, initial_equity)
                    VALUES (1, 'live', 'm', 'm.toml', 'h', ?, 'running', '2025-03-01T00:00:00Z', ?, ?, 1000)
                    """,
                arguments: ["[risk]\nmax_position_size = 0.3\nmax_daily_risk = 0.1\n", t0, t0 + 58 * day])
            try db.execute(
                sql: """
                    INSERT INTO strategies (run_id, id, position, kind, symbol, timeframe, capital, priority,
                        profile_json) VALUES (1, 's', 0, 'sma_cross', 'AAA', '1d', 1, 0, '{}')
                    """)
            // Portfolio equity: 1000 at the start, 1100 at the end of January, 1045 at the end of February.
            for (time, equity) in [(t0, 1000.0), (t0 + 30 * day, 1100), (t0 + 58 * day, 1045)] {
                try db.execute(
                    sql: """
                        INSERT INTO account_snapshots (run_id, time, scope, equity, peak, drawdown, gross_exposure,
                            realized_pnl) VALUES (1, ?, 'portfolio', ?, 1100, 0, 0, 0)
                        """, arguments: [time, equity])
            }
            try db.execute(
                sql: """
                    INSERT INTO positions (run_id, fill_seq, strategy_id, symbol, time, side, quantity, entry_price)
                    VALUES (1, 1, 's', 'AAA', ?, 'long', 2, 100), (1, 2, 's', 'AAA', ?, NULL, 0, NULL)
                    """, arguments: [t0 + day, t0 + 2 * day])
            let entries: [(Int64, Double)] = [
                (t0 + 10 * 3600, 0.02), (t0 + 12 * 3600, 0.03), (t0 + day + 9 * 3600, 0.01),
            ]
            for (seq, (time, fraction)) in entries.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO risk_decisions (run_id, seq, time, bar_time, strategy_id, symbol, side, sized,
                            throttled, bounded, strategy_daily, portfolio, after_max_position, after_daily_risk,
                            after_correlation, after_cash, approved_fraction, approved_sleeve_fraction, binding_limit,
                            position_size_factor, stop_loss_tightening, daily_risk_factor, primary_reason,
                            portfolio_equity, sleeve_equity)
                        VALUES (1, ?, ?, ?, 's', 'AAA', 'long', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', 1, 1, 1,
                            'normal', 1000, 1000)
                        """,
                    arguments: [
                        seq + 1, time, time, fraction, fraction, fraction, fraction, fraction, fraction, fraction,
                        fraction, fraction, fraction, fraction,
                    ])
            }
        }
        try queue.close()
        let store = try BallastStore.openForReading(path: path)
        return ReportModel(journal: try store.reportJournal(runID: 1))
    }

    @Test("a live run's time axis ends at its last snapshot, not at the end of its data files")
    func liveRunAxisEndsAtItsLastSnapshot() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try Self.model(in: directory)
        let path = directory.path("model.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE runs SET data_end = ?", arguments: [Self.january + 400 * Self.day])
        }
        try queue.close()
        let live = ReportModel(journal: try BallastStore.openForReading(path: path).reportJournal(runID: 1))
        #expect(live.end == Double(Self.january + 58 * Self.day))
        let backtestQueue = try DatabaseQueue(path: path)
        try backtestQueue.write { db in try db.execute(sql: "UPDATE runs SET mode = 'backtest'") }
        try backtestQueue.close()
        let backtest = ReportModel(journal: try BallastStore.openForReading(path: path).reportJournal(runID: 1))
        #expect(backtest.end == Double(Self.january + 400 * Self.day), "a backtest's axis spans its data")
    }

    @Test("daily risk used sums a day's approved entries and starts again at 00:00 UTC; the limit is the file's")
    func dailyRisk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = try Self.model(in: directory)
        let chart = try #require(model.strategies.first?.charts.first { $0.id == "chart-s0-daily-risk" })
        let used = chart.series[0].points
        let t0 = Double(Self.january)
        let at = { (time: Double) in used.last { $0.time <= time }?.value }
        #expect(at(t0 + 11 * 3600) == 0.02)
        #expect(abs((at(t0 + 13 * 3600) ?? 0) - 0.05) < 1e-12)
        #expect(at(t0 + 86_400 + 3600) == 0, "reset at midnight UTC")
        #expect(at(t0 + 86_400 + 10 * 3600) == 0.01)
        #expect(at(t0 + 3 * 86_400) == 0)
        #expect(chart.series[1].name == "max_daily_risk" && chart.series[1].points.allSatisfy { $0.value == 0.1 })
    }

    @Test("exposure is the notional at entry over the portfolio equity in force, against max_position_size")
    func exposure() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = try Self.model(in: directory)
        let chart = try #require(model.strategies.first?.charts.first { $0.id == "chart-s0-exposure" })
        let values = chart.series[0].points.map(\.value)
        #expect(values.contains(0.2))  // 2 × 100 / 1000
        #expect(values.last == 0)
        #expect(chart.series[1].points.allSatisfy { $0.value == 0.3 })
    }

    @Test("monthly returns chain month ends from the initial equity; a running run's metrics come from snapshots")
    func monthlyAndMetrics() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = try Self.model(in: directory)
        let year = try #require(model.monthly.first)
        #expect(model.monthly.count == 1 && year.year == "2025")
        #expect(abs((year.months[0] ?? 0) - 0.10) < 1e-12)
        #expect(abs((year.months[1] ?? 0) - -0.05) < 1e-12)
        #expect(year.months[2] == nil)
        #expect(abs((year.total ?? 0) - 0.045) < 1e-12)
        #expect(model.metrics.map(\.scope) == ["portfolio", "s"])
        #expect(model.metrics[0].cells[0] == "4.50")
        #expect(model.metricsSource.contains("running"))
    }

    @Test("count axes have whole-number ticks", arguments: [(0.0, 8.6), (0.0, 3.0), (0.0, 1234.0)])
    func wholeTicks(low: Double, high: Double) {
        let ticks = ChartView.niceTicks(low: low, high: high, whole: true)
        #expect(ticks.allSatisfy { $0 == $0.rounded() })
        #expect(ticks.count >= 2)
    }
}
