/// What one dynamic-risk component asks for while it has an opinion (SPEC §5). A component with no
/// opinion (neutral) is represented by `nil` and takes no part in the combination.
///
/// Invariants: `reason != .normal`; every factor finite and > 0; `stopLossTightening ≥ 1`.
public struct ComponentOpinion: Sendable, Equatable {
    /// The component speaking.
    public var component: RiskComponent
    /// Why: `drawdown`, `poor_performance`, `good_performance`, `high_volatility` or `low_volatility`.
    public var reason: AdjustmentReason
    /// Multiplies the sized fraction.
    public var positionSizeFactor: Double
    /// Divides the stop distance.
    public var stopLossTightening: Double
    /// Multiplies the strategy's daily risk cap.
    public var dailyRiskFactor: Double

    /// An opinion; see the type's invariants.
    public init(
        component: RiskComponent, reason: AdjustmentReason, positionSizeFactor: Double,
        stopLossTightening: Double, dailyRiskFactor: Double
    ) {
        self.component = component
        self.reason = reason
        self.positionSizeFactor = positionSizeFactor
        self.stopLossTightening = stopLossTightening
        self.dailyRiskFactor = dailyRiskFactor
    }
}

extension RiskAdjustments {
    /// Combines the components' opinions, "most restrictive wins" (SPEC §5). Only non-nil opinions take part:
    /// - `positionSizeFactor` = the minimum of their size factors, 1.0 when none (so a boost alone applies);
    /// - `stopLossTightening` = the maximum of their tightenings and 1.0;
    /// - `dailyRiskFactor` = the minimum of their daily factors, 1.0 when none;
    /// - `primaryReason` = the reason of the component that set the size factor, ties going to drawdown,
    ///   then performance, then volatility; `normal` when none;
    /// - `activeReasons` = the reasons of the participating components in that order.
    ///
    /// `drawdownTier` and `inputs` are stored as given.
    public init(
        drawdown: ComponentOpinion?, performance: ComponentOpinion?, volatility: ComponentOpinion?,
        drawdownTier: Int?, inputs: RiskInputs
    ) {
        self.init(drawdownTier: drawdownTier, inputs: inputs)
        var any = false
        func take(_ opinion: ComponentOpinion?) {
            guard let opinion else { return }
            activeReasons.append(opinion.reason)
            if !any || opinion.positionSizeFactor < positionSizeFactor {
                positionSizeFactor = opinion.positionSizeFactor
                primaryReason = opinion.reason
            }
            dailyRiskFactor = any ? min(dailyRiskFactor, opinion.dailyRiskFactor) : opinion.dailyRiskFactor
            stopLossTightening = max(stopLossTightening, opinion.stopLossTightening)
            any = true
        }
        take(drawdown)
        take(performance)
        take(volatility)
    }
}
