import BallastCore

/// The text of a TOML configuration file, checked before the TOML parser sees it.
///
/// The parser reads C strings: a NUL byte would silently end the file there (everything after it,
/// strategies included, would be dropped without a word). So a configuration file must be UTF-8
/// text without NUL bytes. Rejected, as a `ConfigurationError` (exit 78) naming the file, line and
/// column (1-based; the column counts characters, i.e. Unicode scalars, before the byte):
/// - a NUL byte anywhere;
/// - a byte sequence that is not valid UTF-8 (a stray continuation byte, a truncated or overlong
///   sequence, a surrogate, a code point above U+10FFFF);
/// - a UTF-16 file (byte-order mark `FF FE` or `FE FF`, or no mark but a NUL in every other byte of
///   its start) or a UTF-32 file (mark `FF FE 00 00` or `00 00 FE FF`): one issue that says so and
///   that the file must be saved as UTF-8.
///
/// A UTF-8 byte-order mark (`EF BB BF`) is allowed and kept, as before.
public enum ConfigText {
    /// The file's bytes as a string, or a `ConfigurationError` naming `file`.
    public static func decode(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> String {
        if let encoding = wideEncoding(bytes) {
            throw issue(
                file, line: nil,
                "the file is \(encoding) text; save it as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)")
        }
        if let offset = firstInvalidOffset(bytes) {
            let (line, column) = position(of: offset, in: bytes)
            let byte = bytes[offset]
            let what =
                byte == 0
                ? "NUL byte (0x00)"
                : "byte 0x\(String(byte, radix: 16, uppercase: true)) is not valid UTF-8"
            throw issue(
                file, line: line, "column \(column): \(what); a portfolio file must be UTF-8 text without NUL bytes")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Rejects a NUL character in text that is already a string (TOML given in memory).
    static func checkNoNUL(_ text: String, file: String) throws(ConfigurationError) {
        guard text.utf8.contains(0) else { return }
        try _ = decode(Array(text.utf8), file: file)
    }

    /// "UTF-16 (little-endian)" and the like when the bytes are evidently not UTF-8, else nil.
    static func wideEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return "UTF-32 (little-endian)" }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        // No mark: ASCII text saved as UTF-16 has a NUL in every other byte.
        let sample = bytes.prefix(64)
        guard sample.count >= 4 else { return nil }
        let even = stride(from: 0, to: sample.count - 1, by: 2).map { sample[$0] }
        let odd = stride(from: 1, to: sample.count, by: 2).map { sample[$0] }
        if odd.allSatisfy({ $0 == 0 }) && even.allSatisfy({ $0 != 0 }) { return "UTF-16 (little-endian)" }
        if even.allSatisfy({ $0 == 0 }) && odd.allSatisfy({ $0 != 0 }) { return "UTF-16 (big-endian)" }
        return nil
    }

    /// The offset of the first NUL or of the first byte of an invalid UTF-8 sequence, nil if none
    /// (Unicode's well-formed UTF-8 byte sequences, table 3-7).
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead == 0 { return index }
            if lead < 0x80 {
                index += 1
                continue
            }
            let (length, secondRange): (Int, ClosedRange<UInt8>)
            switch lead {
            case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
            case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, secondRange) = (3, 0x80...0xBF)
            case 0xED: (length, secondRange) = (3, 0x80...0x9F)
            case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
            case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
            default: return index
            }
            guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return index }
            for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(bytes[next]) {
                return index
            }
            index += length
        }
        return nil
    }

    /// The 1-based line and column (in Unicode scalars; the bytes before `offset` are valid UTF-8).
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private static func issue(_ file: String, line: Int?, _ reason: String) -> ConfigurationError {
        ConfigurationError(
            file: file, issues: [LocatedIssue(line: line, issue: ConfigIssue(keyPath: "", reason: reason))])
    }
}
