import BallastCore

/// Rejects, before the text reaches the TOML library, the inputs on which that library asserts
/// instead of reporting an error: a table header that does not start with a key (`[!x]`, `[ =]`, a
/// `[` alone on a line), a `}` where an array expects a value (`[5,} 10]`), and the Unicode line
/// separators U+2028, U+2029 and U+0085 outside strings and comments.
///
/// Why this is Ballast's own code: toml++ (inside TOMLKit 0.6.0) checks these places only with
/// `TOML_ASSERT_ASSUME`. A debug build aborts the process on such input (found by
/// `PortfolioDecoderFuzzTests` and `SweepFileFuzzTests`, docs/RELIABILITY.md) and a release build,
/// where the assertion becomes an optimiser assumption, has undefined behaviour. The library is a
/// dependency we cannot patch, so its unguarded paths found so far are guarded here.
///
/// The scan follows TOML's lexical structure just far enough: basic and literal strings (single- and
/// multi-line, with escapes), comments, and the nesting of headers, arrays and inline tables, so a
/// line of an array value that starts with `[` is not taken for a header. It rejects only text that
/// toml++ rejects too (or aborts on), turning the abort into a `ConfigurationError` with the line.
enum TOMLAssertionGuard {
    static func check(_ text: String, file: String) throws(ConfigurationError) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        /// The open brackets: `true` for an array value, `false` for a header or an inline table.
        var open: [Bool] = []
        var lineStart = true

        func reject(_ reason: String) -> ConfigurationError {
            ConfigurationError(
                file: file, issues: [LocatedIssue(line: line, issue: ConfigIssue(keyPath: "", reason: reason))])
        }

        func at(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                line += 1
                lineStart = true
                index += 1
                continue
            }
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                index += 1
                continue
            }
            let statementStart = lineStart && open.isEmpty
            lineStart = false
            switch scalar {
            case "#":
                // To the end of the line; the line break itself starts the next statement.
                while index < scalars.count && scalars[index] != "\n" { index += 1 }
                continue
            case "\"", "'":
                let triple = at(1) == scalar && at(2) == scalar
                index += triple ? 3 : 1
                while index < scalars.count {
                    let next = scalars[index]
                    if next == "\\" && scalar == "\"" {
                        if at(1) == "\n" { line += 1 }
                        index += 2
                        continue
                    }
                    if next == "\n" {
                        if !triple { break }
                        line += 1
                    }
                    if next == scalar && (!triple || (at(1) == scalar && at(2) == scalar)) {
                        index += triple ? 3 : 1
                        // A multi-line string may end with up to two more quotes of its own.
                        while triple && at(0) == scalar { index += 1 }
                        break
                    }
                    index += 1
                }
                continue
            case "[":
                if statementStart {
                    var look = index + 1
                    if look < scalars.count && scalars[look] == "[" {
                        look += 1
                        index += 1
                    }
                    while look < scalars.count && (scalars[look] == " " || scalars[look] == "\t") { look += 1 }
                    let first = look < scalars.count ? scalars[look] : nil
                    if first.map({ isKeyStart($0) || $0 == "]" }) != true {
                        let saw = first.map { $0 == "\n" || $0 == "\r" ? "the end of the line" : "'\($0)'" }
                        throw reject("a table header must start with a key, saw \(saw ?? "the end of the file")")
                    }
                    open.append(false)
                } else {
                    open.append(true)
                }
            case "{":
                open.append(false)
            case "}":
                // toml++ asserts a value where an array expects one; a `}` there is never valid.
                if open.last == true { throw reject("expected a value or ']' in an array, saw '}'") }
                _ = open.popLast()
            case "]":
                _ = open.popLast()
            case "\u{2028}", "\u{2029}", "\u{85}":
                // Line separators toml++ neither accepts nor rejects before asserting a value.
                throw reject("'\(scalar.escaped(asASCII: true))' is not a line break or space in TOML")
            default:
                break
            }
            index += 1
        }
    }

    /// A bare key character or a string delimiter: what toml++'s `parse_key` requires.
    static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }
}
