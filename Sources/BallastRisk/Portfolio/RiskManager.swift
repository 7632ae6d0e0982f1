import BallastCore

/// The one shared risk manager of a portfolio (SPEC §7): an actor around a `PortfolioRiskBook`.
///
/// Check-and-reserve (`decide`) is a single synchronous actor method with no `await` inside, so
/// strategy actors asking at the same time can never jointly exceed a global limit. For decisions
/// that must not depend on arrival order, open a **round** for a bar time: requests submitted for
/// that time wait until every participant has submitted or passed, then resolve by
/// (priority, strategy id) — the order a backtest uses, so live and replayed runs decide alike.
public actor RiskManager {
    private var book: PortfolioRiskBook
    private var rounds: [Timestamp: Round] = [:]

    /// A manager over a book (which carries the parameters, strategies, hook and state).
    public init(book: PortfolioRiskBook) {
        self.book = book
    }

    /// The book's remembered state, to persist for a restart.
    public var state: RiskBookState { book.state }

    /// Decides one request now (check and reserve in one step).
    public func decide(_ request: EntryRequest) -> RiskDecision {
        book.decide(request)
    }

    /// Decides the requests of one moment in (bar time, priority, id) order.
    public func resolve(_ requests: [EntryRequest]) -> [RiskDecision] {
        book.resolve(requests)
    }

    /// Takes the engine's account snapshot; returns the reduce-only changes it caused.
    public func updateAccount(_ snapshot: AccountSnapshot, at time: Timestamp) -> [ReduceOnlyEvent] {
        book.updateAccount(snapshot, at: time)
    }

    /// Moves the engine clock (daily budgets reset at 00:00 UTC).
    public func advanceClock(to time: Timestamp) {
        book.advanceClock(to: time)
    }

    /// Runs a piece of synchronous work against the book on this actor: one `await` for a whole
    /// chunk of a backtest instead of one per bar. The work value is handed over and returned.
    ///
    /// The consumed parameter is mutated in place and returned: copying it into a local `var`
    /// would keep two references to every array of the work for the whole call, so its first
    /// mutation of each would copy it (once per chunk, large buffers included).
    public func perform<Work: RiskBookWork>(_ work: consuming sending Work) -> Work {
        work.run(with: &book)
        return work
    }

    /// Risk headroom of one strategy now, nil for an unknown id.
    public func budget(for strategyID: String, at time: Timestamp) -> PortfolioRiskBudget? {
        PortfolioRiskBudget(book: book, strategyID: strategyID, at: time)
    }

    // MARK: Rounds

    /// Opens a round for a decision time: requests for that time from `participants` are held until every
    /// participant has submitted or passed. Opening a round that is already open adds participants.
    public func openRound(at time: Timestamp, participants: Set<String>) {
        rounds[time, default: Round()].expected.formUnion(participants)
        resolveIfComplete(time)
    }

    /// Submits a request. Without an open round for its bar time it is decided at once; inside one
    /// it waits for the round to complete and then returns its decision.
    public func submit(_ request: EntryRequest) async -> RiskDecision {
        let time = request.decisionTime
        guard rounds[time]?.expected.contains(request.strategyID) == true else {
            return book.decide(request)
        }
        return await withCheckedContinuation { continuation in
            rounds[time]?.waiting.append((request, continuation))
            rounds[time]?.heard.insert(request.strategyID)
            resolveIfComplete(time)
        }
    }

    /// Tells an open round that `strategyID` has nothing to ask at `time`.
    public func pass(strategyID: String, at time: Timestamp) {
        guard rounds[time] != nil else { return }
        rounds[time]?.heard.insert(strategyID)
        resolveIfComplete(time)
    }

    private func resolveIfComplete(_ time: Timestamp) {
        guard let round = rounds[time], round.expected.isSubset(of: round.heard) else { return }
        rounds[time] = nil
        let decisions = book.resolve(round.waiting.map(\.request))
        var byStrategy: [String: [RiskDecision]] = [:]
        for decision in decisions { byStrategy[decision.strategyID, default: []].append(decision) }
        for (request, continuation) in round.waiting {
            let decision = byStrategy[request.strategyID]!.removeFirst()
            continuation.resume(returning: decision)
        }
    }

    private struct Round {
        var expected: Set<String> = []
        var heard: Set<String> = []
        var waiting: [(request: EntryRequest, continuation: CheckedContinuation<RiskDecision, Never>)] = []
    }
}
