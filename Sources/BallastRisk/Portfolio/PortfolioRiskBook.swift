import BallastCore

/// The portfolio-wide risk limits of SPEC §3 steps 4–7 and §7 as a value type with synchronous,
/// pure methods: the functional core that the `RiskManager` actor wraps and that a backtest can
/// drive directly.
///
/// Invariants, whatever the order of calls: on every UTC day the approved fractions (as counted by
/// `daily_risk_measure`) sum to at most `max_daily_risk`; no approval exceeds `max_position_size`;
/// `min_fraction` never lifts a request past a global limit; nothing is approved in reduce-only.
public struct PortfolioRiskBook: Sendable {
    public let parameters: RiskParameters
    /// The strategies, in registration order.
    public let strategies: [StrategyRiskAccount]
    private let strategyIndex: [String: Int]
    private var correlationHook: (any CorrelationRiskHook)?
    /// The remembered state; restore it with `init(…, state:)` after a restart.
    public private(set) var state: RiskBookState

    /// A book for a portfolio of `strategies` with `initialEquity`, optionally with a correlation hook
    /// (none: the correlation step is skipped). Strategy ids must be unique.
    public init(
        parameters: RiskParameters, strategies: [StrategyRiskAccount], initialEquity: Double,
        correlationHook: (any CorrelationRiskHook)? = nil, state: RiskBookState? = nil
    ) {
        self.parameters = parameters
        self.strategies = strategies
        var index: [String: Int] = [:]
        for (position, strategy) in strategies.enumerated() {
            precondition(index[strategy.id] == nil, "duplicate strategy id \(strategy.id)")
            index[strategy.id] = position
        }
        strategyIndex = index
        self.correlationHook = correlationHook
        let sleeves = strategies.map { $0.capital * initialEquity }
        self.state = state ?? RiskBookState(initialEquity: initialEquity, sleeveEquity: sleeves)
    }

    /// Replaces the correlation hook (a live run rebuilds it as bars arrive). Decisions already taken
    /// are unaffected; the next check reads the new hook.
    public mutating func replaceCorrelationHook(_ hook: (any CorrelationRiskHook)?) {
        correlationHook = hook
    }

    /// The registered strategy with an id, if any.
    public func strategy(_ id: String) -> StrategyRiskAccount? {
        strategyIndex[id].map { strategies[$0] }
    }

    /// Moves the engine clock to `barTime`: each UTC day has its own budget, starting at zero at
    /// 00:00 UTC. Closing positions never gives budget back. A late request for an earlier day
    /// counts against that day (days more than `RiskBookState.retainedDays` back have no budget left).
    public mutating func advanceClock(to barTime: Timestamp) {
        state.open(day: barTime.utcDay)
    }

    /// Takes a whole account snapshot at `barTime`: marks every sleeve in `snapshot.sleeveEquity`,
    /// the portfolio, and the open positions. Returns the reduce-only changes, portfolio first,
    /// then strategies in registration order. Convenient for tests and live runs; a backtest uses
    /// the allocation-free `markSleeve`, `markPortfolio` and `setOpenPositions` instead.
    public mutating func updateAccount(_ snapshot: AccountSnapshot, at barTime: Timestamp) -> [ReduceOnlyEvent] {
        var events: [ReduceOnlyEvent] = []
        if let event = markPortfolio(equity: snapshot.equity, freeCash: snapshot.cash, at: barTime) {
            events.append(event)
        }
        for (index, strategy) in strategies.enumerated() {
            guard let equity = snapshot.sleeveEquity[strategy.id] else { continue }
            if let event = markSleeve(index, equity: equity, at: barTime) { events.append(event) }
        }
        setOpenPositions(snapshot.openPositions)
        return events
    }

    /// Marks the portfolio at a bar close: moves the clock, clears same-bar reservations (the
    /// engine's `freeCash` now accounts for them), updates the peak and the reduce-only latch
    /// (entered at drawdown ≥ `max_drawdown`, left below half of it). Returns a change, if any.
    public mutating func markPortfolio(equity: Double, freeCash: Double, at barTime: Timestamp) -> ReduceOnlyEvent? {
        advanceClock(to: barTime)
        state.equity = equity
        state.freeCash = freeCash
        state.pendingExposures.removeAll(keepingCapacity: true)
        state.reservedCash = 0
        if equity > state.portfolioPeak { state.portfolioPeak = equity }
        guard parameters.portfolioDrawdownEnabled else { return nil }
        let drawdown = Self.drawdown(peak: state.portfolioPeak, equity: equity)
        guard let entered = Self.latch(state.portfolioReduceOnly, drawdown: drawdown, limit: parameters.maxDrawdown)
        else { return nil }
        state.portfolioReduceOnly = entered
        return ReduceOnlyEvent(
            time: barTime, strategyID: nil, entered: entered, drawdown: drawdown, limit: parameters.maxDrawdown)
    }

    /// Marks one sleeve (by registration index) at a bar close: its peak, and its own reduce-only
    /// latch when its profile sets `max_drawdown`. Returns a change, if any.
    public mutating func markSleeve(_ index: Int, equity: Double, at barTime: Timestamp) -> ReduceOnlyEvent? {
        state.sleeveEquity[index] = equity
        if equity > state.strategyPeaks[index] { state.strategyPeaks[index] = equity }
        guard let limit = strategies[index].profile.maxDrawdown else { return nil }
        let drawdown = Self.drawdown(peak: state.strategyPeaks[index], equity: equity)
        guard let entered = Self.latch(state.strategyReduceOnly[index], drawdown: drawdown, limit: limit) else {
            return nil
        }
        state.strategyReduceOnly[index] = entered
        return ReduceOnlyEvent(
            time: barTime, strategyID: strategies[index].id, entered: entered, drawdown: drawdown, limit: limit)
    }

    /// Replaces the open positions the correlation limit sees. The engine's report includes every
    /// approved, unfilled entry, so the entries approved since the last mark are part of it and are
    /// dropped from `pendingExposures` (otherwise `openExposures` would count them twice).
    public mutating func setOpenPositions(_ positions: [OpenExposure]) {
        state.openPositions = positions
        state.pendingExposures.removeAll(keepingCapacity: true)
    }

    /// The registration index of a strategy id.
    public func index(of strategyID: String) -> Int? { strategyIndex[strategyID] }

    /// Resolves the requests of one moment in the fixed order of SPEC §7 — decision time, then strategy
    /// `priority`, then strategy id — whatever order they arrived in.
    ///
    /// Each request's priority is looked up once, before the (stable) sort, so that the comparison
    /// neither hashes ids nor captures the book.
    public mutating func resolve(_ requests: [EntryRequest]) -> [RiskDecision] {
        if requests.count == 1 { return [decide(requests[0])] }
        var keyed: [(priority: Int, request: EntryRequest)] = []
        keyed.reserveCapacity(requests.count)
        for request in requests {
            var priority = Int.max
            if let position = strategyIndex[request.strategyID] { priority = strategies[position].priority }
            keyed.append((priority, request))
        }
        let ordered = keyed.sorted { lhs, rhs in
            if lhs.request.decisionTime != rhs.request.decisionTime {
                return lhs.request.decisionTime < rhs.request.decisionTime
            }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            return lhs.request.strategyID < rhs.request.strategyID
        }
        var decisions: [RiskDecision] = []
        decisions.reserveCapacity(ordered.count)
        for entry in ordered { decisions.append(decide(entry.request)) }
        return decisions
    }

    /// Checks one entry request against every limit and, if approved, reserves its budget: one
    /// synchronous step with nothing in between. Precondition: the strategy is registered.
    public mutating func decide(_ request: EntryRequest) -> RiskDecision {
        guard let position = strategyIndex[request.strategyID] else {
            preconditionFailure("unknown strategy \(request.strategyID)")
        }
        let account = strategies[position]
        advanceClock(to: request.budgetTime)
        let sizing = RequestSizing(request: request, account: account, book: self)
        var binding = sizing.bindingLimit
        var approved = sizing.trace.afterCash
        if state.portfolioReduceOnly {
            binding = .portfolioDrawdown
            approved = 0
        } else if state.strategyReduceOnly[position] {
            binding = .strategyDrawdown
            approved = 0
        } else if approved < parameters.minOrderFraction {
            approved = 0
            if binding == .none || binding == .minFraction { binding = .minOrder }
        }
        let sleeveFraction = sizing.ratio > 0 ? approved / sizing.ratio : 0
        if approved > 0 { reserve(request, fraction: approved, sleeveFraction: sleeveFraction, weight: sizing.weight) }
        state.decisionCount += 1
        let adjustments = request.adjustments
        return RiskDecision(
            sequence: state.decisionCount, time: request.decisionTime, barTime: request.barTime,
            strategyID: request.strategyID,
            symbol: request.symbol, side: request.side, trace: sizing.trace, approvedFraction: approved,
            approvedSleeveFraction: sleeveFraction, bindingLimit: binding,
            positionSizeFactor: adjustments.positionSizeFactor, stopLossTightening: adjustments.stopLossTightening,
            dailyRiskFactor: adjustments.dailyRiskFactor, primaryReason: adjustments.primaryReason,
            correlation: sizing.correlation, portfolioEquity: state.equity,
            sleeveEquity: request.sleeveEquity)
    }

    /// Every open exposure the limits see: the last snapshot's plus entries approved since.
    public var openExposures: [OpenExposure] { state.openPositions + state.pendingExposures }

    /// Largest correlated-group exposure among `symbols` now (0 without a hook).
    public func largestGroupExposure(symbols: [String], at time: Timestamp) -> Double {
        correlationHook?.largestGroupExposure(symbols: symbols, openPositions: openExposures, at: time) ?? 0
    }

    /// The correlation hook's check for a request, nil without a hook. A reversal is checked on the
    /// book after its own close: the position it closes (same strategy and symbol: one open position
    /// per pair, SPEC §8) is left out of the open exposures.
    func correlationCheck(
        for request: borrowing EntryRequest, requested: Double, cap: Double
    ) -> CorrelationCheck? {
        guard let correlationHook else { return nil }
        var exposures = openExposures
        if request.reverses {
            let strategyID = request.strategyID
            let symbol = request.symbol
            exposures.removeAll { $0.strategyID == strategyID && $0.symbol == symbol }
        }
        return correlationHook.check(
            symbol: request.symbol, requestedFraction: requested, openPositions: exposures, cap: cap,
            at: request.decisionTime)
    }

    /// Σ |portfolio fraction| of the open positions a reversal closes before its entry (0 for a
    /// plain entry): the strategy's own position in the symbol, as last reported by the engine.
    /// Approved, unfilled entries (`pendingExposures`) are never closed by a later request.
    func closingExposure(of request: borrowing EntryRequest) -> Double {
        guard request.reverses else { return 0 }
        var closing = 0.0
        for exposure in state.openPositions
        where exposure.strategyID == request.strategyID && exposure.symbol == request.symbol {
            closing += abs(exposure.portfolioFraction)
        }
        return closing
    }

    private mutating func reserve(_ request: EntryRequest, fraction: Double, sleeveFraction: Double, weight: Double) {
        state.record(
            portfolio: fraction * weight, strategy: request.strategyID, sleeve: sleeveFraction * weight,
            on: request.budgetTime.utcDay)
        state.pendingExposures.append(
            OpenExposure(
                strategyID: request.strategyID, symbol: request.symbol, portfolioFraction: request.side.sign * fraction)
        )
        state.reservedCash += fraction * state.equity
    }

    /// (peak − equity) / peak, 0 for a non-positive peak.
    static func drawdown(peak: Double, equity: Double) -> Double {
        peak > 0 ? max(0, (peak - equity) / peak) : 0
    }

    /// The new latch value if it changes: enter at drawdown ≥ limit, leave below limit / 2.
    static func latch(_ latched: Bool, drawdown: Double, limit: Double) -> Bool? {
        if !latched, drawdown >= limit { return true }
        if latched, drawdown < limit / 2 { return false }
        return nil
    }
}
