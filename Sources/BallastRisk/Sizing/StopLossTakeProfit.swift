import BallastCore

/// A position's protective stop and profit target (SPEC §4, `compute_sl_tp`). nil means none.
public struct StopLossTakeProfit: Sendable, Equatable, Codable {
    public var stopLoss: Double?
    public var takeProfit: Double?

    public init(stopLoss: Double?, takeProfit: Double?) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
    }

    /// Computes the stop and target for an entry.
    ///
    /// - Stop: `stop_loss_pct` p gives entry × (1 ∓ p); unset gives entry ∓ ATR × multiplier (none
    ///   while ATR is undefined); `0`/`"none"` gives none. The stop **distance** is then divided by
    ///   `tightening` (the dynamic `stop_loss_tightening`, ≥ 1), so 2% at 1.2 becomes 1.667%.
    /// - Target: `take_profit_pct`, else `default_take_profit_pct`, else 0.04; `"none"` gives none.
    ///   Targets are never tightened.
    public static func compute(
        entry: Double, side: Side, atr: Double?, profile: RiskProfile, parameters: RiskParameters,
        tightening: Double = 1
    ) -> StopLossTakeProfit {
        let stopDistance: Double?
        switch profile.stopLoss {
        case .none:
            stopDistance = nil
        case .percent(let pct):
            stopDistance = entry * pct
        case .atr:
            if let atr, atr.isFinite, atr > 0 {
                stopDistance = atr * parameters.positionSizeATRMultiplier
            } else {
                stopDistance = nil
            }
        }
        let targetPct: Double?
        switch profile.takeProfit {
        case .none: targetPct = nil
        case .percent(let pct): targetPct = pct
        case .inherit: targetPct = parameters.defaultTakeProfitPct ?? RiskParameters.engineDefaultTakeProfitPct
        }
        let tightened = stopDistance.map { $0 / max(tightening, 1) }
        return StopLossTakeProfit(
            stopLoss: tightened.map { entry - side.sign * $0 },
            takeProfit: targetPct.map { entry * (1 + side.sign * $0) })
    }

    /// The stop's distance from `entry` as a fraction of `entry`, nil without a stop.
    public func stopDistanceFraction(entry: Double) -> Double? {
        stopLoss.map { abs(entry - $0) / entry }
    }
}
