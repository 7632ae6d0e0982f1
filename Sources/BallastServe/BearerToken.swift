import BallastCore
import Foundation

/// The secret that `ballast serve`'s mutating endpoints require (`Authorization: Bearer TOKEN`),
/// read from `--token-file`. Never logged, shown, stored or put in a page: its description is
/// redacted.
///
/// Invariant: `accepts` compares in time that depends only on the lengths, never on where the first
/// difference is (no early exit), so the comparison leaks nothing of the token.
public struct BearerToken: Sendable, CustomStringConvertible {
    private let bytes: [UInt8]

    /// Tokens shorter than this are refused: a guessable token is no protection.
    public static let minimumLength = 16

    /// A token from its text (surrounding whitespace and newlines removed).
    ///
    /// - Throws: `ServeError.badToken` when it is shorter than `minimumLength`.
    public init(text: String, source: String) throws(ServeError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count >= Self.minimumLength else {
            throw .badToken(
                "\(source): the token must be at least \(Self.minimumLength) characters (it has "
                    + "\(trimmed.utf8.count)); e.g. `openssl rand -hex 32 > \(source)`")
        }
        bytes = Array(trimmed.utf8)
    }

    /// Reads the token from `path`.
    ///
    /// - Throws: `ServeError.badToken` when the file cannot be read or the token is too short.
    public static func read(path: String) throws(ServeError) -> BearerToken {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .badToken("--token-file \(path): cannot be read (\(error.localizedDescription))")
        }
        return try BearerToken(text: text, source: path)
    }

    /// True when the `Authorization` header value is `Bearer <this token>`; compared in constant time.
    public func accepts(authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let given = Array(authorization.utf8.dropFirst("Bearer ".utf8.count))
        var difference = UInt8(truncatingIfNeeded: given.count ^ bytes.count)
        for index in 0..<bytes.count {
            difference |= bytes[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    public var description: String { "BearerToken(redacted)" }
}
