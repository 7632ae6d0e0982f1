import BallastCore

/// A config issue with the line of the file it was found on, when known.
public struct LocatedIssue: Sendable, Equatable {
    public var line: Int?
    public var issue: ConfigIssue

    public init(line: Int?, issue: ConfigIssue) {
        self.line = line
        self.issue = issue
    }
}

/// A rejected configuration file: every issue found, each with its key path, reason and line.
/// Exits with status 78 (SPEC §13).
public struct ConfigurationError: BallastFailure, Equatable {
    public var file: String
    public var issues: [LocatedIssue]

    public init(file: String, issues: [LocatedIssue]) {
        self.file = file
        self.issues = issues
    }

    /// Builds the error from issues, finding each key path's line in the file's text.
    public init(file: String, text: String, issues: [ConfigIssue]) {
        let locator = TOMLKeyLocator(text: text)
        self.init(file: file, issues: issues.map { LocatedIssue(line: locator.line(of: $0.keyPath), issue: $0) })
    }

    public var exitStatus: ExitStatus { .badConfiguration }

    /// One line per issue: `file:line: key.path: reason`, control characters escaped
    /// (``PrintableText/escaped(_:)``), since paths, keys and reasons can quote the file.
    public var description: String {
        issues.map { located in
            let place = located.line.map { "\(file):\($0)" } ?? file
            let key = located.issue.keyPath.isEmpty ? "" : "\(located.issue.keyPath): "
            return PrintableText.escaped("\(place): \(key)\(located.issue.reason)")
        }.joined(separator: "\n")
    }
}
