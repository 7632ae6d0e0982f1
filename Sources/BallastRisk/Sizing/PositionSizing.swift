import BallastCore

/// The strategy-side sizing math of SPEC §3 step 1 and the legacy quantity API, as pure functions.
public enum PositionSizing {
    /// The ATR the `atr_risk` sizer uses: the given ATR, or 1% of price when it is undefined, ≤ 0,
    /// or below 0.1% of price (SPEC §3).
    public static func effectiveATR(_ atr: Double?, price: Double) -> Double {
        guard let atr, atr.isFinite, atr > 0, atr >= 0.001 * price else { return 0.01 * price }
        return atr
    }

    /// SPEC §3 step 1: the raw sizer fraction of **sleeve** equity, before throttles and bounds.
    ///
    /// - `fixed_fraction`: the base fraction.
    /// - `confidence_weighted`: base × clamp(confidence, 0, 1); a missing or NaN confidence gives 0.
    /// - `atr_risk`: the legacy quantity sizing converted to a fraction (`quantity × price / equity`).
    public static func sizerFraction(
        profile: RiskProfile, parameters: RiskParameters, sleeveEquity: Double, price: Double, atr: Double?,
        confidence: Double?, regime: MarketRegime
    ) -> Double {
        let base = profile.baseFraction(with: parameters)
        switch profile.positionSizer {
        case .fixedFraction:
            return base
        case .confidenceWeighted:
            guard let confidence, !confidence.isNaN else { return 0 }
            return base * min(max(confidence, 0), 1)
        case .atrRisk:
            guard sleeveEquity > 0, price > 0 else { return 0 }
            let quantity = calculatePositionSize(
                price: price, atr: atr, balance: sleeveEquity, regime: regime, baseRisk: base, parameters: parameters)
            return quantity * price / sleeveEquity
        }
    }

    /// The legacy `calculate_position_size`: the quantity that risks
    /// `min(base × regime multiplier, max_risk_per_trade)` of `balance` over one ATR stop
    /// (`ATR × position_size_atr_multiplier`), with the ATR fallback of `effectiveATR`.
    public static func calculatePositionSize(
        price: Double, atr: Double?, balance: Double, regime: MarketRegime = .normal, baseRisk: Double? = nil,
        parameters: RiskParameters = RiskParameters()
    ) -> Double {
        let risk = min((baseRisk ?? parameters.baseRiskPerTrade) * regime.riskMultiplier, parameters.maxRiskPerTrade)
        let stopDistance = effectiveATR(atr, price: price) * parameters.positionSizeATRMultiplier
        return balance * risk / stopDistance
    }

    /// The legacy `calculate_stop_loss`: entry ∓ ATR × `position_size_atr_multiplier`.
    public static func calculateStopLoss(
        entry: Double, atr: Double, side: Side, parameters: RiskParameters = RiskParameters()
    ) -> Double {
        entry - side.sign * atr * parameters.positionSizeATRMultiplier
    }
}
