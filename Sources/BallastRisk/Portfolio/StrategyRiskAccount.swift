/// A strategy as the shared risk manager knows it: identity, ordering and profile.
public struct StrategyRiskAccount: Sendable, Equatable, Codable {
    public var id: String
    public var symbol: String
    /// Same-time requests resolve by ascending `priority`, then by `id`.
    public var priority: Int
    /// The sleeve's share of the initial balance.
    public var capital: Double
    public var profile: RiskProfile

    public init(id: String, symbol: String, priority: Int = 0, capital: Double, profile: RiskProfile = RiskProfile()) {
        self.id = id
        self.symbol = symbol
        self.priority = priority
        self.capital = capital
        self.profile = profile
    }
}
