import BallastCore

/// Reads typed values out of one configuration table, collecting every problem as a `ConfigIssue`
/// with its full key path instead of stopping at the first.
///
/// Numbers accept TOML integers and floats; non-finite floats are rejected. A key of the wrong
/// type is an issue, never silently replaced by a default.
public struct TableReader {
    public let table: ConfigTable
    /// The key path of this table (`""` for the document root).
    public let path: String

    public init(table: ConfigTable, path: String) {
        self.table = table
        self.path = path
    }

    /// The full key path of a key in this table.
    public func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An issue about a key of this table.
    public func issue(_ key: String, _ reason: String) -> ConfigIssue {
        ConfigIssue(keyPath: keyPath(key), reason: reason)
    }

    /// Issues for keys this table does not know, naming the keys it accepts.
    public func unknownKeys(allowed: [String]) -> [ConfigIssue] {
        table.keys.filter { !allowed.contains($0) }.map {
            issue($0, "unknown key; expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    /// A finite number, or nil when absent or invalid (then an issue is recorded).
    public func number(_ key: String, _ issues: inout [ConfigIssue]) -> Double? {
        guard let value = table[key] else { return nil }
        switch value {
        case .integer(let integer): return Double(integer)
        case .double(let double) where double.isFinite: return double
        case .double(let double):
            issues.append(issue(key, "must be a finite number, got \(double)"))
            return nil
        default:
            issues.append(issue(key, "must be a number, got \(value.typeName)"))
            return nil
        }
    }

    /// An integer, or nil when absent or invalid.
    public func integer(_ key: String, _ issues: inout [ConfigIssue]) -> Int? {
        guard let value = table[key] else { return nil }
        if case .integer(let integer) = value { return integer }
        issues.append(issue(key, "must be an integer, got \(value.typeName)"))
        return nil
    }

    /// A string, or nil when absent or invalid.
    public func string(_ key: String, _ issues: inout [ConfigIssue]) -> String? {
        guard let value = table[key] else { return nil }
        if case .string(let string) = value { return string }
        issues.append(issue(key, "must be a string, got \(value.typeName)"))
        return nil
    }

    /// A boolean, or nil when absent or invalid.
    public func bool(_ key: String, _ issues: inout [ConfigIssue]) -> Bool? {
        guard let value = table[key] else { return nil }
        if case .bool(let bool) = value { return bool }
        issues.append(issue(key, "must be true or false, got \(value.typeName)"))
        return nil
    }

    /// An array of finite numbers, or nil when absent or invalid.
    public func numbers(_ key: String, _ issues: inout [ConfigIssue]) -> [Double]? {
        guard let value = table[key] else { return nil }
        guard case .array(let elements) = value else {
            issues.append(issue(key, "must be an array of numbers, got \(value.typeName)"))
            return nil
        }
        var result: [Double] = []
        for (index, element) in elements.enumerated() {
            switch element {
            case .integer(let integer): result.append(Double(integer))
            case .double(let double) where double.isFinite: result.append(double)
            default:
                issues.append(
                    ConfigIssue(
                        keyPath: "\(keyPath(key))[\(index)]", reason: "must be a finite number, got \(element.typeName)"
                    ))
                return nil
            }
        }
        return result
    }

    /// A nested table, or nil when absent or not a table.
    public func subtable(_ key: String, _ issues: inout [ConfigIssue]) -> TableReader? {
        guard let value = table[key] else { return nil }
        guard case .table(let nested) = value else {
            issues.append(issue(key, "must be a table, got \(value.typeName)"))
            return nil
        }
        return TableReader(table: nested, path: keyPath(key))
    }

    /// A value from a fixed set of spellings (an enum's raw values).
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ issues: inout [ConfigIssue]) -> T?
    where T.RawValue == String {
        guard let text = string(key, &issues) else { return nil }
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        issues.append(issue(key, "must be one of \(options), got \"\(text)\""))
        return nil
    }

    /// Runs a value's own validation and re-roots its issues under this table.
    public func validate(_ issuesOfValue: [ConfigIssue]) -> [ConfigIssue] {
        issuesOfValue.map { $0.prefixed(by: path) }
    }
}
