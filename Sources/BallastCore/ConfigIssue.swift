/// One reason a setting is invalid, with the key path that names it (for example
/// `strategies[1].risk.dynamic_risk.drawdown_thresholds`).
///
/// Values validate themselves with key paths relative to their own table; the configuration
/// loader prefixes the path of the table they came from.
public struct ConfigIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dotted key path of the offending setting.
    public var keyPath: String
    /// Why it is invalid, in words a user can act on.
    public var reason: String

    public init(keyPath: String, reason: String) {
        self.keyPath = keyPath
        self.reason = reason
    }

    /// This issue with `prefix` put in front of its key path.
    public func prefixed(by prefix: String) -> ConfigIssue {
        guard !prefix.isEmpty else { return self }
        if keyPath.isEmpty { return ConfigIssue(keyPath: prefix, reason: reason) }
        let joiner = keyPath.hasPrefix("[") ? "" : "."
        return ConfigIssue(keyPath: prefix + joiner + keyPath, reason: reason)
    }

    public var description: String { "\(keyPath): \(reason)" }
}
