import BallastCore

/// Renders rows as CSV by RFC 4180: a header row, then one record per row, fields separated by
/// commas, every record ending with CRLF. A field that contains a comma, a double quote, CR or LF
/// is enclosed in double quotes, with each double quote inside doubled (`a"b` → `"a""b"`).
///
/// Fields often come from files (symbols, reasons), and CSV is often printed to a terminal, so
/// every control character in a field is first escaped as ``PrintableText/escaped(_:)`` does
/// (ESC → `\u{1B}`, LF → `\u{A}`): the output never carries a control sequence, and a record is
/// always one line. Deterministic: no locale.
public struct CSVFormatter: Sendable, Equatable {
    /// The header row's field names, left to right.
    public let header: [String]

    /// Creates a formatter with these column names.
    public init(header: [String]) {
        self.header = header
    }

    /// The header record and one record per row; a row with fewer fields than the header is
    /// padded with empty fields.
    public func render(rows: [[String]]) -> String {
        var text = Self.record(header)
        for row in rows {
            let padded = row.count < header.count ? row + Array(repeating: "", count: header.count - row.count) : row
            text += Self.record(padded)
        }
        return text
    }

    /// One record: the escaped fields joined by commas, then CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field: control characters escaped, then quoted when it holds `,`, `"`, CR or LF.
    public static func field(_ text: String) -> String {
        let printable = PrintableText.escaped(text)
        guard printable.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return printable
        }
        var quoted = "\""
        for character in printable {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }

    /// A number as CSV prints it: the shortest text that reads back as the same `Double`; empty
    /// for nil.
    public static func number(_ value: Double?) -> String {
        value.map { "\($0)" } ?? ""
    }
}
