import BallastEngine
import Foundation
import GRDB

extension BallastStore {
    /// Records the start of a run: its `runs` row (status `running`) and one `strategies` row per
    /// strategy (`position` = its index in `header.strategies`), in one transaction.
    ///
    /// - Parameter startedAt: the wall-clock start, stored as ISO-8601 text (the store reads no clock).
    /// - Returns: the new run's id (ids increase and are never reused).
    /// - Throws: `StoreError.io` when SQLite fails (for example two strategies with the same id).
    public func beginRun(_ header: RunHeader, startedAt: Date) throws(StoreError) -> Int64 {
        try write("beginning a run") { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (mode, name, portfolio_path, input_hash, config_text, status, started_at,
                        data_start, data_end, initial_equity)
                    VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)
                    """,
                arguments: [
                    header.mode.rawValue, header.name, header.portfolioPath, header.inputHash, header.configText,
                    Self.iso8601(startedAt), header.dataStart.seconds, header.dataEnd.seconds, header.initialEquity,
                ])
            let runID = db.lastInsertedRowID
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO strategies (run_id, id, position, kind, symbol, timeframe, capital, priority,
                        profile_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (position, strategy) in header.strategies.enumerated() {
                try statement.execute(arguments: [
                    runID, strategy.id, position, strategy.kind, strategy.symbol, strategy.timeframe,
                    strategy.capital, strategy.priority, strategy.profileJSON,
                ])
            }
            return runID
        }
    }

    /// Writes a whole batch in one transaction with cached prepared statements, in this order:
    /// orders, fills, positions, trades, snapshots, decisions, adjustments, adjustment ends,
    /// performance, reduce-only events, strategy states (upserted), the book state (upserted).
    ///
    /// A reader sees all of a batch or none of it.
    ///
    /// - Throws: `StoreError.unknownRun` or `.runNotRunning` when the run is missing or ended;
    ///   `.inconsistentBatch` when an adjustment end names an adjustment that was never written or a
    ///   state names a strategy the run does not have; `.io` when SQLite fails (for example a
    ///   sequence number written twice). Nothing of the batch is written then.
    public func append(_ batch: JournalBatch, runID: Int64) throws(StoreError) {
        try append(contentsOf: [batch], runID: runID)
    }

    /// Writes consecutive batches in one transaction, each as `append(_:runID:)` would, in order.
    /// Fewer, larger transactions write each B-tree page to the WAL fewer times. A reader sees all
    /// of them or none; an error leaves none of them written.
    public func append(contentsOf batches: [JournalBatch], runID: Int64) throws(StoreError) {
        let path = self.path
        try write("appending a journal batch") { db in
            try Self.requireRunning(db, runID: runID, path: path)
            let writer = JournalWriter(db: db, runID: runID, path: path)
            for batch in batches { try writer.write(batch) }
        }
    }

    /// Marks a running run `finished` with its final equity and the JSON summary (SPEC §14).
    ///
    /// - Throws: `StoreError.unknownRun`, or `.runNotRunning` when it already finished or failed.
    public func finishRun(
        _ runID: Int64, finishedAt: Date, finalEquity: Double, summaryJSON: String
    ) throws(StoreError) {
        let path = self.path
        try write("finishing run \(runID)") { db in
            try db.execute(
                sql: """
                    UPDATE runs SET status = 'finished', finished_at = ?, final_equity = ?, summary_json = ?
                    WHERE id = ? AND status = 'running'
                    """,
                arguments: [Self.iso8601(finishedAt), finalEquity, summaryJSON, runID])
            if db.changesCount == 0 { try Self.requireRunning(db, runID: runID, path: path) }
        }
    }

    /// Marks a running run `failed` with the error's text, so that a run that stopped midway never
    /// looks finished. What it journaled before stays.
    ///
    /// - Throws: `StoreError.unknownRun`, or `.runNotRunning` when it already finished or failed.
    public func failRun(_ runID: Int64, finishedAt: Date, error message: String) throws(StoreError) {
        let path = self.path
        try write("marking run \(runID) failed") { db in
            try db.execute(
                sql:
                    "UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'",
                arguments: [Self.iso8601(finishedAt), message, runID])
            if db.changesCount == 0 { try Self.requireRunning(db, runID: runID, path: path) }
        }
    }

    /// Throws unless run `runID` exists and is `running`.
    static func requireRunning(_ db: Database, runID: Int64, path: String) throws {
        let text = try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [runID])
        guard let text else { throw StoreError.unknownRun(path: path, runID: runID) }
        guard RunStatus(rawValue: text) == .running else {
            throw StoreError.runNotRunning(path: path, runID: runID, status: text)
        }
    }

    /// Throws `StoreError.unknownRun` unless run `runID` exists.
    static func requireRun(_ db: Database, runID: Int64, path: String) throws {
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM runs WHERE id = ?", arguments: [runID]) ?? false
        if !exists { throw StoreError.unknownRun(path: path, runID: runID) }
    }

    /// `date` as ISO-8601 in UTC with whole seconds, e.g. `2025-01-02T03:04:05Z`.
    static func iso8601(_ date: Date) -> String {
        date.ISO8601Format()
    }
}
