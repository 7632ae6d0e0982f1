import Foundation

/// What went wrong talking to Binance, after the client's retries.
///
/// Invariant: no case carries or prints credentials. Messages are the exchange's own text, with the
/// API key and secret redacted by `BinanceRESTClient` (`redactingText(_:)`) before an error leaves it.
public enum BinanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An error payload `{"code":…,"msg":"…"}` with its HTTP status.
    case api(httpStatus: Int, code: Int, message: String)
    /// HTTP 429 (too many requests) or 418 (IP banned) after the client's attempts ran out.
    case rateLimited(httpStatus: Int, retryAfterSeconds: Double?)
    /// An HTTP error without a Binance error payload.
    case http(status: Int, body: String)
    /// No response: connection refused, timeout, DNS failure…
    case transport(String)
    /// A response that could not be decoded (malformed or truncated JSON, a proxy's error page):
    /// transient, like a 5xx, since the next answer may well be fine.
    case invalidResponse(String)
    /// A request the client could not even build (a base URL that makes no URL): not retried.
    case invalidRequest(String)
    /// A signed endpoint was called on a client built without credentials.
    case missingCredentials

    /// `-1021`: the request's timestamp is outside the server's `recvWindow`.
    public static let clockSkewCode = -1021
    /// `-1022`: the signature does not match (wrong secret, or altered parameters).
    public static let badSignatureCode = -1022
    /// `-1013`: an order failed one of the symbol's filters ("Filter failure: LOT_SIZE", …).
    public static let filterRejectedCode = -1013
    /// `-2010`: a new order was rejected.
    public static let newOrderRejectedCode = -2010
    /// `-2011`: a cancel was rejected (unknown or already final order).
    public static let cancelRejectedCode = -2011
    /// `-2013`: the order does not exist.
    public static let unknownOrderCode = -2013
    /// Binance's message for a client order id that is already in use by an open order.
    public static let duplicateOrderMessage = "Duplicate order sent."

    /// The Binance error code, when the exchange sent one.
    public var code: Int? {
        if case .api(_, let code, _) = self { return code }
        return nil
    }

    /// True for failures worth retrying later: transport errors, 5xx, rate limits and answers that
    /// could not be decoded (issue 16: one garbled answer must not end a run that holds positions).
    public var isTransient: Bool {
        switch self {
        case .transport, .rateLimited, .invalidResponse: true
        case .api(let status, _, _), .http(let status, _): status >= 500
        case .invalidRequest, .missingCredentials: false
        }
    }

    public var description: String {
        switch self {
        case .api(_, Self.badSignatureCode, let message):
            "Binance rejected the request signature (code -1022: \(message)); check that "
                + "\(BinanceCredentials.secretVariable) is the secret of \(BinanceCredentials.apiKeyVariable)"
        case .api(_, Self.clockSkewCode, let message):
            "Binance rejected the request timestamp (code -1021: \(message)); the local clock is off"
        case .api(let status, let code, let message):
            "Binance error \(code) (HTTP \(status)): \(message)"
        case .rateLimited(let status, let retryAfter):
            "Binance rate limit (HTTP \(status)\(status == 418 ? ", IP banned" : ""))"
                + (retryAfter.map { ", retry after \($0) s" } ?? "")
        case .http(let status, let body):
            "Binance HTTP \(status): \(body.prefix(200))"
        case .transport(let message):
            "Binance transport error: \(message)"
        case .invalidResponse(let message):
            "Binance response not understood: \(message)"
        case .invalidRequest(let message):
            "Binance request not built: \(message)"
        case .missingCredentials:
            "Binance signed endpoint called without credentials"
        }
    }

    /// The same error with every text it carries (message, body) passed through `redact`.
    public func redactingText(_ redact: (String) -> String) -> BinanceError {
        switch self {
        case .api(let status, let code, let message): .api(httpStatus: status, code: code, message: redact(message))
        case .http(let status, let body): .http(status: status, body: redact(body))
        case .transport(let message): .transport(redact(message))
        case .invalidResponse(let message): .invalidResponse(redact(message))
        case .invalidRequest(let message): .invalidRequest(redact(message))
        case .rateLimited, .missingCredentials: self
        }
    }

    /// Parses an error response: the `{"code","msg"}` payload when present, else `.http`.
    static func from(status: Int, body: Data) -> BinanceError {
        struct Payload: Decodable {
            var code: Int
            var msg: String
        }
        if let payload = try? JSONDecoder().decode(Payload.self, from: body) {
            return .api(httpStatus: status, code: payload.code, message: payload.msg)
        }
        return .http(status: status, body: String(decoding: body, as: UTF8.self))
    }
}
