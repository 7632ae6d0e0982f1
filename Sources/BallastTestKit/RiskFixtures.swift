import BallastCore
import BallastRisk

/// Small builders that keep risk tests about the numbers that matter.
public enum RiskFixtures {
    /// 2024-01-02T00:00:00Z, a Tuesday.
    public static let day0 = Timestamp(year: 2024, month: 1, day: 2)!

    /// `day0` plus whole days and hours.
    public static func time(day: Int64 = 0, hour: Int64 = 0, minute: Int64 = 0) -> Timestamp {
        day0.adding(seconds: day * 86_400 + hour * 3600 + minute * 60)
    }

    /// A fixed-fraction profile with the given base fraction and optional bounds.
    public static func profile(
        base: Double, min: Double = 0, max: Double = 1, sizer: PositionSizer = .fixedFraction
    ) -> RiskProfile {
        var profile = RiskProfile()
        profile.positionSizer = sizer
        profile.baseFraction = base
        profile.minFraction = min
        profile.maxFraction = max
        return profile
    }

    /// A book over `strategies` (each with `capital` share) at 10 000 of equity and all cash.
    public static func book(
        parameters: RiskParameters = RiskParameters(), strategies: [StrategyRiskAccount],
        initialEquity: Double = 10_000, hook: (any CorrelationRiskHook)? = nil
    ) -> PortfolioRiskBook {
        PortfolioRiskBook(
            parameters: parameters, strategies: strategies, initialEquity: initialEquity, correlationHook: hook)
    }

    /// A long request at price 100 for a strategy holding `sleeveEquity`.
    public static func request(
        _ strategyID: String, symbol: String = "AAA", side: Side = .long, at time: Timestamp = day0,
        sleeveEquity: Double = 10_000, adjustments: RiskAdjustments = .neutral, confidence: Double? = nil,
        atr: Double? = nil, price: Double = 100
    ) -> EntryRequest {
        EntryRequest(
            strategyID: strategyID, symbol: symbol, side: side, barTime: time, price: price, atr: atr,
            confidence: confidence, sleeveEquity: sleeveEquity, adjustments: adjustments)
    }

    /// A daily series from closes: open = previous close (first: the close), high/low 1% around.
    public static func dailySeries(symbol: String, closes: [Double], start: Timestamp = day0) -> BarSeries {
        var series = BarSeries(symbol: symbol, timeframe: .oneDay)
        var previous = closes.first ?? 1
        for (index, close) in closes.enumerated() {
            let open = previous
            series.append(
                Bar(
                    time: start.adding(seconds: Int64(index) * 86_400), open: open, high: max(open, close) * 1.01,
                    low: min(open, close) * 0.99, close: close, volume: 1_000))
            previous = close
        }
        return series
    }
}
