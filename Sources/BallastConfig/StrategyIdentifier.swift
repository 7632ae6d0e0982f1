import BallastCore

/// The rule for strategy ids (`[[strategies]] id`): short printable names that are safe in every
/// table, log line, file name and database row.
///
/// An id has 1 to 64 characters, each an ASCII letter (`A`–`Z`, `a`–`z`), an ASCII digit, `-`,
/// `_` or `.`, and starts with a letter or a digit. In the notation of a grammar:
/// `id = (ALPHA / DIGIT) *63(ALPHA / DIGIT / "-" / "_" / ".")`. Case matters (`Trend` and `trend`
/// are two ids).
public enum StrategyIdentifier {
    /// The most characters an id may have.
    public static let maxLength = 64

    /// Why `id` is not a valid strategy id, or nil when it is. The reason quotes the id only as a
    /// short escaped excerpt, so a hostile id cannot reach the terminal through the error.
    public static func problem(with id: String) -> String? {
        let allowed = "1–\(maxLength) characters from A–Z, a–z, 0–9, '-', '_' and '.', starting with a letter or digit"
        guard let first = id.unicodeScalars.first else { return "must not be empty (an id has \(allowed))" }
        let length = id.unicodeScalars.count
        if length > maxLength {
            return "is \(length) characters long, more than \(maxLength) (an id has \(allowed))"
        }
        if let (position, scalar) = id.unicodeScalars.enumerated().first(where: { !isAllowed($0.element) }) {
            let shown = scalar == " " ? "a space" : "'\(PrintableText.escaped(String(scalar)))'"
            return "\"\(PrintableText.excerpt(id))\" has \(shown) at character \(position + 1), "
                + "which is not allowed (an id has \(allowed))"
        }
        if !isLetterOrDigit(first) {
            return "\"\(id)\" must start with a letter or digit (an id has \(allowed))"
        }
        return nil
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9": true
        default: false
        }
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        isLetterOrDigit(scalar) || scalar == "-" || scalar == "_" || scalar == "."
    }
}
