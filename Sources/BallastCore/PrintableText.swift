/// Text that came from a file (an id, a symbol, a header cell, a field), made safe to print on a
/// terminal: control characters are spelled out instead of being sent to the terminal, and long
/// text is cut to a short excerpt.
///
/// Escaped are the Unicode control characters (`Cc`: C0 controls, DEL and C1 controls), the line
/// and paragraph separators U+2028 and U+2029, and the bidirectional embedding, override and
/// isolate controls U+202A–U+202E and U+2066–U+2069 (which reorder the rest of a terminal line).
/// Each becomes `\u{HEX}` with uppercase hex digits, for example ESC (0x1B) → `\u{1B}` and NUL →
/// `\u{0}`; tab is escaped as well (`\u{9}`), since it breaks column alignment. Every other
/// character, a backslash included, is kept as it is, so printable text is unchanged.
public enum PrintableText {
    /// `text` with every control character escaped (see the type's documentation).
    /// Idempotent: escaping escaped text changes nothing.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// At most `limit` characters of `text`, escaped, with `…` appended when anything was cut.
    /// Reads only as much of `text` as the excerpt needs, so it is cheap for huge strings.
    public static func excerpt(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        var result = ""
        var count = 0
        for character in text {
            let piece = escaped(String(character))
            if count + piece.count > limit { return result + "…" }
            result += piece
            count += piece.count
        }
        return result
    }

    /// The escaped excerpt of at most `limit` characters of UTF-8 bytes, decoding no more than a
    /// bounded prefix of them (invalid UTF-8 reads as U+FFFD, which prints as `�`).
    public static func excerpt(utf8 bytes: UnsafeRawBufferPointer, limit: Int = defaultLimit) -> String {
        // A character is at most 4 bytes, plus one more to know whether anything was cut.
        let prefix = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, 4 * limit + 4)])
        let text = String(decoding: prefix, as: UTF8.self)
        let shown = excerpt(text, limit: limit)
        if prefix.count < bytes.count, !shown.hasSuffix("…") { return shown + "…" }
        return shown
    }

    /// The length of an excerpt unless a caller asks for another: short enough for one line.
    public static let defaultLimit = 80

    /// Whether a scalar is escaped (see the type's documentation).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
