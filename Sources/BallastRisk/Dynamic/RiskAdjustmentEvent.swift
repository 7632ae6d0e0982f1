import BallastCore

/// One risk adjustment (SPEC §5): one component of a strategy's dynamic risk changed state at one bar.
///
/// A change is a drawdown tier entered, lifted or cleared, the performance component turning poor, good or
/// neutral, or the volatility component turning high, low or neutral. The journal records it with the
/// strategy id; `before` and `after` give the original and adjusted value of every parameter
/// (`positionSizeFactor`, `stopLossTightening`, `dailyRiskFactor`). When several components change at one
/// bar, each gets its own event (in component order) and they share the same `before` and `after`.
///
/// Invariants: `previousOpinion != opinion` or (for drawdown) `previousDrawdownTier != drawdownTier`;
/// `reason == opinion?.reason ?? .normal`; `previousReason == previousOpinion?.reason ?? .normal`;
/// `inputs == after.inputs`.
public struct RiskAdjustmentEvent: Sendable, Equatable {
    /// The bar's label (open) time: the engine clock when the change was seen.
    public var time: Timestamp
    /// The component that changed.
    public var component: RiskComponent
    /// The component's reason after the change, `normal` when it turned off.
    public var reason: AdjustmentReason
    /// The component's reason before the change, `normal` when it was off.
    public var previousReason: AdjustmentReason
    /// The active drawdown tier before this bar, nil when none.
    public var previousDrawdownTier: Int?
    /// The active drawdown tier after this bar, nil when none.
    public var drawdownTier: Int?
    /// The component's own factors before the change, nil when it had no opinion.
    public var previousOpinion: ComponentOpinion?
    /// The component's own factors after the change, nil when it has no opinion.
    public var opinion: ComponentOpinion?
    /// The combined factors in force before this bar.
    public var before: RiskAdjustments
    /// The combined factors in force after this bar.
    public var after: RiskAdjustments
    /// The measurements after this bar.
    public var inputs: RiskInputs

    /// An event; see the type's invariants.
    public init(
        time: Timestamp, component: RiskComponent, previousDrawdownTier: Int?, drawdownTier: Int?,
        previousOpinion: ComponentOpinion?, opinion: ComponentOpinion?, before: RiskAdjustments,
        after: RiskAdjustments
    ) {
        self.time = time
        self.component = component
        self.reason = opinion?.reason ?? .normal
        self.previousReason = previousOpinion?.reason ?? .normal
        self.previousDrawdownTier = previousDrawdownTier
        self.drawdownTier = drawdownTier
        self.previousOpinion = previousOpinion
        self.opinion = opinion
        self.before = before
        self.after = after
        self.inputs = after.inputs
    }
}
