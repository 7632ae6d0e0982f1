import BallastCore
import BallastEngine
import Foundation
import GRDB

extension BallastStore {
    /// Journals an operator command for live run `runID`, to be applied at its next bar group. The
    /// checks and the insert are one write transaction: a refused command writes nothing.
    ///
    /// - Parameters:
    ///   - strategy: the strategy, nil for every strategy of the run.
    ///   - source: `cli`, `http`, or `venue` (a live run's own halt after a venue failure).
    ///   - receivedAt: the wall clock (the store reads none).
    /// - Throws: `OperatorCommandRefusal` (exit 1) when the run is not a live run, is not running, or
    ///   has no such strategy; `StoreError.unknownRun` for an unknown run; `.io` when SQLite fails.
    public func submitOperatorCommand(
        runID: Int64, action: OperatorCommand.Action, strategy: String?, reason: String, source: String,
        receivedAt: Date
    ) throws -> OperatorCommandRow {
        let path = self.path
        do {
            let row = try pool.write { db in
                guard
                    let run = try Row.fetchOne(
                        db, sql: "SELECT mode, status FROM runs WHERE id = ?", arguments: [runID])
                else { throw StoreError.unknownRun(path: path, runID: runID) }
                let mode: String = run[0]
                let status: String = run[1]
                guard mode == "live" else {
                    throw OperatorCommandRefusal(
                        "\(path): run \(runID) is a backtest; operator commands are for a running live run")
                }
                guard status == "running" else {
                    throw OperatorCommandRefusal("\(path): run \(runID) is \(status), not running; nothing was written")
                }
                if let strategy {
                    let ids = try String.fetchAll(
                        db, sql: "SELECT id FROM strategies WHERE run_id = ? ORDER BY position", arguments: [runID])
                    guard ids.contains(strategy) else {
                        throw OperatorCommandRefusal(
                            "\(path): run \(runID) has no strategy '\(strategy)' (its strategies: "
                                + "\(ids.joined(separator: ", "))); nothing was written")
                    }
                }
                try db.execute(
                    sql: """
                        INSERT INTO operator_commands (run_id, received_at, action, strategy_id, reason, source)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [runID, Self.iso8601(receivedAt), action.rawValue, strategy, reason, source])
                let id = db.lastInsertedRowID
                guard
                    let row = try Row.fetchOne(db, sql: "SELECT * FROM operator_commands WHERE id = ?", arguments: [id])
                else { throw StoreError.io(path: path, operation: "recording a command", message: "row missing") }
                return try OperatorCommandRow(StoredRow(row: row, table: "operator_commands", path: path))
            }
            commandsSubmitted.withLock { $0 += 1 }  // after the commit: see `operatorCommandsVersion()`
            return row
        } catch let refusal as OperatorCommandRefusal {
            throw refusal
        } catch {
            throw StoreError.wrap(error, path: path, operation: "recording an operator command")
        }
    }

    /// The newest live run that is running; nil when there is none.
    public func runningLiveRunID() throws(StoreError) -> Int64? {
        try read("finding the running live run") { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM runs WHERE mode = 'live' AND status = 'running' ORDER BY id DESC LIMIT 1")
        }
    }

    /// Every operator command of run `runID`, in the order received.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func operatorCommands(runID: Int64) throws(StoreError) -> [OperatorCommandRow] {
        let path = self.path
        return try read("reading operator commands of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try Self.fetchOperatorCommands(db, runID: runID, path: path)
        }
    }

    static func fetchOperatorCommands(_ db: Database, runID: Int64, path: String) throws -> [OperatorCommandRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM operator_commands WHERE run_id = ? ORDER BY id", arguments: [runID])
            .map { row throws(StoreError) in
                try OperatorCommandRow(StoredRow(row: row, table: "operator_commands", path: path))
            }
    }

    /// Where the operator commands of the file stand: equal to an earlier value of this store
    /// exactly when no operator command can have been submitted since. A live run reads its pending
    /// commands only when this moved since it last read them, so a quiet bar group costs one cached
    /// statement on the idle writer, not a read transaction.
    public struct OperatorCommandsVersion: Equatable, Sendable {
        /// SQLite's `PRAGMA data_version` on this store's writer connection: it moves exactly when
        /// another connection committed to the file (another process's `ballast halt`, a
        /// `ballast serve` POST, a second store on the file); this store's own writes never move it.
        var otherConnections: Int64
        /// Commands submitted through this store (they commit on its writer), counted after commit.
        var submittedHere: Int64
    }

    /// The current `OperatorCommandsVersion`. Invariant: pending commands read after this returned
    /// `v` include every command submitted before; one submitted later makes a later call differ.
    ///
    /// - Throws: `StoreError.io` when SQLite fails.
    public func operatorCommandsVersion() throws(StoreError) -> OperatorCommandsVersion {
        let submitted = commandsSubmitted.withLock { $0 }
        do {
            let dataVersion = try pool.writeWithoutTransaction { db in
                try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
            return OperatorCommandsVersion(otherConnections: dataVersion, submittedHere: submitted)
        } catch {
            throw .wrap(error, path: path, operation: "reading the database's data version")
        }
    }

    /// The commands run `runID` has not applied yet, in the order received.
    public func pendingOperatorCommands(runID: Int64) throws(StoreError) -> [OperatorCommand] {
        try operatorCommands(runID: runID).filter { $0.appliedAt == nil }.map(\.command)
    }

    /// The commands run `runID` applied, grouped by the close time of the bar group that applied
    /// them, in time order and, within a group, in the order received.
    public func appliedOperatorCommands(
        runID: Int64
    ) throws(StoreError) -> [(closeTime: Int64, commands: [OperatorCommand])] {
        Self.appliedGroups(try operatorCommands(runID: runID))
    }

    static func appliedGroups(_ rows: [OperatorCommandRow]) -> [(closeTime: Int64, commands: [OperatorCommand])] {
        var groups: [(closeTime: Int64, commands: [OperatorCommand])] = []
        let applied = rows.compactMap { row in row.appliedAt.map { (time: $0.seconds, row: row) } }
        for (time, row) in applied.sorted(by: { ($0.time, $0.row.id) < ($1.time, $1.row.id) }) {
            if groups.last?.closeTime == time {
                groups[groups.count - 1].commands.append(row.command)
            } else {
                groups.append((time, [row.command]))
            }
        }
        return groups
    }

    /// Every strategy's operator halt in force (strategies not halted are absent), from the applied
    /// commands in the order applied: as the live run's kernel applies them.
    static func operatorHalts(_ rows: [OperatorCommandRow], strategies: [String]) -> [String: OperatorHalt] {
        var halts: [String: OperatorHalt] = [:]
        for group in appliedGroups(rows) {
            for command in group.commands {
                for target in command.strategyID.map({ [$0] }) ?? strategies {
                    switch command.action {
                    case .halt, .flatten:
                        if halts[target] == nil {
                            halts[target] = OperatorHalt(
                                action: command.action, reason: command.reason,
                                since: Timestamp(seconds: group.closeTime))
                        } else if command.action == .flatten {
                            halts[target]?.action = .flatten
                        }
                    case .resume:
                        halts[target] = nil
                    }
                }
            }
        }
        return halts
    }
}
