import BallastCore

/// A strategy that `StrategyCatalog` can build from a portfolio file's `params` table.
protocol BuiltInStrategy: Strategy {
    /// The kind name in portfolio files.
    static var kind: String { get }
    /// Every parameter name the kind accepts; any other key is reported as unknown.
    static var parameterNames: [String] { get }
    /// Reads and validates the parameters, appending one issue per problem (key paths from
    /// `parameters.path`). Returns nil exactly when it appended an issue.
    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self?
}

extension StrategyParameters {
    /// The largest bar count any period parameter accepts.
    static let maximumPeriod = 1_000_000

    /// A window length in bars: `default` when absent, an issue unless in `minimum...maximumPeriod`.
    func period(_ key: String, default defaultValue: Int, minimum: Int = 1, _ issues: inout [ConfigIssue]) -> Int {
        integer(key, default: defaultValue, in: minimum...Self.maximumPeriod, &issues)
    }

    /// The `fast` and `slow` periods of a moving-average cross (defaults 10 and 30), with
    /// `1 ≤ fast < slow`; the ordering issue is reported at `slow`, and only when both read cleanly.
    func fastSlowPeriods(_ issues: inout [ConfigIssue]) -> (fast: Int, slow: Int) {
        let before = issues.count
        let fast = period("fast", default: 10, &issues)
        let slow = period("slow", default: 30, minimum: 2, &issues)
        if issues.count == before && slow <= fast {
            issues.append(
                ConfigIssue(keyPath: keyPath("slow"), reason: "must be greater than fast (\(fast)), got \(slow)"))
        }
        return (fast, slow)
    }
}
