import Crypto
import Foundation

/// Parsing and signing helpers of the fake exchange, written independently of the client's.
enum FakeWire {
    /// `name=value&…` into pairs (form decoding: `+` is a space).
    static func parameters(_ text: String) -> [(String, String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The text without its `signature=` parameter, and that parameter's value.
    static func removingSignature(_ text: String) -> (rest: String, signature: String?) {
        var kept: [Substring] = []
        var signature: String?
        for pair in text.split(separator: "&", omittingEmptySubsequences: false) {
            if pair.hasPrefix("signature=") {
                signature = String(pair.dropFirst("signature=".count))
            } else {
                kept.append(pair)
            }
        }
        return (kept.joined(separator: "&"), signature)
    }

    /// Lowercase hex HMAC-SHA256.
    static func hmac(_ payload: String, secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// A decimal as Binance prints it (8 fraction digits).
    static func decimal(_ value: Double) -> String { String(format: "%.8f", value) }

    /// JSON bytes of a dictionary or array.
    static func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// Binance's error payload.
    static func error(code: Int, message: String) -> Data {
        json(["code": code, "msg": message])
    }
}
