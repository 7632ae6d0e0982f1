/// A profile's `stop_loss_pct` (SPEC §4).
public enum StopLossSetting: Sendable, Equatable, Codable {
    /// Unset: the stop is ATR-based (`ATR × position_size_atr_multiplier`), none while ATR is undefined.
    case atr
    /// `stop_loss_pct = 0` or `"none"`: no stop.
    case none
    /// A stop this fraction of the entry price away. Invariant: in (0, 1).
    case percent(Double)
}

/// A profile's `take_profit_pct` (SPEC §4).
public enum TakeProfitSetting: Sendable, Equatable, Codable {
    /// Unset: `default_take_profit_pct`, else the engine default 0.04.
    case inherit
    /// `"none"`: no target.
    case none
    /// A target this fraction of the entry price away. Invariant: > 0.
    case percent(Double)
}
