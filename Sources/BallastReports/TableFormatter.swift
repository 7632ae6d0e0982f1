import BallastCore

/// Renders plain-text tables for the command line summaries (`ballast backtest`, `ballast budgets`).
///
/// Layout: a header line with the column titles, a separator line of dashes as wide as each column,
/// then one line per row. Columns are as wide as their widest cell or title (counted in characters,
/// i.e. grapheme clusters) and are separated by two spaces. Each column aligns its title and its
/// cells the same way: right for numbers, left for text. Lines carry no trailing spaces and each
/// ends with a newline. Output is deterministic: no locale, no terminal width.
///
/// Cells and titles often come from files (strategy ids, symbols, reasons), so every control
/// character in them is escaped (``PrintableText/escaped(_:)``: ESC prints as `\u{1B}`) before
/// widths are measured: a table never sends a control sequence to the terminal, and a cell's
/// width is the width of what is printed.
public struct TableFormatter: Sendable, Equatable {
    /// How a column aligns its title and cells.
    public enum Alignment: Sendable, Equatable {
        /// Padded on the right: for text.
        case left
        /// Padded on the left: for numbers.
        case right
    }

    /// One column: its title and its alignment.
    public struct Column: Sendable, Equatable {
        /// The header text.
        public var title: String
        /// How the title and the cells align.
        public var alignment: Alignment

        /// Creates a column; text columns align left, number columns right.
        public init(title: String, alignment: Alignment) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// The columns, left to right.
    public let columns: [Column]

    /// The text between two columns.
    public static let columnGap = "  "

    /// The placeholder for an undefined value, in ``fixed(_:digits:)`` and wherever a cell is unknown.
    public static let undefined = "—"

    /// Creates a formatter for these columns.
    public init(columns: [Column]) {
        self.columns = columns
    }

    /// The table as text: header, separator, then the rows in order.
    ///
    /// - Parameter rows: the cells of each row, one per column. A row with fewer cells than columns
    ///   is padded with empty cells; cells beyond the last column are ignored.
    public func render(rows: [[String]]) -> String {
        let cells = rows.map { row in
            columns.indices.map { $0 < row.count ? PrintableText.escaped(row[$0]) : "" }
        }
        let titles = columns.map { PrintableText.escaped($0.title) }
        let widths = columns.indices.map { index in
            cells.reduce(titles[index].count) { max($0, $1[index].count) }
        }
        var lines = [line(titles, widths: widths)]
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: Self.columnGap))
        lines += cells.map { line($0, widths: widths) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// One line of padded cells, trailing spaces removed.
    private func line(_ cells: [String], widths: [Int]) -> String {
        let padded = zip(columns, zip(cells, widths)).map { column, cellAndWidth in
            let (cell, width) = cellAndWidth
            let padding = String(repeating: " ", count: max(width - cell.count, 0))
            return column.alignment == .right ? padding + cell : cell + padding
        }
        var text = padded.joined(separator: Self.columnGap)
        while text.last == " " { text.removeLast() }
        return text
    }

    /// A number with exactly `digits` fractional digits (negative counts as 0), or "—" for nil.
    ///
    /// Written without Foundation's locale-dependent formatting: always a "." decimal point, no
    /// grouping separators; rounded half away from zero from the shortest round-trip decimal form
    /// (1.005 → "1.01"); no "-0.00"; "nan", "inf" and "-inf" for non-finite values.
    public static func fixed(_ value: Double?, digits: Int) -> String {
        guard let value else { return undefined }
        return FixedPointText.format(value, digits: digits)
    }
}
