/// Risk opened on one UTC day: the portfolio's (portfolio terms) and each strategy's (sleeve terms),
/// both as counted by `daily_risk_measure`.
public struct DailyRiskUsage: Sendable, Equatable, Codable {
    /// The UTC day number.
    public var day: Int64
    public var portfolio = 0.0
    public var strategies: [String: Double] = [:]

    public init(day: Int64) {
        self.day = day
    }
}
