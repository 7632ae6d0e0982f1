/// A person's command to a live run (SPEC §16, docs/SERVE.md): stop one strategy's (or every
/// strategy's) new entries, lift that stop, or close its positions. Written to the journal's
/// `operator_commands` by `ballast halt|resume|flatten` or `POST /api/runs/{id}/…`, applied by the
/// live run at its next bar group.
///
/// Invariant: a command is applied at exactly one bar group (its `applied_at`, the group's close
/// time), and a resumed run re-applies it at that same group when it replays its bars.
public struct OperatorCommand: Sendable, Equatable, Codable {
    /// What the command does.
    public enum Action: String, Sendable, Codable, CaseIterable {
        /// The strategy goes reduce-only (latched): no new entries; stops, targets and exit signals
        /// still run, and a reversal signal only closes the position.
        case halt
        /// Lifts an operator halt (never a risk latch of the drawdown limits).
        case resume
        /// Closes the strategy's position at the next fill and halts it (no re-entry until `resume`).
        case flatten
    }

    /// The command's row id in `operator_commands`.
    public var id: Int64
    public var action: Action
    /// The strategy it is for; nil for every strategy of the run (`--all`).
    public var strategyID: String?
    /// Free text from the operator (user text: escaped wherever it is shown).
    public var reason: String

    public init(id: Int64, action: Action, strategyID: String?, reason: String) {
        self.id = id
        self.action = action
        self.strategyID = strategyID
        self.reason = reason
    }
}

/// An operator command applied at a bar group: the journal records it in the group's transaction.
public struct AppliedOperatorCommand: Sendable, Equatable {
    /// The command's row id.
    public var id: Int64
    /// The close time of the bar group that applied it (engine clock, epoch seconds).
    public var closeTime: Int64

    public init(id: Int64, closeTime: Int64) {
        self.id = id
        self.closeTime = closeTime
    }
}

/// The kernel's operator state: the strategies an operator halted (or flattened) and has not
/// resumed, and the commands still to apply, in the order received.
package typealias OperatorControls = EntryHalts<OperatorCommand>
