import BallastConfig

/// One value an axis gives its key: a TOML integer, float, string or boolean.
///
/// Encoded in JSON as the bare value (`5`, `0.02`, `"atr_risk"`, `true`). A sweep's params are
/// always taken from its plan, never decoded back from JSON, so an integral float such as `2.0`
/// (which JSON prints as `2`) keeps its TOML type in the variant's portfolio.
public enum SweepValue: Sendable, Hashable, Encodable, CustomStringConvertible {
    case integer(Int)
    case double(Double)
    case string(String)
    case bool(Bool)

    /// The value of a TOML value an axis may list, nil for arrays, tables and dates.
    public init?(_ value: ConfigValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .double(let double) where double.isFinite: self = .double(double)
        case .string(let string): self = .string(string)
        case .bool(let bool): self = .bool(bool)
        default: return nil
        }
    }

    /// The value as it is written into the portfolio document.
    public var configValue: ConfigValue {
        switch self {
        case .integer(let integer): .integer(integer)
        case .double(let double): .double(double)
        case .string(let string): .string(string)
        case .bool(let bool): .bool(bool)
        }
    }

    /// The value as a table cell: `5`, `0.02`, `atr_risk`, `true`.
    public var description: String {
        switch self {
        case .integer(let integer): "\(integer)"
        case .double(let double): "\(double)"
        case .string(let string): string
        case .bool(let bool): "\(bool)"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let integer): try container.encode(integer)
        case .double(let double): try container.encode(double)
        case .string(let string): try container.encode(string)
        case .bool(let bool): try container.encode(bool)
        }
    }
}
