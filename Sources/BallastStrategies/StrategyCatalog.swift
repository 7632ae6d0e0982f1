import BallastCore

/// The built-in strategy kinds, built from the `kind` and `params` of a portfolio file's
/// `[[strategies]]` entry.
///
/// | kind | parameters (defaults) |
/// |---|---|
/// | `sma_cross`, `ema_cross` | `fast` (10, ≥ 1), `slow` (30, > fast), `allow_short` (false) |
/// | `rsi_reversion` | `period` (14, ≥ 1), `lower` (30), `upper` (70), 0 < lower < upper < 100 |
/// | `donchian_breakout` | `entry` (20, ≥ 1), `exit` (10, ≥ 1), `allow_short` (false) |
/// | `momentum` | `lookback` (20, ≥ 2), `threshold` (0, in [0, 10]) |
/// | `buy_and_hold` | none |
/// | `random_entry` | `seed` (1, ≥ 0), `probability` (0.05, in (0, 1]), `hold_bars` (10, ≥ 1), `allow_short` (false) |
///
/// Periods are at most 1 000 000 bars. Numbers accept integers; integers and booleans do not accept
/// anything else.
public enum StrategyCatalog {
    static let builders: [any BuiltInStrategy.Type] = [
        SMACrossStrategy.self, EMACrossStrategy.self, RSIReversionStrategy.self, DonchianBreakoutStrategy.self,
        MomentumStrategy.self, BuyAndHoldStrategy.self, RandomEntryStrategy.self,
    ]

    /// Every built-in kind name, in the order of the table above.
    public static let kinds: [String] = builders.map { $0.kind }

    /// The strategy of `kind` configured by `parameters`; nil exactly when it appended issues to
    /// `issues` (all it found, like the other configuration readers; `Result` cannot carry
    /// `[ConfigIssue]`, which is not an `Error`).
    ///
    /// An unknown kind gives one issue at key path `kind` (relative: the caller prefixes the
    /// entry's path, e.g. with `ConfigIssue.prefixed(by: "strategies[2]")`) that lists the known
    /// kinds. Otherwise the issues are at `parameters.path` + `.` + the key: unknown keys first (in
    /// key order), then mistyped or out-of-range values, then relations between values (such as
    /// `slow` > `fast`, reported at `slow`), which are checked only when their values read cleanly.
    public static func make(
        kind: String, parameters: StrategyParameters, issues: inout [ConfigIssue]
    ) -> (any Strategy)? {
        guard let builder = builders.first(where: { $0.kind == kind }) else {
            let reason = "unknown strategy kind \"\(kind)\"; expected one of: \(kinds.joined(separator: ", "))"
            issues.append(ConfigIssue(keyPath: "kind", reason: reason))
            return nil
        }
        var local: [ConfigIssue]
        if builder.parameterNames.isEmpty {
            local = parameters.values.keys.sorted().map {
                ConfigIssue(keyPath: parameters.keyPath($0), reason: "unknown parameter; \(kind) takes no parameters")
            }
        } else {
            local = parameters.unknownKeys(allowed: builder.parameterNames)
        }
        let strategy = builder.make(parameters, &local)
        issues += local
        return local.isEmpty ? strategy : nil
    }
}
