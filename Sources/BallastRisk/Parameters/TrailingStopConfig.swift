import BallastCore

/// A profile's optional trailing stop (SPEC §8), measured on the raw, unsized price move.
///
/// Once the favourable move from entry reaches `activationPct`, the stop trails the best price by
/// `distance`; once the move reaches `breakevenPct` the stop is never below entry ± `breakevenBufferPct`.
/// It keeps trailing after breakeven. A trailing stop only ever moves in the position's favour.
public struct TrailingStopConfig: Sendable, Equatable, Codable {
    /// How far behind the best price the stop trails.
    public enum Distance: Sendable, Equatable, Codable {
        /// A fraction of the best price.
        case percent(Double)
        /// A multiple of the ATR at the decision bar.
        case atrMultiple(Double)
    }

    /// The favourable move (fraction of entry) at which trailing starts; 0 trails from the start.
    public var activationPct: Double
    public var distance: Distance
    /// The favourable move at which the stop moves to breakeven; nil disables the breakeven step.
    public var breakevenPct: Double?
    /// Where the breakeven stop sits beyond entry, as a fraction of entry (covers fees).
    public var breakevenBufferPct: Double

    public init(
        activationPct: Double = 0, distance: Distance = .percent(0.02), breakevenPct: Double? = nil,
        breakevenBufferPct: Double = 0
    ) {
        self.activationPct = activationPct
        self.distance = distance
        self.breakevenPct = breakevenPct
        self.breakevenBufferPct = breakevenBufferPct
    }

    /// The `trailing_stop` table's keys.
    public static let tomlKeys = [
        "activation_pct", "distance_pct", "atr_multiple", "breakeven_pct", "breakeven_buffer_pct",
    ]

    /// Every invalid setting, keyed by the `trailing_stop` table's keys; empty when valid.
    public func validationIssues() -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        if !(activationPct >= 0 && activationPct < 1) {
            issues.append(ConfigIssue(keyPath: "activation_pct", reason: "must be in [0, 1), got \(activationPct)"))
        }
        switch distance {
        case .percent(let value) where !(value > 0 && value < 1):
            issues.append(ConfigIssue(keyPath: "distance_pct", reason: "must be in (0, 1), got \(value)"))
        case .atrMultiple(let value) where !(value > 0 && value.isFinite):
            issues.append(ConfigIssue(keyPath: "atr_multiple", reason: "must be a positive number, got \(value)"))
        default: break
        }
        if let breakeven = breakevenPct, !(breakeven > 0 && breakeven < 1) {
            issues.append(ConfigIssue(keyPath: "breakeven_pct", reason: "must be in (0, 1), got \(breakeven)"))
        }
        if !(breakevenBufferPct >= 0 && breakevenBufferPct < 1) {
            issues.append(
                ConfigIssue(keyPath: "breakeven_buffer_pct", reason: "must be in [0, 1), got \(breakevenBufferPct)"))
        }
        return issues
    }
}
