import BallastCore
import GRDB

/// What a dashboard polls to learn that a run committed something new: its status, the time of its
/// last journaled state and its operator commands. `version` changes with each of them.
public struct DashboardCommit: Sendable, Codable, Equatable {
    public var run: Int64
    public var status: String
    /// The close time of the last bar group journaled (the budgets' `as_of`); nil before any.
    public var asOf: Timestamp?
    /// Operator commands received, and applied, so far.
    public var commands: Int
    public var appliedCommands: Int
    /// An opaque text that changes whenever any of the above does.
    public var version: String

    enum CodingKeys: String, CodingKey {
        case run, status, commands, version
        case asOf = "as_of"
        case appliedCommands = "applied_commands"
    }
}

extension BallastStore {
    /// Run `runID`'s last commit, in one indexed read (cheap enough to poll twice a second).
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func lastCommit(runID: Int64) throws(StoreError) -> DashboardCommit {
        let path = self.path
        return try read("reading the last commit of run \(runID)") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT status, (SELECT MAX(time) FROM strategy_state WHERE run_id = runs.id),
                            (SELECT COUNT(*) FROM operator_commands WHERE run_id = runs.id),
                            (SELECT COUNT(applied_at) FROM operator_commands WHERE run_id = runs.id)
                        FROM runs WHERE id = ?
                        """, arguments: [runID])
            else { throw StoreError.unknownRun(path: path, runID: runID) }
            let status: String = row[0]
            let time: Int64? = row[1]
            let commands: Int = row[2]
            let applied: Int = row[3]
            return DashboardCommit(
                run: runID, status: status, asOf: time.map { Timestamp(seconds: $0) }, commands: commands,
                appliedCommands: applied, version: "\(status)-\(time ?? 0)-\(commands)-\(applied)")
        }
    }
}
