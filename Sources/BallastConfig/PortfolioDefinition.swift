import BallastCore
import BallastEngine
import BallastRisk
import BallastStrategies
import Foundation

/// The validated contents of a portfolio file before any data is loaded (SPEC §10).
public struct PortfolioDefinition: Sendable {
    /// One `[[strategies]]` entry, validated.
    public struct Entry: Sendable {
        public var id: String
        public var kind: String
        public var symbol: String
        public var timeframe: Timeframe
        /// The data file's path, resolved against `data_dir`.
        public var dataPath: String
        public var capital: Double
        public var priority: Int
        public var quantityStep: Double?
        public var profile: RiskProfile
        public var strategy: any Strategy
        /// The signals file of a `signals` strategy (resolved), nil for other kinds.
        public var signalsPath: String? = nil
    }

    public var name: String
    public var initialBalance: Double
    public var risk: RiskParameters
    public var execution: ExecutionSettings
    public var strategies: [Entry]

    /// Reads and validates TOML text; `directory` resolves `data_dir`. Throws a
    /// `ConfigurationError` listing every issue (with lines) when anything is wrong.
    public init(toml text: String, file: String, directory: URL) throws(ConfigurationError) {
        try self.init(
            document: try ConfigValue.parse(toml: text, file: file), text: text, file: file, directory: directory)
    }

    /// Validates an already parsed portfolio document, as ``init(toml:file:directory:)`` does after
    /// parsing: a sweep edits the parsed base file at a key and re-validates each variant through
    /// here. `text` only locates the lines of issues (the base file's text for a variant).
    public init(document: ConfigTable, text: String, file: String, directory: URL) throws(ConfigurationError) {
        // Paths resolve against folders, whether or not the caller's URL ends in a slash and whether
        // or not the folder exists yet (a URL without one resolves against its parent).
        let directory = URL(fileURLWithPath: directory.path, isDirectory: true)
        let root = TableReader(table: document, path: "")
        var issues = root.unknownKeys(allowed: PortfolioFile.rootKeys)
        name = "portfolio"
        initialBalance = 0
        var dataDirectory = directory
        if let portfolio = root.subtable("portfolio", &issues) {
            issues += portfolio.unknownKeys(allowed: PortfolioFile.portfolioKeys)
            name = portfolio.string("name", &issues) ?? name
            if let balance = portfolio.number("initial_balance", &issues) {
                if balance > 0 {
                    initialBalance = balance
                } else {
                    issues.append(portfolio.issue("initial_balance", "must be positive, got \(balance)"))
                }
            } else if portfolio.table["initial_balance"] == nil {
                issues.append(portfolio.issue("initial_balance", "is required"))
            }
            if let dir = portfolio.string("data_dir", &issues) {
                dataDirectory = URL(fileURLWithPath: dir, isDirectory: true, relativeTo: directory)
                var isDirectory: ObjCBool = false
                let path = dataDirectory.standardizedFileURL.path
                if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                    issues.append(portfolio.issue("data_dir", "data folder not found: \(path)"))
                } else if !isDirectory.boolValue {
                    issues.append(portfolio.issue("data_dir", "is a file, not a folder: \(path)"))
                }
            }
        } else if root.table["portfolio"] == nil {
            issues.append(
                ConfigIssue(keyPath: "portfolio", reason: "a [portfolio] table with initial_balance is required"))
        }
        risk = root.subtable("risk", &issues).map { RiskParameters.read(from: $0, issues: &issues) } ?? RiskParameters()
        execution = ExecutionSettings()
        if let table = root.subtable("execution", &issues) {
            execution = Self.readExecution(table, &issues)
        }
        let dynamicBase =
            root.subtable("dynamic_risk", &issues).map {
                DynamicRiskConfig.read(from: $0, issues: &issues)
            } ?? DynamicRiskConfig()
        strategies = Self.readStrategies(
            root, dataDirectory: dataDirectory, directory: directory, dynamicBase: dynamicBase, issues: &issues)
        if !issues.isEmpty { throw ConfigurationError(file: file, text: text, issues: issues) }
    }

    private static func readExecution(_ table: TableReader, _ issues: inout [ConfigIssue]) -> ExecutionSettings {
        var settings = ExecutionSettings()
        issues += table.unknownKeys(allowed: ExecutionSettings.tomlKeys)
        var local: [ConfigIssue] = []
        if let fill: FillTiming = table.choice("fill", &local) { settings.fill = fill }
        if let fee = table.number("fee_rate", &local) { settings.feeRate = fee }
        if let slippage = table.number("slippage_rate", &local) { settings.slippageRate = slippage }
        if let stops: StopPlacement = table.choice("stops", &local) { settings.stops = stops }
        let failed = Set(local.map(\.keyPath))
        issues += local
        issues += table.validate(settings.validationIssues()).filter { !failed.contains($0.keyPath) }
        return settings
    }
}
