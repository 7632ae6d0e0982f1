import BallastCore
import BallastExternal
import BallastStrategies
import Foundation

extension PortfolioDefinition {
    /// The keys of a `[[strategies]]` entry that belong to one external kind only.
    static let externalKeys = ["signals": "signals", "command": "process", "timeout_ms": "process"]

    /// Issues for keys of an entry that belong to another kind (`signals` on a `process` entry, …).
    static func misplacedKeys(_ reader: TableReader, kind: String?) -> [ConfigIssue] {
        guard let kind else { return [] }
        return externalKeys.keys.sorted().compactMap { key in
            guard reader.table[key] != nil, let owner = externalKeys[key], owner != kind else { return nil }
            return reader.issue(key, "only a strategy of kind \"\(owner)\" takes \(key)")
        }
    }

    /// A `signals` entry (SPEC §15): the signals file's resolved path (relative to the portfolio
    /// file's folder); it must exist. The strategy is a placeholder until the data is loaded and
    /// the file joined to it (`SignalsFile`). A signals strategy takes no params.
    static func readSignalsEntry(
        _ reader: TableReader, parameters: StrategyParameters, directory: URL, _ issues: inout [ConfigIssue]
    ) -> String? {
        for key in parameters.values.keys.sorted() {
            issues.append(
                ConfigIssue(keyPath: parameters.keyPath(key), reason: "unknown parameter; signals takes no parameters"))
        }
        guard reader.table["signals"] != nil else {
            issues.append(reader.issue("signals", "is required for kind \"signals\" (the signals CSV file)"))
            return nil
        }
        guard let file = reader.string("signals", &issues) else { return nil }
        let resolved = URL(fileURLWithPath: file, relativeTo: directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) {
            issues.append(reader.issue("signals", "signals file not found: \(resolved)"))
            return nil
        }
        if isDirectory.boolValue {
            issues.append(reader.issue("signals", "is a directory, not a signals file: \(resolved)"))
            return nil
        }
        return resolved
    }

    /// A `process` entry (SPEC §15): `command` (a non-empty array of strings; `command[0]` on
    /// `PATH` unless it contains `/`, then relative to the portfolio file's folder, and executable)
    /// and `timeout_ms` (1 ... 3,600,000, default 2,000).
    static func readProcessCommand(
        _ reader: TableReader, directory: URL, _ issues: inout [ConfigIssue]
    ) -> ProcessCommand? {
        var timeout = 2_000
        if let given = reader.integer("timeout_ms", &issues) {
            if (1...3_600_000).contains(given) {
                timeout = given
            } else {
                issues.append(reader.issue("timeout_ms", "must be in 1...3600000 milliseconds, got \(given)"))
            }
        }
        guard let value = reader.table["command"] else {
            issues.append(
                reader.issue("command", "is required for kind \"process\", e.g. command = [\"python3\", \"mine.py\"]"))
            return nil
        }
        guard case .array(let elements) = value, !elements.isEmpty else {
            issues.append(reader.issue("command", "must be a non-empty array of strings, got \(value.typeName)"))
            return nil
        }
        var words: [String] = []
        for element in elements {
            guard case .string(let word) = element else {
                issues.append(reader.issue("command", "must be an array of strings, got \(element.typeName) in it"))
                return nil
            }
            words.append(word)
        }
        guard !words[0].isEmpty else {
            issues.append(reader.issue("command", "command[0] is empty"))
            return nil
        }
        let folder = directory.standardizedFileURL.path
        switch ExecutableLookup.resolve(words[0], directory: folder) {
        case .success(let executable):
            return ProcessCommand(
                executable: executable, arguments: Array(words.dropFirst()), directory: folder,
                timeoutMilliseconds: timeout)
        case .failure(let problem):
            issues.append(reader.issue("command", problem.reason))
            return nil
        }
    }
}

/// Finds a command's executable as a shell would: a name without `/` on `PATH`, a path with `/`
/// relative to a folder (the portfolio file's).
enum ExecutableLookup {
    struct Problem: Error {
        let reason: String
    }

    static func resolve(_ word: String, directory: String) -> Result<String, Problem> {
        let manager = FileManager.default
        if word.contains("/") {
            let path = URL(fileURLWithPath: word, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
                .standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return .failure(Problem(reason: "command not found: \(path)"))
            }
            guard manager.isExecutableFile(atPath: path) else {
                return .failure(
                    Problem(reason: "command is not executable: \(path) (chmod +x it, or name its interpreter first)"))
            }
            return .success(path)
        }
        let search = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in search.split(separator: ":", omittingEmptySubsequences: true) {
            let path = "\(folder)/\(word)"
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                manager.isExecutableFile(atPath: path)
            {
                return .success(path)
            }
        }
        return .failure(Problem(reason: "command not found on PATH: \(word)"))
    }
}
