import BallastCore

/// A kline seeded into the fake exchange. Times in milliseconds since the epoch.
public struct FakeKline: Sendable, Equatable {
    public var openTime: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double
    /// The kline's last millisecond (`openTime + interval − 1`).
    public var closeTime: Int64

    public init(
        openTime: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double, closeTime: Int64
    ) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.closeTime = closeTime
    }

    /// A kline of `timeframe` opening at `openSeconds`, with Binance's close time.
    public init(
        openSeconds: Int64, timeframe: Timeframe, open: Double, high: Double, low: Double, close: Double,
        volume: Double = 1
    ) {
        self.init(
            openTime: openSeconds * 1000, open: open, high: high, low: low, close: close, volume: volume,
            closeTime: (openSeconds + timeframe.nominalSeconds) * 1000 - 1)
    }
}

/// One step of a scripted order: the state at submission, then one per status query.
public enum FakeOrderState: Sendable, Equatable {
    case new
    /// This fraction (0…1) of the quantity is filled.
    case partiallyFilled(Double)
    case filled
    case canceled
    case expired

    var filledFraction: Double {
        switch self {
        case .new, .canceled, .expired: 0
        case .partiallyFilled(let fraction): fraction
        case .filled: 1
        }
    }

    var binanceStatus: String {
        switch self {
        case .new: "NEW"
        case .partiallyFilled: "PARTIALLY_FILLED"
        case .filled: "FILLED"
        case .canceled: "CANCELED"
        case .expired: "EXPIRED"
        }
    }
}

/// A scripted failure, answered to the next matching request instead of (or after) its handling.
public enum FakeFault: Sendable, Equatable {
    /// HTTP 429, code -1003, with `Retry-After` when given.
    case rateLimited(retryAfter: Int?)
    /// HTTP 418 (IP banned), code -1003, with `Retry-After` when given.
    case ipBanned(retryAfter: Int?)
    /// An HTTP 5xx without a Binance payload; the request is not processed.
    case serverError(status: Int)
    /// The request is processed (an order is placed) but the answer is this 5xx: a lost response.
    case processThenFail(status: Int)
    /// -2013 "Order does not exist." (HTTP 400) without processing: a query that lags behind a
    /// just-placed order.
    case orderNotFound
    /// An error answer that echoes the request's `X-MBX-APIKEY` header, as a misbehaving venue or
    /// proxy might: a `{"code":-1000,"msg":…}` payload when `json`, else a plain-text body. The
    /// request is not processed.
    case echoAPIKey(status: Int, json: Bool)
    /// The request is processed, then answered after `seconds` (a slow answer; past the client's
    /// timeout, the client has given up by then: for an order, a lost response).
    case slow(seconds: Double)
    /// HTTP 200 with a body that is not JSON (a proxy's error page, a truncated answer); the
    /// request is not processed.
    case garbage
}

/// A request the fake exchange received.
public struct FakeRecordedRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    /// Query-string and form-body parameters together (the later wins on a repeated name).
    public var parameters: [String: String]
    /// The `X-MBX-APIKEY` header.
    public var apiKey: String?
    /// The HTTP status answered.
    public var status: Int
}
