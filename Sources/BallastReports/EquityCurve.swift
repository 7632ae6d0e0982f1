import BallastCore

/// An immutable summary of one equity curve (a strategy's sleeve or the whole portfolio), as an
/// ``EquityCurveRecorder`` saw it bar by bar. It is the input of ``MetricsCalculator``.
///
/// Invariants (checked by the initialiser, which traps on a violation, and by decoding, which throws):
/// - `initialEquity` is finite and > 0; `finalEquity`, `peakEquity` and every `dailyEquity` value are finite;
/// - `peakEquity >= initialEquity` (the running peak starts at the initial equity);
/// - `maxDrawdown` is finite and >= 0 (a fraction of the peak; above 1 only if equity went negative);
/// - `days` is strictly increasing and `days.count == dailyEquity.count`;
/// - `0 <= barsInMarket <= bars`;
/// - `firstTime` and `lastTime` are nil exactly when `bars == 0`, and then `days` is empty;
///   otherwise `firstTime <= lastTime`.
public struct EquityCurve: Sendable, Equatable, Codable {
    /// The equity before the first bar (the constructor argument of the recorder).
    public let initialEquity: Double
    /// The equity of the last bar recorded; `initialEquity` when no bar was recorded.
    public let finalEquity: Double
    /// The highest equity seen, the initial equity included.
    public let peakEquity: Double
    /// The largest fall from a running peak at bar resolution, as a fraction of that peak:
    /// max over bars of `(peak − equity) / peak`. 0 when equity never fell below a previous peak.
    public let maxDrawdown: Double
    /// The UTC day numbers (days since 1970-01-01) that have at least one bar, strictly increasing.
    public let days: [Int64]
    /// The equity of the last bar of each day of `days`, index for index.
    public let dailyEquity: [Double]
    /// The number of bars recorded.
    public let bars: Int
    /// The number of bars recorded with a position open.
    public let barsInMarket: Int
    /// The time of the first bar recorded; nil when none was.
    public let firstTime: Timestamp?
    /// The time of the last bar recorded; nil when none was.
    public let lastTime: Timestamp?

    /// Creates a curve summary. Traps when an invariant listed on the type does not hold.
    public init(
        initialEquity: Double, finalEquity: Double, peakEquity: Double, maxDrawdown: Double, days: [Int64],
        dailyEquity: [Double], bars: Int, barsInMarket: Int, firstTime: Timestamp?, lastTime: Timestamp?
    ) {
        self.initialEquity = initialEquity
        self.finalEquity = finalEquity
        self.peakEquity = peakEquity
        self.maxDrawdown = maxDrawdown
        self.days = days
        self.dailyEquity = dailyEquity
        self.bars = bars
        self.barsInMarket = barsInMarket
        self.firstTime = firstTime
        self.lastTime = lastTime
        if let problem = invariantViolation {
            preconditionFailure("EquityCurve: \(problem)")
        }
    }

    /// The simple returns of the daily equity series, starting from the initial equity:
    /// `r[0] = dailyEquity[0] / initialEquity − 1`, `r[i] = dailyEquity[i] / dailyEquity[i − 1] − 1`.
    /// One return per day of `days`; days without bars are skipped, not filled.
    ///
    /// Nil when a return is undefined because the equity it starts from is ≤ 0 (the sleeve was ruined).
    public var dailyReturns: [Double]? {
        var returns: [Double] = []
        returns.reserveCapacity(dailyEquity.count)
        var previous = initialEquity
        for equity in dailyEquity {
            guard previous > 0 else { return nil }
            returns.append(equity / previous - 1)
            previous = equity
        }
        return returns
    }

    /// The first invariant that does not hold, described; nil when all hold.
    var invariantViolation: String? {
        if !(initialEquity.isFinite && initialEquity > 0) {
            return "initial equity \(initialEquity) is not positive"
        }
        if !finalEquity.isFinite { return "final equity \(finalEquity) is not finite" }
        if !(peakEquity.isFinite && peakEquity >= initialEquity) {
            return "peak equity \(peakEquity) is below the initial equity or not finite"
        }
        if !(maxDrawdown.isFinite && maxDrawdown >= 0) {
            return "max drawdown \(maxDrawdown) is negative or not finite"
        }
        if days.count != dailyEquity.count {
            return "\(days.count) days but \(dailyEquity.count) daily equity values"
        }
        if dailyEquity.contains(where: { !$0.isFinite }) { return "a daily equity value is not finite" }
        if zip(days, days.dropFirst()).contains(where: { $0 >= $1 }) { return "days are not strictly increasing" }
        if bars < 0 || barsInMarket < 0 || barsInMarket > bars {
            return "bars in market \(barsInMarket) is not within 0...\(bars)"
        }
        switch (firstTime, lastTime) {
        case (nil, nil):
            if bars != 0 || !days.isEmpty { return "bars were recorded but first and last time are missing" }
        case (let first?, let last?):
            if bars == 0 { return "first and last time are set but no bar was recorded" }
            if first > last { return "first time \(first) is after last time \(last)" }
        default:
            return "only one of first time and last time is set"
        }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case initialEquity = "initial_equity"
        case finalEquity = "final_equity"
        case peakEquity = "peak_equity"
        case maxDrawdown = "max_drawdown"
        case days
        case dailyEquity = "daily_equity"
        case bars
        case barsInMarket = "bars_in_market"
        case firstTime = "first_time"
        case lastTime = "last_time"
    }

    /// Decodes a curve with snake_case keys; throws `DecodingError.dataCorrupted` when an invariant
    /// listed on the type does not hold.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        initialEquity = try container.decode(Double.self, forKey: .initialEquity)
        finalEquity = try container.decode(Double.self, forKey: .finalEquity)
        peakEquity = try container.decode(Double.self, forKey: .peakEquity)
        maxDrawdown = try container.decode(Double.self, forKey: .maxDrawdown)
        days = try container.decode([Int64].self, forKey: .days)
        dailyEquity = try container.decode([Double].self, forKey: .dailyEquity)
        bars = try container.decode(Int.self, forKey: .bars)
        barsInMarket = try container.decode(Int.self, forKey: .barsInMarket)
        firstTime = try container.decodeIfPresent(Timestamp.self, forKey: .firstTime)
        lastTime = try container.decodeIfPresent(Timestamp.self, forKey: .lastTime)
        if let problem = invariantViolation {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "EquityCurve: \(problem)"))
        }
    }

    /// Encodes with snake_case keys; a missing first or last time encodes as an explicit `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(initialEquity, forKey: .initialEquity)
        try container.encode(finalEquity, forKey: .finalEquity)
        try container.encode(peakEquity, forKey: .peakEquity)
        try container.encode(maxDrawdown, forKey: .maxDrawdown)
        try container.encode(days, forKey: .days)
        try container.encode(dailyEquity, forKey: .dailyEquity)
        try container.encode(bars, forKey: .bars)
        try container.encode(barsInMarket, forKey: .barsInMarket)
        try container.encode(firstTime, forKey: .firstTime)
        try container.encode(lastTime, forKey: .lastTime)
    }
}
