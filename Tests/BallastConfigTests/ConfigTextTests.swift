import BallastConfig
import BallastCore
import BallastTestKit
import Foundation
import Testing

@Suite("Portfolio files must be UTF-8 text without NUL bytes (issue 11, item 1)")
struct ConfigTextTests {
    /// `PortfolioFileTests.valid` as bytes, with `insert` put at the start of line `line` (1-based).
    static func bytes(inserting insert: [UInt8], atLine line: Int) -> [UInt8] {
        var lines = PortfolioFileTests.valid.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Array($0.utf8) }
        lines[line - 1] = insert + lines[line - 1]
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    static func load(_ bytes: [UInt8]) throws -> ConfigurationError? {
        let directory = try PortfolioFileTests.directory(portfolio: "")
        defer { directory.remove() }
        try Data(bytes).write(to: directory.url.appendingPathComponent("p.toml"))
        do {
            _ = try PortfolioFile.load(path: directory.path("p.toml"))
            return nil
        } catch let error as ConfigurationError {
            return error
        }
    }

    @Test("a NUL byte in a comment before the third strategy is an error at its line, not a cut file")
    func nulInComment() throws {
        // Line 24 of the valid file is the third `[[strategies]]`; a comment line goes before it.
        let error = try #require(try Self.load(Self.bytes(inserting: Array("# note \u{0} here\n".utf8), atLine: 24)))
        #expect(error.exitStatus == .badConfiguration)
        #expect(error.issues.count == 1)
        #expect(error.issues[0].line == 24)
        #expect(error.description.contains("p.toml:24: column 8: NUL byte (0x00)"))
        #expect(!error.description.unicodeScalars.contains("\u{0}"))
    }

    struct ByteCase: Sendable, CustomTestStringConvertible {
        let name: String
        let insert: [UInt8]
        let column: Int
        let reason: String
        var testDescription: String { name }
    }

    static let byteCases: [ByteCase] = [
        ByteCase(name: "NUL", insert: [0x23, 0x20, 0x00], column: 3, reason: "NUL byte (0x00)"),
        ByteCase(name: "Latin-1 é", insert: Array("# caf".utf8) + [0xE9], column: 6, reason: "byte 0xE9"),
        ByteCase(name: "stray continuation", insert: [0x23, 0x80], column: 2, reason: "byte 0x80"),
        ByteCase(name: "overlong slash", insert: [0x23, 0xC0, 0xAF], column: 2, reason: "byte 0xC0"),
        ByteCase(name: "surrogate", insert: [0x23, 0xED, 0xA0, 0x80], column: 2, reason: "byte 0xED"),
        ByteCase(name: "above U+10FFFF", insert: [0x23, 0xF4, 0x90, 0x80, 0x80], column: 2, reason: "byte 0xF4"),
        ByteCase(name: "truncated at the end of a line", insert: [0x23, 0xE2, 0x82], column: 2, reason: "byte 0xE2"),
        ByteCase(name: "after multi-byte text", insert: Array("# ü€".utf8) + [0xFF], column: 5, reason: "byte 0xFF"),
    ]

    @Test("bytes that are not UTF-8 text are an error naming line and column", arguments: byteCases)
    func invalidBytes(_ bad: ByteCase) throws {
        let error = try #require(try Self.load(Self.bytes(inserting: bad.insert + [0x0A], atLine: 9)))
        #expect(error.exitStatus == .badConfiguration)
        #expect(error.issues.map(\.line) == [9])
        #expect(error.description.contains("p.toml:9: column \(bad.column): \(bad.reason)"))
        #expect(error.description.contains("UTF-8"))
    }

    static let wideCases: [(name: String, bytes: [UInt8], encoding: String)] = {
        let text = PortfolioFileTests.valid
        let little = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        return [
            ("UTF-16 LE with a mark", [0xFF, 0xFE] + little, "UTF-16 (little-endian)"),
            ("UTF-16 BE with a mark", [0xFE, 0xFF] + big, "UTF-16 (big-endian)"),
            ("UTF-16 LE without a mark", little, "UTF-16 (little-endian)"),
            ("UTF-16 BE without a mark", big, "UTF-16 (big-endian)"),
            ("UTF-32 LE with a mark", [0xFF, 0xFE, 0, 0] + little, "UTF-32 (little-endian)"),
        ]
    }()

    @Test("a UTF-16 file is named as such, with what to do", arguments: wideCases)
    func wideEncodings(name: String, bytes: [UInt8], encoding: String) throws {
        let error = try #require(try Self.load(bytes))
        #expect(error.exitStatus == .badConfiguration)
        #expect(error.description.contains("the file is \(encoding) text; save it as UTF-8"))
        #expect(!error.description.contains("cannot read"))
    }

    @Test("a UTF-8 byte-order mark and non-ASCII comments still load")
    func utf8Loads() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Self.bytes(inserting: Array("# Größe: 株 €\n".utf8), atLine: 9)
        #expect(try Self.load(bytes) == nil)
    }

    @Test("TOML given as text with a NUL character is rejected too")
    func nulInText() {
        #expect {
            _ = try RiskSettingsDocument(toml: "[risk]\n# x\u{0}\nmax_daily_risk = 0.1\n", file: "r.toml")
        } throws: { error in
            (error as? ConfigurationError)?.description.contains("r.toml:2: column 4: NUL byte") == true
        }
    }
}
