import BallastCore
import BallastRisk

/// The risk settings of a portfolio file: the `[risk]` table and each `[[strategies]]` entry's
/// `risk` override profile (SPEC §10), read and validated in full.
///
/// Other tables and keys are left to the portfolio-file loader; this type only guarantees that
/// what it returns is valid, or throws a `ConfigurationError` listing every issue with its line.
public struct RiskSettingsDocument: Sendable, Equatable {
    public var parameters: RiskParameters
    /// One profile per `[[strategies]]` entry, in file order (defaults where an entry has no `risk` table).
    public var profiles: [RiskProfile]

    /// Parses and validates TOML text; `file` names it in errors.
    public init(toml text: String, file: String) throws(ConfigurationError) {
        let root = TableReader(table: try ConfigValue.parse(toml: text, file: file), path: "")
        var issues: [ConfigIssue] = []
        parameters = RiskParameters()
        if let risk = root.subtable("risk", &issues) {
            parameters = RiskParameters.read(from: risk, issues: &issues)
        }
        profiles = []
        if let strategies = root.table["strategies"] {
            if case .array(let entries) = strategies {
                for (index, entry) in entries.enumerated() {
                    guard case .table(let table) = entry else {
                        issues.append(ConfigIssue(keyPath: "strategies[\(index)]", reason: "must be a table"))
                        continue
                    }
                    let strategy = TableReader(table: table, path: "strategies[\(index)]")
                    if let risk = strategy.subtable("risk", &issues) {
                        profiles.append(RiskProfile.read(from: risk, issues: &issues))
                    } else {
                        profiles.append(RiskProfile())
                    }
                }
            } else {
                issues.append(ConfigIssue(keyPath: "strategies", reason: "must be an array of tables ([[strategies]])"))
            }
        }
        if !issues.isEmpty { throw ConfigurationError(file: file, text: text, issues: issues) }
    }
}
