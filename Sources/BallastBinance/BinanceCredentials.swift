import BallastCore
import Foundation

/// An API key and its secret for Binance's signed endpoints.
///
/// Invariant: neither value ever appears in a description, a log line or an error message —
/// `description` and `debugDescription` print a redacted form.
public struct BinanceCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable holding the API key.
    public static let apiKeyVariable = "BALLAST_BINANCE_API_KEY"
    /// The environment variable holding the API secret.
    public static let secretVariable = "BALLAST_BINANCE_API_SECRET"

    /// Sent in the `X-MBX-APIKEY` header.
    public let apiKey: String
    /// Signs requests (HMAC-SHA256); never sent.
    public let secret: String

    public init(apiKey: String, secret: String) {
        self.apiKey = apiKey
        self.secret = secret
    }

    /// Reads `BALLAST_BINANCE_API_KEY` and `BALLAST_BINANCE_API_SECRET`; throws
    /// `BinanceCredentialsError.missing` naming the first variable that is unset or empty.
    public static func fromEnvironment(_ env: [String: String]) throws(BinanceCredentialsError) -> BinanceCredentials {
        guard let key = env[apiKeyVariable], !key.isEmpty else { throw .missing(variable: apiKeyVariable) }
        guard let secret = env[secretVariable], !secret.isEmpty else { throw .missing(variable: secretVariable) }
        return BinanceCredentials(apiKey: key, secret: secret)
    }

    /// What `redact(_:)` puts in place of a credential.
    public static let redaction = "<redacted>"

    /// `text` with the API key and the secret replaced by `<redacted>` wherever they occur, as
    /// they are or percent-encoded: the client passes every text that can leave it (error
    /// messages, response bodies, log metadata) through this, so a venue or a proxy that echoes
    /// the `X-MBX-APIKEY` header cannot carry the key to stderr, a log or the journal.
    public func redact(_ text: String) -> String {
        var forms: [String] = []
        for credential in [apiKey, secret] where !credential.isEmpty {
            forms.append(credential)
            if let encoded = credential.addingPercentEncoding(withAllowedCharacters: .alphanumerics),
                encoded != credential
            {
                forms.append(encoded)
            }
        }
        // Longest first, so that a credential inside another is not left half replaced.
        var result = text
        for form in forms.sorted(by: { $0.count > $1.count }) where result.contains(form) {
            result = result.replacingOccurrences(of: form, with: Self.redaction)
        }
        return result
    }

    /// Redacted: `BinanceCredentials(apiKey: <redacted>, secret: <redacted>)`.
    public var description: String { "BinanceCredentials(apiKey: <redacted>, secret: <redacted>)" }

    public var debugDescription: String { description }
}

/// Why credentials could not be read.
public enum BinanceCredentialsError: BallastFailure, Equatable {
    /// The environment variable is unset or empty.
    case missing(variable: String)

    /// A missing setting: exit 78 (SPEC §13).
    public var exitStatus: ExitStatus { .badConfiguration }

    public var description: String {
        switch self {
        case .missing(let variable):
            "Binance credentials: environment variable \(variable) is not set (or is empty)"
        }
    }
}
