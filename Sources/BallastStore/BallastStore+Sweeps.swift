import BallastReports
import Foundation
import GRDB

extension BallastStore {
    /// Records a sweep's start, or finds it when it is already there (a resumed sweep, a merge run
    /// twice). Returns the stored record (its first `createdAt`).
    ///
    /// - Throws: `StoreError.invalidData` when a sweep with this id but another text is stored.
    public func beginSweep(_ sweep: SweepRecord, at now: Date) throws(StoreError) -> SweepRecord {
        let path = self.path
        return try write("beginning sweep \(sweep.id)") { db in
            if let stored = try Self.sweepRecord(db, id: sweep.id) {
                guard stored.sweepText == sweep.sweepText, stored.variantCount == sweep.variantCount else {
                    throw StoreError.invalidData(
                        path: path, reason: "sweep \(sweep.id) is stored with another sweep file or plan")
                }
                return stored
            }
            try db.execute(
                sql: """
                    INSERT INTO sweeps (id, sweep_path, portfolio_path, sweep_text, objective, mode, variant_count,
                        created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    sweep.id, sweep.sweepPath, sweep.portfolioPath, sweep.sweepText, sweep.objective, sweep.mode,
                    sweep.variantCount, Self.iso8601(now),
                ])
            var stored = sweep
            stored.createdAt = Self.iso8601(now)
            return stored
        }
    }

    /// Writes done variants in one transaction. A variant already stored with the same params is
    /// left as it is (a merge run twice); with other params it is an error.
    public func recordSweepVariants(_ records: [SweepVariantRecord], sweepID: String) throws(StoreError) {
        let path = self.path
        try write("recording variants of sweep \(sweepID)") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO sweep_variants (sweep_id, variant, params_json, status, reason, objective_value,
                        total_return_pct, cagr_pct, sharpe, sortino, calmar, max_drawdown_pct, win_rate_pct,
                        profit_factor, expectancy_pct, sqn, exposure_pct, trades, final_equity, metrics_json,
                        summary_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sweep_id, variant) DO NOTHING
                    """)
            for record in records {
                let metrics = record.metrics
                let metricsJSON = try metrics.map {
                    String(decoding: try PerformanceMetrics.jsonEncoder().encode($0), as: UTF8.self)
                }
                try insert.execute(arguments: [
                    sweepID, record.variant, record.paramsJSON, record.status, record.reason, record.objectiveValue,
                    metrics?.totalReturnPct, metrics?.cagrPct, metrics?.sharpe, metrics?.sortino, metrics?.calmar,
                    metrics?.maxDrawdownPct, metrics?.winRatePct, metrics?.profitFactor, metrics?.expectancyPct,
                    metrics?.sqn, metrics?.exposurePct, metrics?.trades, metrics?.finalEquity, metricsJSON,
                    record.summaryJSON,
                ])
                if db.changesCount == 0 {
                    let stored = try String.fetchOne(
                        db, sql: "SELECT params_json FROM sweep_variants WHERE sweep_id = ? AND variant = ?",
                        arguments: [sweepID, record.variant])
                    if stored != record.paramsJSON {
                        throw StoreError.invalidData(
                            path: path,
                            reason: "variant \(record.variant) of sweep \(sweepID) is stored with other params")
                    }
                }
            }
        }
    }

    /// Marks a sweep finished (every variant done); a finished sweep keeps its first time.
    public func finishSweep(_ sweepID: String, at now: Date) throws(StoreError) {
        try write("finishing sweep \(sweepID)") { db in
            try db.execute(
                sql: "UPDATE sweeps SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                arguments: [Self.iso8601(now), sweepID])
        }
    }

    /// The sweep with this id, nil when there is none.
    public func sweep(id: String) throws(StoreError) -> SweepRecord? {
        try read("reading sweep \(id)") { db in try Self.sweepRecord(db, id: id) }
    }

    /// Every sweep in the file, oldest first.
    public func sweeps() throws(StoreError) -> [SweepRecord] {
        try read("reading sweeps") { db in
            try String.fetchAll(db, sql: "SELECT id FROM sweeps ORDER BY created_at, id").compactMap {
                try Self.sweepRecord(db, id: $0)
            }
        }
    }

    /// The done variants of a sweep, by variant number.
    public func sweepVariants(sweepID: String) throws(StoreError) -> [SweepVariantRecord] {
        let path = self.path
        return try read("reading variants of sweep \(sweepID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT variant, params_json, status, reason, objective_value, metrics_json, summary_json
                    FROM sweep_variants WHERE sweep_id = ? ORDER BY variant
                    """, arguments: [sweepID]
            ).map { row throws(StoreError) in try SweepVariantRecord(row: row, path: path, of: "sweep variant") }
        }
    }

    static func sweepRecord(_ db: Database, id: String) throws -> SweepRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM sweeps WHERE id = ?", arguments: [id]).map { row in
            SweepRecord(
                id: row["id"], sweepPath: row["sweep_path"], portfolioPath: row["portfolio_path"],
                sweepText: row["sweep_text"], objective: row["objective"], mode: row["mode"],
                variantCount: row["variant_count"], createdAt: row["created_at"], finishedAt: row["finished_at"])
        }
    }
}
