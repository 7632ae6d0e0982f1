import BallastCore

/// One strategy's dynamic risk manager (SPEC §5): a thin combiner of the drawdown latch, the closed-trade
/// performance window and the daily volatility window.
///
/// Feed it, in engine-clock order, every closed trade (``recordClosedTrade(exitTime:pnl:)``) and, once per
/// bar of the strategy's symbol at the bar's close, the sleeve equity marked to market and the close
/// (``update(barTime:equity:close:)``). ``adjustments`` then holds the factors in force until the next update.
///
/// Component rules (see ``DrawdownLatch``, ``PerformanceScore``, ``ClosedTradeWindow`` and
/// ``DailyVolatilityWindow`` for the measurements):
/// - drawdown: active tier `i` -> size and daily factor `riskReductionFactors[i]`, tightening `1 + 0.2 × (i + 1)`;
/// - performance (at least `minTrades` trades in the window): score < poor -> size `poorPerformanceFactor`,
///   tightening 1.2, daily 0.7; score > good -> size `goodPerformanceFactor`, tightening 1.0, daily 1.0; scores
///   equal to a threshold (within ``RatioTolerance``) are neutral;
/// - volatility (when enabled, at least 10 daily returns): vol > high -> size `highVolatilityFactor`,
///   vol < low -> size `lowVolatilityFactor`; tightening and daily factor 1.0 either way (the spec gives none);
/// - the opinions combine as in ``RiskAdjustments/init(drawdown:performance:volatility:drawdownTier:inputs:)``.
///
/// A trade recorded between two updates counts from the next update on. With `enabled == false` nothing is
/// measured, ``adjustments`` stays ``RiskAdjustments/neutral`` and no event is emitted.
///
/// Precondition: the configuration is valid (``DynamicRiskConfig/validationIssues()`` is empty). An invalid
/// one does not crash the manager (extra thresholds without a factor are ignored), but its behaviour is
/// unspecified.
///
/// Cost per update: O(tiers) plus O(1) amortised, no allocation unless a component changes state.
public struct DynamicRiskManager: Sendable {
    /// Stop tightening while performance is poor (SPEC §5).
    public static let poorPerformanceStopTightening = 1.2
    /// Daily risk factor while performance is poor (SPEC §5).
    public static let poorPerformanceDailyRiskFactor = 0.7

    /// The settings this manager runs with.
    public let config: DynamicRiskConfig
    /// The factors in force, with their reasons and inputs.
    public private(set) var adjustments: RiskAdjustments
    /// The drawdown component's state.
    public private(set) var drawdown: DrawdownLatch
    /// The closed trades in the performance window.
    public private(set) var trades: ClosedTradeWindow
    /// The daily closes and returns in the volatility window (empty when volatility is disabled).
    public private(set) var volatilityWindow: DailyVolatilityWindow
    private var drawdownOpinion: ComponentOpinion?
    private var performanceOpinion: ComponentOpinion?
    private var volatilityOpinion: ComponentOpinion?
    /// What the last evaluation saw: when equity, volatility and the trade window are unchanged,
    /// nothing can change, so the evaluation is skipped (a flat strategy's bars cost almost nothing).
    private var lastEquity = Double.nan
    private var lastVolatility: Double?
    private var lastTradeVersion = -1

    /// A manager with no tier and no opinion, its equity peak at `initialEquity`.
    public init(config: DynamicRiskConfig, initialEquity: Double) {
        self.config = config
        let tiers = min(config.drawdownThresholds.count, config.riskReductionFactors.count)
        drawdown = DrawdownLatch(
            thresholds: Array(config.drawdownThresholds.prefix(tiers)),
            recoveryThresholds: config.recoveryThresholds, initialEquity: initialEquity)
        trades = ClosedTradeWindow(windowDays: config.performanceWindowDays)
        let tracksVolatility = config.enabled && config.volatilityAdjustmentEnabled
        volatilityWindow = DailyVolatilityWindow(windowDays: tracksVolatility ? config.volatilityWindowDays : 1)
        adjustments = config.enabled ? RiskAdjustments(inputs: RiskInputs(peak: initialEquity)) : .neutral
    }

    /// Records a closed trade of this strategy; it counts from the next ``update(barTime:equity:close:)`` on,
    /// while its exit time is within the performance window.
    public mutating func recordClosedTrade(exitTime: Timestamp, pnl: Double) {
        guard config.enabled else { return }
        trades.record(exitTime: exitTime, pnl: pnl)
    }

    /// Takes one bar of the strategy's symbol at its close: `barTime` is the bar's label (open) time, the
    /// engine clock; `equity` the sleeve equity marked to market at the close; `close` the symbol's close.
    ///
    /// Recomputes the three components and ``adjustments``, and returns one event per component whose state
    /// changed, in component order (drawdown, performance, volatility); usually none.
    public mutating func update(barTime: Timestamp, equity: Double, close: Double) -> [RiskAdjustmentEvent] {
        guard config.enabled else { return [] }
        if config.volatilityAdjustmentEnabled {
            volatilityWindow.record(time: barTime, close: close)
        }
        return evaluate(barTime: barTime, equity: equity, volatility: volatilityWindow.volatility)
    }

    /// The same as `update(barTime:equity:close:)` with the symbol's daily volatility supplied by the
    /// caller, so that many strategies on one symbol share one computation: `volatility` must be
    /// what a `DailyVolatilityWindow` of `volatility_window_days` fed the symbol's closes gives at
    /// this bar (see `DailyVolatilityWindow.column(times:closes:windowDays:)`), nil while it has
    /// fewer than 10 returns. The manager's own window is not used.
    public mutating func update(barTime: Timestamp, equity: Double, volatility: Double?) -> [RiskAdjustmentEvent] {
        guard config.enabled else { return [] }
        return evaluate(barTime: barTime, equity: equity, volatility: volatility)
    }

    private mutating func evaluate(barTime: Timestamp, equity: Double, volatility measured: Double?)
        -> [RiskAdjustmentEvent]
    {
        if equity == lastEquity, measured == lastVolatility, trades.version == lastTradeVersion,
            trades.nextExpiry.map({ barTime.seconds < $0 }) ?? true
        {
            return []
        }
        // Only the volatility moved (the common bar of a flat strategy): the tier, the trade window
        // and the score are as the last evaluation left them, and so is which side of its
        // thresholds the score is on. Unless the volatility changed sides too, the full evaluation
        // below would only store the new volatility in the inputs: do just that.
        if equity == lastEquity, trades.version == lastTradeVersion,
            trades.nextExpiry.map({ barTime.seconds < $0 }) ?? true
        {
            let volatility = config.volatilityAdjustmentEnabled ? measured : nil
            if volatilityReason(volatility) == volatilityOpinion?.reason {
                lastVolatility = measured
                adjustments.inputs.volatility = volatility
                return []
            }
        }
        // The latch was fed `lastEquity` by the previous evaluation, and feeding it the same equity
        // again changes nothing (the update is idempotent): only a moved equity needs it.
        let equityMoved = !(equity == lastEquity)
        lastEquity = equity
        lastVolatility = measured
        lastTradeVersion = trades.version
        let previousTier = config.drawdownTiersEnabled ? drawdown.activeTier : nil
        if equityMoved { drawdown.update(equity: equity) }
        trades.advance(to: barTime)
        let tier = config.drawdownTiersEnabled ? drawdown.activeTier : nil
        let score = config.performanceEnabled && trades.count >= config.minTrades ? trades.score : nil
        let volatility = config.volatilityAdjustmentEnabled ? measured : nil
        let inputs = RiskInputs(
            drawdown: drawdown.drawdown, recovery: drawdown.recovery, trough: drawdown.trough, peak: drawdown.peak,
            score: score?.score, winRate: score?.winRate, profitFactor: score?.profitFactor,
            tradeCount: trades.count, volatility: volatility)
        // The opinions are functions of the tier and of which side of its thresholds the score and
        // the volatility are on: when none of those moved, nothing can change (the common bar).
        if tier == previousTier, performanceReason(score?.score) == performanceOpinion?.reason,
            volatilityReason(volatility) == volatilityOpinion?.reason
        {
            adjustments.inputs = inputs
            return []
        }
        let newDrawdown = opinion(forTier: tier)
        let newPerformance = opinion(forScore: score?.score)
        let newVolatility = opinion(forVolatility: volatility)
        let drawdownChanged = tier != previousTier || newDrawdown != drawdownOpinion
        let performanceChanged = newPerformance != performanceOpinion
        let volatilityChanged = newVolatility != volatilityOpinion
        guard drawdownChanged || performanceChanged || volatilityChanged else {
            adjustments.inputs = inputs
            return []
        }
        let before = adjustments
        let after = RiskAdjustments(
            drawdown: newDrawdown, performance: newPerformance, volatility: newVolatility, drawdownTier: tier,
            inputs: inputs)
        var events: [RiskAdjustmentEvent] = []
        func emit(_ component: RiskComponent, _ old: ComponentOpinion?, _ new: ComponentOpinion?) {
            events.append(
                RiskAdjustmentEvent(
                    time: barTime, component: component, previousDrawdownTier: previousTier, drawdownTier: tier,
                    previousOpinion: old, opinion: new, before: before, after: after))
        }
        if drawdownChanged { emit(.drawdown, drawdownOpinion, newDrawdown) }
        if performanceChanged { emit(.performance, performanceOpinion, newPerformance) }
        if volatilityChanged { emit(.volatility, volatilityOpinion, newVolatility) }
        drawdownOpinion = newDrawdown
        performanceOpinion = newPerformance
        volatilityOpinion = newVolatility
        adjustments = after
        return events
    }

    /// The performance component's reason for a score, nil when it has no opinion.
    private func performanceReason(_ score: Double?) -> AdjustmentReason? {
        guard let score else { return nil }
        if RatioTolerance.isBelow(score, config.poorPerformanceScore) { return .poorPerformance }
        if RatioTolerance.isAbove(score, config.goodPerformanceScore) { return .goodPerformance }
        return nil
    }

    /// The volatility component's reason for a volatility, nil when it has no opinion.
    private func volatilityReason(_ volatility: Double?) -> AdjustmentReason? {
        guard let volatility else { return nil }
        if volatility > config.highVolatilityThreshold { return .highVolatility }
        if volatility < config.lowVolatilityThreshold { return .lowVolatility }
        return nil
    }

    /// The drawdown component's opinion at an active tier.
    private func opinion(forTier tier: Int?) -> ComponentOpinion? {
        guard let tier, tier < config.riskReductionFactors.count else { return nil }
        let factor = config.riskReductionFactors[tier]
        return ComponentOpinion(
            component: .drawdown, reason: .drawdown, positionSizeFactor: factor,
            stopLossTightening: DrawdownLatch.stopTightening(forTier: tier), dailyRiskFactor: factor)
    }

    /// The performance component's opinion at a score (nil: fewer than `minTrades` trades).
    private func opinion(forScore score: Double?) -> ComponentOpinion? {
        guard let score else { return nil }
        if RatioTolerance.isBelow(score, config.poorPerformanceScore) {
            return ComponentOpinion(
                component: .performance, reason: .poorPerformance, positionSizeFactor: config.poorPerformanceFactor,
                stopLossTightening: Self.poorPerformanceStopTightening,
                dailyRiskFactor: Self.poorPerformanceDailyRiskFactor)
        }
        if RatioTolerance.isAbove(score, config.goodPerformanceScore) {
            return ComponentOpinion(
                component: .performance, reason: .goodPerformance, positionSizeFactor: config.goodPerformanceFactor,
                stopLossTightening: 1, dailyRiskFactor: 1)
        }
        return nil
    }

    /// The volatility component's opinion at a daily volatility (nil: too few returns or disabled).
    private func opinion(forVolatility volatility: Double?) -> ComponentOpinion? {
        guard let volatility else { return nil }
        if volatility > config.highVolatilityThreshold {
            return ComponentOpinion(
                component: .volatility, reason: .highVolatility, positionSizeFactor: config.highVolatilityFactor,
                stopLossTightening: 1, dailyRiskFactor: 1)
        }
        if volatility < config.lowVolatilityThreshold {
            return ComponentOpinion(
                component: .volatility, reason: .lowVolatility, positionSizeFactor: config.lowVolatilityFactor,
                stopLossTightening: 1, dailyRiskFactor: 1)
        }
        return nil
    }
}
