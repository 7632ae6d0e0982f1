import BallastCore
import BallastEngine

/// One operator command as journaled (`operator_commands`), as `ballast halt|resume|flatten`, the
/// serve API and `budgets` show it. JSON keys are the table's column names; `applied_at` (the close
/// time of the bar group that applied it, epoch seconds) is left out while the command is pending,
/// `strategy_id` for a command to every strategy (`--all`).
public struct OperatorCommandRow: Sendable, Codable, Equatable {
    public var id: Int64
    public var runID: Int64
    /// When it was received, wall clock, ISO-8601.
    public var receivedAt: String
    public var action: OperatorCommand.Action
    /// The strategy, nil for every strategy.
    public var strategyID: String?
    public var reason: String
    /// `cli` (`ballast halt` …), `http` (`ballast serve`), or `venue` (a live run halting a strategy
    /// whose order could not be sent to the venue).
    public var source: String
    /// The close time of the bar group that applied it; nil while pending.
    public var appliedAt: Timestamp?

    enum CodingKeys: String, CodingKey {
        case id, action, reason, source
        case runID = "run_id"
        case receivedAt = "received_at"
        case strategyID = "strategy_id"
        case appliedAt = "applied_at"
    }

    /// The command as the engine applies it.
    public var command: OperatorCommand {
        OperatorCommand(id: id, action: action, strategyID: strategyID, reason: reason)
    }

    /// Reads an `operator_commands` row.
    init(_ row: StoredRow) throws(StoreError) {
        id = try row.value("id")
        runID = try row.value("run_id")
        receivedAt = try row.value("received_at")
        action = try row.raw("action")
        strategyID = try row.value("strategy_id")
        reason = try row.value("reason")
        source = try row.value("source")
        appliedAt = try row.optionalTime("applied_at")
    }
}

/// A strategy's operator halt in force, as `budgets` shows it: set by the last applied `halt` or
/// `flatten` that no `resume` followed.
public struct OperatorHalt: Sendable, Codable, Equatable {
    /// `halt` or `flatten`.
    public var action: OperatorCommand.Action
    /// The operator's reason (may be empty).
    public var reason: String
    /// The close time of the bar group that applied it.
    public var since: Timestamp

    public init(action: OperatorCommand.Action, reason: String, since: Timestamp) {
        self.action = action
        self.reason = reason
        self.since = since
    }
}

/// An operator command that is refused (exit 1): no live run, a run that is not running, an unknown
/// strategy. Nothing was written.
public struct OperatorCommandRefusal: BallastFailure, Equatable {
    public var message: String
    public var exitStatus: ExitStatus { .failure }
    public var description: String { message }

    public init(_ message: String) { self.message = message }
}
