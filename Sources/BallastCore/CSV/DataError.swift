/// A rejected data file: what is wrong and exactly where (SPEC §11). Maps to exit status 65.
///
/// `line` is 1-based and counts physical lines, the header being line 1; it is nil when the
/// problem concerns the whole file (missing, unreadable, empty, no bars). `column` is the name of
/// the offending column as written in the header (trimmed, original case), `#N` (1-based position)
/// for a column whose header cell is empty, or nil when no single column is at fault.
public struct DataError: BallastFailure, Equatable {
    /// The file as the caller named it (the path given to `load(path:)` or the `fileName` given
    /// to `parse`).
    public var file: String
    /// The 1-based line number (header = 1), or nil for a whole-file problem.
    public var line: Int?
    /// The header name of the offending column, or nil.
    public var column: String?
    /// Why the data is rejected, in words a user can act on.
    public var reason: String

    /// Creates an error; see the type's documentation for the meaning of each field.
    public init(file: String, line: Int? = nil, column: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// Always `.badData` (65).
    public var exitStatus: ExitStatus { .badData }

    /// `file:line: column 'name': reason`, dropping the parts that are nil, for example
    /// `GOOG.csv:14: column 'high': high 99.5 is below max(open, close) 100.2`. Control characters
    /// are escaped (``PrintableText/escaped(_:)``): every part can quote the file.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column '\(column)': " }
        return PrintableText.escaped(text + reason)
    }
}
