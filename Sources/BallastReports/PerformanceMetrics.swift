import Foundation

/// The metrics of SPEC §14 for one strategy or for the portfolio, as ``MetricsCalculator`` computes
/// them. Nothing is rounded; see ``MetricsCalculator`` for every definition.
///
/// Invariants: a value that is undefined for the data (no trades, zero variance, no losing trade,
/// no bars, …) is `nil`, never NaN or infinity; the non-optional values are finite when computed
/// from a valid ``EquityCurve``.
///
/// JSON: every field is encoded under its snake_case key (`total_return_pct`, `cagr_pct`, `sharpe`,
/// `sortino`, `calmar`, `max_drawdown_pct`, `win_rate_pct`, `profit_factor`, `expectancy_pct`, `sqn`,
/// `exposure_pct`, `trades`, `final_equity`, `buy_and_hold_return_pct`, `annualization`), and a `nil`
/// value is encoded as an explicit `null`, so every metrics object has the same keys. Use
/// ``jsonEncoder()`` for byte-identical output across runs.
public struct PerformanceMetrics: Sendable, Equatable, Codable {
    /// Total return in percent: `(final / initial − 1) × 100`.
    public let totalReturnPct: Double
    /// Compound annual growth rate in percent; nil when undefined.
    public let cagrPct: Double?
    /// Annualised Sharpe ratio of daily returns (risk-free rate 0); nil when undefined.
    public let sharpe: Double?
    /// Annualised Sortino ratio of daily returns; nil when undefined.
    public let sortino: Double?
    /// `cagr_pct / max_drawdown_pct`; nil when undefined.
    public let calmar: Double?
    /// Maximum drawdown at bar resolution in percent of the running peak, a positive number (0 if none).
    public let maxDrawdownPct: Double
    /// Winning trades (`pnl > 0`) in percent of all trades; nil with no trades.
    public let winRatePct: Double?
    /// Gross profit / gross loss; nil when no trade lost money.
    public let profitFactor: Double?
    /// Mean trade return (of the entry notional) in percent; nil with no trades.
    public let expectancyPct: Double?
    /// Van Tharp's system quality number of trade returns; nil when undefined.
    public let sqn: Double?
    /// Bars with a position open in percent of all bars; nil with no bars.
    public let exposurePct: Double?
    /// The number of closed trades.
    public let trades: Int
    /// The equity after the last bar.
    public let finalEquity: Double
    /// Buy-and-hold return of the strategy's symbol over the same bars, in percent; nil for the portfolio.
    public let buyAndHoldReturnPct: Double?
    /// The annualisation used for Sharpe and Sortino: 252 or 365 periods a year.
    public let annualization: Annualization

    /// Creates a metrics value from already computed fields (``MetricsCalculator`` is the usual source).
    public init(
        totalReturnPct: Double, cagrPct: Double?, sharpe: Double?, sortino: Double?, calmar: Double?,
        maxDrawdownPct: Double, winRatePct: Double?, profitFactor: Double?, expectancyPct: Double?, sqn: Double?,
        exposurePct: Double?, trades: Int, finalEquity: Double, buyAndHoldReturnPct: Double?,
        annualization: Annualization
    ) {
        self.totalReturnPct = totalReturnPct
        self.cagrPct = cagrPct
        self.sharpe = sharpe
        self.sortino = sortino
        self.calmar = calmar
        self.maxDrawdownPct = maxDrawdownPct
        self.winRatePct = winRatePct
        self.profitFactor = profitFactor
        self.expectancyPct = expectancyPct
        self.sqn = sqn
        self.exposurePct = exposurePct
        self.trades = trades
        self.finalEquity = finalEquity
        self.buyAndHoldReturnPct = buyAndHoldReturnPct
        self.annualization = annualization
    }

    /// The JSON keys, snake_case, as SPEC §14 names them.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case totalReturnPct = "total_return_pct"
        case cagrPct = "cagr_pct"
        case sharpe
        case sortino
        case calmar
        case maxDrawdownPct = "max_drawdown_pct"
        case winRatePct = "win_rate_pct"
        case profitFactor = "profit_factor"
        case expectancyPct = "expectancy_pct"
        case sqn
        case exposurePct = "exposure_pct"
        case trades
        case finalEquity = "final_equity"
        case buyAndHoldReturnPct = "buy_and_hold_return_pct"
        case annualization
    }

    /// Encodes every field under its snake_case key; `nil` values become an explicit JSON `null`.
    /// A non-finite Double (which ``MetricsCalculator`` never produces) makes `JSONEncoder` throw.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(totalReturnPct, forKey: .totalReturnPct)
        try container.encode(cagrPct, forKey: .cagrPct)
        try container.encode(sharpe, forKey: .sharpe)
        try container.encode(sortino, forKey: .sortino)
        try container.encode(calmar, forKey: .calmar)
        try container.encode(maxDrawdownPct, forKey: .maxDrawdownPct)
        try container.encode(winRatePct, forKey: .winRatePct)
        try container.encode(profitFactor, forKey: .profitFactor)
        try container.encode(expectancyPct, forKey: .expectancyPct)
        try container.encode(sqn, forKey: .sqn)
        try container.encode(exposurePct, forKey: .exposurePct)
        try container.encode(trades, forKey: .trades)
        try container.encode(finalEquity, forKey: .finalEquity)
        try container.encode(buyAndHoldReturnPct, forKey: .buyAndHoldReturnPct)
        try container.encode(annualization, forKey: .annualization)
    }

    /// An encoder for deterministic report JSON: keys sorted (`.sortedKeys`) and slashes unescaped
    /// (`.withoutEscapingSlashes`, for symbols such as `BTC/USDT`). Doubles use Swift's shortest
    /// round-trip representation, so the same values always give byte-identical JSON. Compact unless
    /// `prettyPrinted` is true.
    public static func jsonEncoder(prettyPrinted: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if prettyPrinted { formatting.insert(.prettyPrinted) }
        encoder.outputFormatting = formatting
        return encoder
    }
}
