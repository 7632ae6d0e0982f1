/// The fraction after every step of SPEC §3, as journaled with each risk decision.
///
/// Steps 1–4 are in **sleeve** terms, steps 5 onward in **portfolio** terms. A step that did not
/// apply (for example the strategy daily cap when the profile sets none) repeats the previous value.
public struct SizingTrace: Sendable, Equatable, Codable {
    /// Step 1: the sizer's fraction.
    public var sized: Double = 0
    /// Step 2: × `position_size_factor`.
    public var throttled: Double = 0
    /// Step 3: clamped to [`min_fraction`, `max_fraction`].
    public var bounded: Double = 0
    /// Step 4: after the strategy's own daily budget.
    public var strategyDaily: Double = 0
    /// Step 5: converted to portfolio terms.
    public var portfolio: Double = 0
    /// Step 6, in order: `max_position_size`, `max_daily_risk`, correlation headroom, free cash.
    public var afterMaxPosition: Double = 0
    public var afterDailyRisk: Double = 0
    public var afterCorrelation: Double = 0
    public var afterCash: Double = 0

    public init() {}
}
