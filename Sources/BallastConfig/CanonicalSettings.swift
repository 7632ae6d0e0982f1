/// The settings of a portfolio file as parsed, without its comments, formatting or key order: every
/// leaf value by its TOML key path (`risk.max_daily_risk`, `strategies[2].params.fast`).
///
/// Invariants: two texts that parse to the same TOML values have equal settings (and hashes),
/// whatever their comments, whitespace, quoting style or key order; an integer and a float of the
/// same value (`1`, `1.0`) are the same setting. A live run is keyed by `hash`, so an edit that
/// changes no setting resumes the run, and `changedKeys(from:)` names what a real edit changed.
public struct CanonicalSettings: Sendable, Equatable {
    /// Each leaf's canonical text by key path.
    public let values: [String: String]

    /// Parses TOML text (`file` names it in a syntax error).
    public init(toml text: String, file: String) throws(ConfigurationError) {
        self.init(table: try ConfigValue.parse(toml: text, file: file))
    }

    /// The settings of a parsed table.
    public init(table: ConfigTable) {
        var values: [String: String] = [:]
        Self.flatten(.table(table), path: "", into: &values)
        self.values = values
    }

    /// One `key = value` line per setting, in key order: what `hash` hashes.
    public var text: String {
        values.keys.sorted().map { "\($0) = \(values[$0]!)\n" }.joined()
    }

    /// 16 hex digits of the FNV-1a hash of `text`.
    public var hash: String {
        var hash = FNV1a()
        hash.add(text)
        return hash.hex
    }

    /// The key paths whose values differ between `old` and these settings (added, removed or
    /// changed), sorted.
    public func changedKeys(from old: CanonicalSettings) -> [String] {
        Set(values.keys).union(old.values.keys).filter { values[$0] != old.values[$0] }.sorted()
    }

    private static func flatten(_ value: ConfigValue, path: String, into values: inout [String: String]) {
        switch value {
        case .table(let table):
            if table.entries.isEmpty, !path.isEmpty { values[path] = "{}" }
            for (key, child) in table.entries {
                flatten(child, path: path.isEmpty ? key : "\(path).\(key)", into: &values)
            }
        case .array(let items):
            if items.isEmpty { values[path] = "[]" }
            for (index, item) in items.enumerated() { flatten(item, path: "\(path)[\(index)]", into: &values) }
        case .string(let text): values[path] = text.debugDescription
        case .integer(let number):
            // 1 and 1.0 are the same setting; integers beyond 2^53 keep their digits.
            values[path] = abs(number) < 1 << 53 ? "\(Double(number))" : "\(number)"
        case .double(let number): values[path] = "\(number)"
        case .bool(let flag): values[path] = "\(flag)"
        case .dateTime(let text): values[path] = text
        }
    }
}
