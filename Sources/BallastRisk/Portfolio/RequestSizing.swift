import BallastCore

/// SPEC §3 applied to one request against a book's current state, without changing anything:
/// the fraction after every step, the correlation view and the binding limit.
struct RequestSizing {
    var trace = SizingTrace()
    /// Sleeve equity / portfolio equity: converts sleeve fractions to portfolio fractions.
    let ratio: Double
    /// Daily-budget weight of one unit of fraction: 1, or the stop distance for `stop_distance`.
    let weight: Double
    var correlation: CorrelationCheck?
    private var raisedByMinFraction = false

    /// The arguments are borrowed: an initialiser takes its arguments owned by default, which made
    /// every decision copy the whole book (and the account) to size one request.
    init(request: borrowing EntryRequest, account: borrowing StrategyRiskAccount, book: borrowing PortfolioRiskBook) {
        let parameters = book.parameters
        let profile = account.profile
        let state = book.state
        let equity = state.equity
        let usage = state.used(on: request.budgetTime.utcDay)
        ratio = equity > 0 ? max(0, request.sleeveEquity) / equity : 0
        switch parameters.dailyRiskMeasure {
        case .fraction: weight = 1
        case .stopDistance: weight = min(1, max(request.stopDistanceFraction ?? 1, 1e-9))
        }
        // Steps 1–4, sleeve terms.
        trace.sized = PositionSizing.sizerFraction(
            profile: profile, parameters: parameters, sleeveEquity: request.sleeveEquity, price: request.price,
            atr: request.atr, confidence: request.confidence, regime: request.regime)
        trace.throttled = trace.sized * request.adjustments.positionSizeFactor
        trace.bounded = min(max(trace.throttled, profile.minFraction), profile.maxFraction)
        raisedByMinFraction = trace.bounded > trace.throttled
        trace.strategyDaily = trace.bounded
        if let cap = profile.maxDailyRisk {
            let capToday = cap * request.adjustments.dailyRiskFactor
            let left = usage.map { max(0, capToday - ($0.strategies[account.id] ?? 0)) } ?? 0
            trace.strategyDaily = min(trace.bounded, left / weight)
        }
        // Steps 5–6, portfolio terms; min_fraction can no longer lift anything.
        trace.portfolio = trace.strategyDaily * ratio
        trace.afterMaxPosition =
            parameters.maxPositionSizeEnabled ? min(trace.portfolio, parameters.maxPositionSize) : trace.portfolio
        let dailyLeft =
            parameters.maxDailyRisk.map { cap in usage.map { max(0, cap - $0.portfolio) } ?? 0 } ?? .infinity
        trace.afterDailyRisk = min(trace.afterMaxPosition, dailyLeft / weight)
        trace.afterCorrelation = trace.afterDailyRisk
        if profile.correlationControl {
            let cap = profile.maxCorrelatedExposure ?? parameters.maxCorrelatedExposure
            if let check = book.correlationCheck(for: request, requested: trace.afterDailyRisk, cap: cap) {
                trace.afterCorrelation = min(trace.afterDailyRisk, max(0, check.allowedFraction))
                correlation = check
            }
        }
        trace.afterCash = trace.afterCorrelation
        if equity > 0 {
            // A reversal's close frees its position's notional before the entry fills.
            var buyingPower = state.freeCash + (parameters.leverage - 1) * equity - state.reservedCash
            if request.reverses { buyingPower += book.closingExposure(of: request) * equity }
            trace.afterCash = min(trace.afterCorrelation, max(0, buyingPower / equity))
        }
    }

    /// The step that cut the request the most (ties: the earlier step); `min_fraction` when it
    /// raised the request and nothing cut it; else `none`.
    ///
    /// "The most" is measured as a proportion (after ÷ before), since the steps apply one after
    /// another: a step that takes the request to zero is always the binding one.
    var bindingLimit: BindingLimit {
        let steps: [(BindingLimit, before: Double, after: Double)] = [
            (.maxFraction, trace.throttled, min(trace.throttled, trace.bounded)),
            (.strategyDailyRisk, trace.bounded, trace.strategyDaily),
            (.maxPositionSize, trace.portfolio, trace.afterMaxPosition),
            (.maxDailyRisk, trace.afterMaxPosition, trace.afterDailyRisk),
            (.correlation, trace.afterDailyRisk, trace.afterCorrelation),
            (.cash, trace.afterCorrelation, trace.afterCash),
        ]
        var best = BindingLimit.none
        var bestKept = 1.0
        for step in steps where step.before > 0 && step.after < step.before {
            let kept = step.after / step.before
            if kept < bestKept {
                best = step.0
                bestKept = kept
            }
        }
        if best == .none, raisedByMinFraction { return .minFraction }
        return best
    }
}
