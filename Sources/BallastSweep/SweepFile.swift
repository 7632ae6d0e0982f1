import BallastConfig
import BallastCore
import Foundation

/// A sweep file (SPEC §17): the base portfolio, the objective, the axes, the mode and an optional
/// walk-forward, parsed and checked in full before anything runs.
///
/// Invariants: at least one axis; axis keys are distinct; `random` has `samples` ≥ 1 and a `seed`.
/// Whether each key names something in the portfolio is checked by ``SweepPlan`` against it.
public struct SweepFile: Sendable {
    /// The file as given.
    public var path: String
    /// The file's text: with the portfolio's and the data's identity it makes the sweep id.
    public var text: String
    /// The portfolio file, resolved against the sweep file's folder.
    public var portfolioPath: String
    public var objective: SweepObjective
    public var axes: [SweepAxis]
    public var mode: SweepMode
    public var walkForward: WalkForward?

    static let rootKeys = ["portfolio", "objective", "mode", "samples", "seed", "axes", "walk_forward"]

    /// Reads and checks a sweep file; a `ConfigurationError` (exit 78) lists every issue.
    public static func load(path: String) throws -> SweepFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                file: path,
                issues: [LocatedIssue(line: nil, issue: ConfigIssue(keyPath: "", reason: "cannot read the file"))])
        }
        return try parse(text: ConfigText.decode([UInt8](data), file: path), path: path)
    }

    /// Parses sweep-file text; `path` names the file in errors and resolves `portfolio`.
    public static func parse(text: String, path: String) throws(ConfigurationError) -> SweepFile {
        let root = TableReader(table: try ConfigValue.parse(toml: text, file: path), path: "")
        var issues = root.unknownKeys(allowed: rootKeys)
        let portfolio = root.string("portfolio", &issues)
        if root.table["portfolio"] == nil {
            issues.append(root.issue("portfolio", "is required: the base portfolio file"))
        }
        var objective = SweepObjective(name: "final_equity")!
        if let name = root.string("objective", &issues) {
            if let named = SweepObjective(name: name) {
                objective = named
            } else {
                issues.append(
                    root.issue(
                        "objective",
                        "unknown metric \"\(name)\"; expected one of: \(SweepObjective.names.joined(separator: ", "))"))
            }
        }
        let mode = readMode(root, &issues)
        let axes = readAxes(root, &issues)
        var walkForward: WalkForward?
        if let table = root.subtable("walk_forward", &issues) {
            walkForward = WalkForward.read(table, issues: &issues)
        }
        if !issues.isEmpty { throw ConfigurationError(file: path, text: text, issues: issues) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return SweepFile(
            path: path, text: text,
            portfolioPath: URL(fileURLWithPath: portfolio ?? "", relativeTo: directory).standardizedFileURL.path,
            objective: objective, axes: axes, mode: mode, walkForward: walkForward)
    }

    private static func readMode(_ root: TableReader, _ issues: inout [ConfigIssue]) -> SweepMode {
        let name = root.string("mode", &issues) ?? "grid"
        let samples = root.integer("samples", &issues)
        let seed = root.integer("seed", &issues)
        switch name {
        case "grid":
            if root.table["samples"] != nil {
                issues.append(root.issue("samples", "applies to mode = \"random\" only"))
            }
            if root.table["seed"] != nil { issues.append(root.issue("seed", "applies to mode = \"random\" only")) }
            return .grid
        case "random":
            if root.table["samples"] == nil {
                issues.append(root.issue("samples", "is required with mode = \"random\""))
            }
            if let samples, samples < 1 { issues.append(root.issue("samples", "must be at least 1, got \(samples)")) }
            if root.table["seed"] == nil {
                issues.append(
                    root.issue("seed", "is required with samples: a random sweep must be reproducible (any integer)"))
            }
            return .random(samples: max(1, samples ?? 1), seed: UInt64(bitPattern: Int64(seed ?? 0)))
        default:
            issues.append(root.issue("mode", "must be \"grid\" or \"random\", got \"\(name)\""))
            return .grid
        }
    }

    private static func readAxes(_ root: TableReader, _ issues: inout [ConfigIssue]) -> [SweepAxis] {
        guard let value = root.table["axes"] else {
            issues.append(root.issue("axes", "at least one [[axes]] entry is required"))
            return []
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            issues.append(root.issue("axes", "must be a non-empty array of tables ([[axes]])"))
            return []
        }
        var axes: [SweepAxis] = []
        for (index, element) in elements.enumerated() {
            guard case .table(let table) = element else {
                issues.append(ConfigIssue(keyPath: "axes[\(index)]", reason: "must be a table"))
                continue
            }
            let reader = TableReader(table: table, path: "axes[\(index)]")
            guard let axis = SweepAxis.read(reader, issues: &issues) else { continue }
            if axes.contains(where: { $0.key == axis.key }) {
                issues.append(reader.issue("key", "\"\(axis.key)\" is swept twice"))
            }
            axes.append(axis)
        }
        return axes
    }
}
