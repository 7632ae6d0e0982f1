import BallastCore
import BallastEngine
import BallastExternal
import BallastRisk
import BallastStrategies
import Foundation

extension PortfolioDefinition {
    /// Reads every `[[strategies]]` entry: required keys, unique ids, known kinds with valid
    /// params, existing data files, capitals that fit (unset capitals share what is left equally).
    ///
    /// `directory` is the portfolio file's folder: signals files and process commands resolve
    /// against it (SPEC §15).
    static func readStrategies(
        _ root: TableReader, dataDirectory: URL, directory: URL, dynamicBase: DynamicRiskConfig,
        issues: inout [ConfigIssue]
    ) -> [Entry] {
        guard let value = root.table["strategies"] else {
            issues.append(ConfigIssue(keyPath: "strategies", reason: "at least one [[strategies]] entry is required"))
            return []
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            issues.append(ConfigIssue(keyPath: "strategies", reason: "must be a non-empty array of tables"))
            return []
        }
        var entries: [Entry] = []
        var capitals: [Double?] = []
        var seen: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let path = "strategies[\(index)]"
            guard case .table(let table) = element else {
                issues.append(ConfigIssue(keyPath: path, reason: "must be a table"))
                continue
            }
            let reader = TableReader(table: table, path: path)
            issues += reader.unknownKeys(allowed: PortfolioFile.strategyKeys)
            let id = required(reader, "id", &issues)
            if let id {
                if let problem = StrategyIdentifier.problem(with: id) {
                    issues.append(reader.issue("id", problem))
                } else if let first = seen[id] {
                    issues.append(reader.issue("id", "duplicate id \"\(id)\" (also strategies[\(first)])"))
                }
                seen[id] = seen[id] ?? index
            }
            let kind = required(reader, "kind", &issues)
            let symbol = required(reader, "symbol", &issues)
            var timeframe = Timeframe.oneDay
            if let text = reader.string("timeframe", &issues) {
                if let parsed = Timeframe(rawValue: text) {
                    timeframe = parsed
                } else {
                    issues.append(reader.issue("timeframe", "must be one of \(Timeframe.spellings), got \"\(text)\""))
                }
            }
            var dataPath: String?
            if let data = required(reader, "data", &issues) {
                let resolved = URL(fileURLWithPath: data, relativeTo: dataDirectory).standardizedFileURL.path
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) {
                    issues.append(reader.issue("data", "data file not found: \(resolved)"))
                } else if isDirectory.boolValue {
                    issues.append(reader.issue("data", "is a directory, not a data file: \(resolved)"))
                } else {
                    dataPath = resolved
                }
            }
            let capital = reader.number("capital", &issues)
            if let capital, !(capital > 0 && capital <= 1) {
                issues.append(reader.issue("capital", "must be a share of the portfolio in (0, 1], got \(capital)"))
            }
            let priority = reader.integer("priority", &issues) ?? 0
            let step = reader.number("quantity_step", &issues)
            if let step, !(step > 0) {
                issues.append(reader.issue("quantity_step", "must be positive, got \(step)"))
            }
            var profile = RiskProfile()
            profile.dynamicRisk = dynamicBase
            if let risk = reader.subtable("risk", &issues) {
                profile = RiskProfile.read(from: risk, dynamicRiskBase: dynamicBase, issues: &issues)
            }
            let parameters = readParameters(reader, &issues)
            var strategy: (any Strategy)?
            var signalsPath: String?
            issues += misplacedKeys(reader, kind: kind)
            switch kind {
            case nil: break
            case "signals":
                signalsPath = readSignalsEntry(reader, parameters: parameters, directory: directory, &issues)
                // A placeholder: `PortfolioFile.load` joins the file to the bars (`SignalsFile`).
                strategy = PrecomputedStrategy(kind: "signals", times: [], signals: [])
            case ProcessStrategy.kind:
                if let command = readProcessCommand(reader, directory: directory, &issues), let id, let symbol {
                    strategy = ProcessStrategy(
                        id: id, symbol: symbol, timeframe: timeframe, params: parameters.values, command: command,
                        confidenceKey: profile.confidenceKey)
                }
            case let kind?:
                var problems: [ConfigIssue] = []
                strategy = StrategyCatalog.make(kind: kind, parameters: parameters, issues: &problems)
                issues += problems.map { $0.keyPath == "kind" ? $0.prefixed(by: path) : $0 }
            }
            capitals.append(capital)
            if let id, let kind, let symbol, let dataPath, let strategy {
                entries.append(
                    Entry(
                        id: id, kind: kind, symbol: symbol, timeframe: timeframe, dataPath: dataPath,
                        capital: capital ?? 0,
                        priority: priority, quantityStep: step, profile: profile, strategy: strategy,
                        signalsPath: signalsPath))
            }
        }
        let shares = splitCapital(capitals, issues: &issues)
        if entries.count == shares.count {
            for index in entries.indices { entries[index].capital = shares[index] }
        }
        return entries
    }

    private static func required(_ reader: TableReader, _ key: String, _ issues: inout [ConfigIssue]) -> String? {
        if reader.table[key] == nil {
            issues.append(reader.issue(key, "is required"))
            return nil
        }
        return reader.string(key, &issues)
    }

    private static func readParameters(_ reader: TableReader, _ issues: inout [ConfigIssue]) -> StrategyParameters {
        var values: [String: ParameterValue] = [:]
        if let params = reader.subtable("params", &issues) {
            for (key, value) in params.table.entries {
                switch value {
                case .integer(let integer): values[key] = .integer(integer)
                case .double(let double): values[key] = .double(double)
                case .bool(let bool): values[key] = .bool(bool)
                case .string(let string): values[key] = .string(string)
                default: issues.append(params.issue(key, "must be a number, a boolean or a string"))
                }
            }
        }
        return StrategyParameters(values, path: reader.keyPath("params"))
    }

    /// Explicit capitals stay; unset ones share the rest equally. The total may not exceed 1.
    static func splitCapital(_ capitals: [Double?], issues: inout [ConfigIssue]) -> [Double] {
        let given = capitals.compactMap { $0 }.filter { $0 > 0 && $0 <= 1 }.reduce(0, +)
        let unset = capitals.filter { $0 == nil }.count
        if given > 1 + 1e-9 {
            issues.append(ConfigIssue(keyPath: "strategies", reason: "capital shares add up to \(given), more than 1"))
            return capitals.map { $0 ?? 0 }
        }
        let rest = unset > 0 ? (1 - given) / Double(unset) : 0
        if unset > 0, rest <= 1e-9 {
            issues.append(
                ConfigIssue(
                    keyPath: "strategies",
                    reason: "explicit capitals use the whole portfolio; \(unset) strategies get none"
                ))
        }
        return capitals.map { $0 ?? rest }
    }
}
