import BallastCore

/// One value of a strategy's `params` table.
public enum ParameterValue: Sendable, Equatable {
    /// A TOML integer.
    case integer(Int)
    /// A TOML float: number parameters accept it, integer parameters do not.
    case double(Double)
    /// A TOML boolean.
    case bool(Bool)
    /// A TOML string.
    case string(String)

    var typeName: String {
        switch self {
        case .integer: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .string: "a string"
        }
    }
}

/// A strategy's `params` table with typed accessors that collect issues (key path, reason) and
/// report keys the strategy does not use.
public struct StrategyParameters: Sendable, Equatable {
    /// The raw values by key, as written in the file.
    public var values: [String: ParameterValue]
    /// The key path of the table, e.g. `strategies[2].params`.
    public var path: String

    /// A table of `values` found at key path `path`; issues are reported at `path.key`.
    public init(_ values: [String: ParameterValue] = [:], path: String = "params") {
        self.values = values
        self.path = path
    }

    /// The key path of `key` in this table, e.g. `strategies[2].params.fast`.
    public func keyPath(_ key: String) -> String { "\(path).\(key)" }

    /// An integer parameter: `default` when absent; an issue when mistyped or outside `range`.
    public func integer(
        _ key: String, default defaultValue: Int, in range: ClosedRange<Int>, _ issues: inout [ConfigIssue]
    ) -> Int {
        guard let value = values[key] else { return defaultValue }
        guard case .integer(let integer) = value else {
            issues.append(ConfigIssue(keyPath: keyPath(key), reason: "must be an integer, got \(value.typeName)"))
            return defaultValue
        }
        guard range.contains(integer) else {
            issues.append(
                ConfigIssue(
                    keyPath: keyPath(key),
                    reason: "must be in \(range.lowerBound)...\(range.upperBound), got \(integer)"))
            return defaultValue
        }
        return integer
    }

    /// A number parameter (integers accepted): `default` when absent; an issue when mistyped or outside `range`.
    public func number(
        _ key: String, default defaultValue: Double, in range: ClosedRange<Double>, _ issues: inout [ConfigIssue]
    ) -> Double {
        guard let value = values[key] else { return defaultValue }
        let number: Double
        switch value {
        case .integer(let integer): number = Double(integer)
        case .double(let double): number = double
        default:
            issues.append(ConfigIssue(keyPath: keyPath(key), reason: "must be a number, got \(value.typeName)"))
            return defaultValue
        }
        guard range.contains(number) else {
            issues.append(
                ConfigIssue(
                    keyPath: keyPath(key),
                    reason: "must be in [\(range.lowerBound), \(range.upperBound)], got \(number)"
                ))
            return defaultValue
        }
        return number
    }

    /// A boolean parameter: `default` when absent; an issue when mistyped.
    public func bool(_ key: String, default defaultValue: Bool, _ issues: inout [ConfigIssue]) -> Bool {
        guard let value = values[key] else { return defaultValue }
        guard case .bool(let bool) = value else {
            issues.append(ConfigIssue(keyPath: keyPath(key), reason: "must be true or false, got \(value.typeName)"))
            return defaultValue
        }
        return bool
    }

    /// A string parameter: `default` when absent; an issue when mistyped.
    public func string(_ key: String, default defaultValue: String, _ issues: inout [ConfigIssue]) -> String {
        guard let value = values[key] else { return defaultValue }
        guard case .string(let string) = value else {
            issues.append(ConfigIssue(keyPath: keyPath(key), reason: "must be a string, got \(value.typeName)"))
            return defaultValue
        }
        return string
    }

    /// Issues for keys not in `allowed`.
    public func unknownKeys(allowed: [String]) -> [ConfigIssue] {
        values.keys.sorted().filter { !allowed.contains($0) }.map {
            ConfigIssue(
                keyPath: keyPath($0), reason: "unknown parameter; expected one of: \(allowed.joined(separator: ", "))")
        }
    }
}
