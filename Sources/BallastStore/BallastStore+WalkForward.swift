import BallastReports
import Foundation
import GRDB

extension BallastStore {
    /// Writes done train variants of walk-forward window `window` in one transaction; a variant
    /// already stored with the same params is left as it is, with other params it is an error.
    public func recordWalkForwardVariants(
        _ records: [SweepVariantRecord], sweepID: String, window: Int
    ) throws(StoreError) {
        let path = self.path
        try write("recording walk-forward variants of sweep \(sweepID)") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO walk_forward_variants (sweep_id, window_index, variant, params_json, status, reason,
                        objective_value, metrics_json, summary_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sweep_id, window_index, variant) DO NOTHING
                    """)
            for record in records {
                let metricsJSON = try record.metrics.map {
                    String(decoding: try PerformanceMetrics.jsonEncoder().encode($0), as: UTF8.self)
                }
                try insert.execute(arguments: [
                    sweepID, window, record.variant, record.paramsJSON, record.status, record.reason,
                    record.objectiveValue, metricsJSON, record.summaryJSON,
                ])
                if db.changesCount == 0 {
                    let stored = try String.fetchOne(
                        db,
                        sql: """
                            SELECT params_json FROM walk_forward_variants
                            WHERE sweep_id = ? AND window_index = ? AND variant = ?
                            """, arguments: [sweepID, window, record.variant])
                    if stored != record.paramsJSON {
                        throw StoreError.invalidData(
                            path: path,
                            reason:
                                "variant \(record.variant) of walk-forward window \(window) of sweep \(sweepID) "
                                + "is stored with other params")
                    }
                }
            }
        }
    }

    /// The done train variants of walk-forward window `window`, by variant number.
    public func walkForwardVariants(sweepID: String, window: Int) throws(StoreError) -> [SweepVariantRecord] {
        let path = self.path
        return try read("reading walk-forward variants of sweep \(sweepID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT variant, params_json, status, reason, objective_value, metrics_json, summary_json
                    FROM walk_forward_variants WHERE sweep_id = ? AND window_index = ? ORDER BY variant
                    """, arguments: [sweepID, window]
            ).map { row throws(StoreError) in try SweepVariantRecord(row: row, path: path, of: "walk-forward variant") }
        }
    }

    /// Records a done walk-forward window; a window already stored is left as it is.
    public func recordWalkForwardWindow(_ record: WalkForwardWindowRecord, sweepID: String) throws(StoreError) {
        try write("recording walk-forward window \(record.window) of sweep \(sweepID)") { db in
            try db.execute(
                sql: """
                    INSERT INTO walk_forward_windows (sweep_id, window_index, train_start, test_start, test_end,
                        chosen_variant, test_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sweep_id, window_index) DO NOTHING
                    """,
                arguments: [
                    sweepID, record.window, record.trainStart, record.testStart, record.testEnd, record.chosenVariant,
                    record.testJSON,
                ])
        }
    }

    /// The done walk-forward windows of a sweep, by window number.
    public func walkForwardWindows(sweepID: String) throws(StoreError) -> [WalkForwardWindowRecord] {
        try read("reading walk-forward windows of sweep \(sweepID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT window_index, train_start, test_start, test_end, chosen_variant, test_json
                    FROM walk_forward_windows WHERE sweep_id = ? ORDER BY window_index
                    """, arguments: [sweepID]
            ).map { row in
                WalkForwardWindowRecord(
                    window: row["window_index"], trainStart: row["train_start"], testStart: row["test_start"],
                    testEnd: row["test_end"], chosenVariant: row["chosen_variant"], testJSON: row["test_json"])
            }
        }
    }
}
