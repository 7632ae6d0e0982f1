import BallastCore
import TOMLKit

/// A parsed configuration value: the TOML data model as a plain `Sendable` tree, so that the rest of
/// Ballast never touches the TOML library's reference types.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([ConfigValue])
    case table(ConfigTable)
    /// A TOML date, time or date-time, kept as its text.
    case dateTime(String)

    /// The TOML type name, for error messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .dateTime: "a date"
        }
    }

    /// Parses TOML text. A syntax error becomes a `ConfigurationError` with its line.
    /// Text with a NUL character is rejected first (the TOML library would stop reading there), and
    /// a table header that does not start with a key (the library would abort: `TOMLAssertionGuard`).
    public static func parse(toml text: String, file: String) throws(ConfigurationError) -> ConfigTable {
        try ConfigText.checkNoNUL(text, file: file)
        try TOMLAssertionGuard.check(text, file: file)
        do {
            let table = try TOMLTable(string: text)
            return ConfigTable(converting: table)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                file: file,
                issues: [
                    LocatedIssue(
                        line: error.source.begin.line, issue: ConfigIssue(keyPath: "", reason: error.description))
                ])
        } catch {
            throw ConfigurationError(
                file: file, issues: [LocatedIssue(line: nil, issue: ConfigIssue(keyPath: "", reason: "\(error)"))])
        }
    }

    init(converting value: any TOMLValueConvertible) {
        switch value.type {
        case .table: self = .table(ConfigTable(converting: value.table!))
        case .array: self = .array(value.array!.map { ConfigValue(converting: $0) })
        case .string: self = .string(value.string!)
        case .int: self = .integer(value.int!)
        case .double: self = .double(value.double!)
        case .bool: self = .bool(value.bool!)
        default: self = .dateTime(value.debugDescription)
        }
    }
}

/// A TOML table: keys in sorted order with their values.
public struct ConfigTable: Sendable, Equatable {
    public var entries: [(key: String, value: ConfigValue)]

    public init(entries: [(key: String, value: ConfigValue)] = []) {
        self.entries = entries
    }

    init(converting table: TOMLTable) {
        entries = table.keys.sorted().compactMap { key in table[key].map { (key, ConfigValue(converting: $0)) } }
    }

    /// The value at a key, if present.
    public subscript(key: String) -> ConfigValue? {
        entries.first { $0.key == key }?.value
    }

    /// The keys, sorted.
    public var keys: [String] { entries.map(\.key) }

    public static func == (lhs: ConfigTable, rhs: ConfigTable) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }
}
