import Crypto
import Foundation

/// Signs Binance requests: HMAC-SHA256 of the exact query string (or query string followed by the
/// form body), in lowercase hex, sent as the last parameter `signature=`.
public struct BinanceSigner: Sendable {
    /// The secret's bytes (`SymmetricKey` is not `Sendable`, so the key is rebuilt per signature).
    private let secretBytes: Data

    public init(secret: String) {
        secretBytes = Data(secret.utf8)
    }

    /// The lowercase hex HMAC-SHA256 of `payload`'s UTF-8 bytes.
    public func signature(for payload: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: secretBytes))
        return mac.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// Form encoding of request parameters, in the order given (Binance signs the exact string sent).
public enum BinanceQuery {
    /// Characters left unescaped in names and values (RFC 3986 unreserved).
    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    /// `name=value&…`, percent-encoding everything but unreserved characters.
    public static func encode(_ parameters: [(String, String)]) -> String {
        parameters.map { name, value in "\(escape(name))=\(escape(value))" }.joined(separator: "&")
    }

    /// Percent-encodes one name or value.
    public static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Parses `name=value&…` (form encoding: `+` is a space), keeping order and duplicates.
    public static func decode(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(String(parts[0]))
            let value = parts.count > 1 ? unescape(String(parts[1])) : ""
            return (name, value)
        }
    }

    private static func unescape(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
