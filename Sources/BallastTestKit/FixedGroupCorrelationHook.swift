import BallastCore
import BallastRisk

/// A correlation hook for tests: symbols in the same declared group are correlated, all others
/// are not (a symbol is always correlated with itself). It applies the SPEC §6 headroom rule.
public struct FixedGroupCorrelationHook: CorrelationRiskHook {
    private let groupOf: [String: Int]

    /// Each inner array is one group of mutually correlated symbols.
    public init(groups: [[String]]) {
        var map: [String: Int] = [:]
        for (index, group) in groups.enumerated() {
            for symbol in group { map[symbol] = index }
        }
        groupOf = map
    }

    private func correlated(_ a: String, _ b: String) -> Bool {
        a == b || (groupOf[a] != nil && groupOf[a] == groupOf[b])
    }

    public func check(
        symbol: String, requestedFraction: Double, openPositions: [OpenExposure], cap: Double, at time: Timestamp
    ) -> CorrelationCheck {
        let members = openPositions.filter { correlated(symbol, $0.symbol) }
        let exposure = members.reduce(0) { $0 + abs($1.portfolioFraction) }
        let others = Set(members.map(\.symbol)).subtracting([symbol]).sorted()
        let allowed = min(requestedFraction, max(0, cap - exposure))
        return CorrelationCheck(
            allowedFraction: allowed, groupExposure: exposure, group: [symbol] + others, cap: cap,
            requestedFraction: requestedFraction)
    }

    public func largestGroupExposure(symbols: [String], openPositions: [OpenExposure], at time: Timestamp) -> Double {
        symbols.map { symbol in
            openPositions.filter { correlated(symbol, $0.symbol) }.reduce(0) { $0 + abs($1.portfolioFraction) }
        }.max() ?? 0
    }
}
