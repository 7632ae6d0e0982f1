import BallastCore
import BallastPorts
import Foundation
import Logging

/// Binance's spot REST API (`/api/v3`): server time, klines and MARKET orders.
///
/// Every request goes through one retry loop:
/// - transport errors (no connection, the transport's deadline passed), HTTP 5xx and a 2xx whose body
///   does not decode (malformed JSON, a proxy's page): retried with capped exponential backoff
///   (`retryPolicy`), then thrown as a transient `BinanceError`;
/// - HTTP 429 and 418 (IP ban): wait `Retry-After` seconds when sent (as sent, uncapped), else the
///   backoff, then retry; both count as attempts;
/// - `-1021` (timestamp outside `recvWindow`): resynchronise the server-time offset from
///   `GET /api/v3/time` and retry once;
/// - any other 4xx (`-1022` bad signature among them): thrown at once as `BinanceError.api`.
///
/// `newOrder` is the exception: after a transport error, a 5xx or an undecodable answer its outcome is
/// unknown (the order
/// may have been placed), so it throws instead of posting again; `BinanceSpotVenue.submit` then
/// queries the client order id before any resubmission. Rate-limit and `-1021` answers are retried
/// (Binance rejected those requests before processing them).
///
/// Invariants: signed requests carry `timestamp` = injected clock + server-time offset and
/// `recvWindow`, then `signature` last; the API key travels only in `X-MBX-APIKEY`; neither the
/// key nor the secret is logged, nor is either in any error the client throws, even when the venue
/// echoes them back (its text is redacted first).
public actor BinanceRESTClient {
    /// Production REST endpoint.
    public static let production = URL(string: "https://api.binance.com")!
    /// Spot test network.
    public static let testnet = URL(string: "https://testnet.binance.vision")!

    public nonisolated let baseURL: URL
    public nonisolated let retryPolicy: BinanceRetryPolicy
    /// Milliseconds the server may accept a signed request after its timestamp.
    public nonisolated let recvWindow: Int
    private let credentials: BinanceCredentials?
    private let signer: BinanceSigner?
    private let transport: any HTTPTransport
    private let clock: @Sendable () -> Int64
    private let sleeper: BinanceSleeper
    private let logger: Logger
    /// Server time minus local time, in milliseconds (added to the clock for `timestamp`).
    public private(set) var serverTimeOffset: Int64 = 0

    /// - Parameters:
    ///   - clock: local time in milliseconds since the epoch.
    ///   - sleeper: every backoff and `Retry-After` wait goes through it.
    public init(
        baseURL: URL = BinanceRESTClient.production, credentials: BinanceCredentials?,
        transport: any HTTPTransport = AsyncHTTPClientTransport(),
        retryPolicy: BinanceRetryPolicy = BinanceRetryPolicy(),
        recvWindow: Int = 5000, clock: @escaping @Sendable () -> Int64 = BinanceSystem.milliseconds,
        sleeper: @escaping BinanceSleeper = BinanceSystem.sleeper,
        logger: Logger = Logger(label: "ballast.binance")
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.signer = credentials.map { BinanceSigner(secret: $0.secret) }
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.recvWindow = recvWindow
        self.clock = clock
        self.sleeper = sleeper
        self.logger = logger
    }

    // MARK: Endpoints

    /// `GET /api/v3/time`: the server's time in milliseconds.
    public func serverTime() async throws -> Int64 {
        struct ServerTime: Decodable { var serverTime: Int64 }
        return try await send(method: "GET", path: "/api/v3/time", parameters: [], signed: false) {
            try decode(ServerTime.self, $0, what: "server time")
        }.serverTime
    }

    /// Sets `serverTimeOffset` from `GET /api/v3/time` (against the midpoint of the round trip).
    public func synchronizeClock() async throws {
        let before = clock()
        let server = try await serverTime()
        let after = clock()
        serverTimeOffset = server - (before + after) / 2
        logger.info("Binance server time offset resynchronised", metadata: ["offset_ms": "\(serverTimeOffset)"])
    }

    /// `GET /api/v3/klines` (public): klines opening at or after `startTime` (ms), oldest first, at
    /// most `limit` (Binance caps it at 1000). Without `startTime`, the latest `limit` klines,
    /// including the one still forming.
    public func klines(symbol: String, interval: Timeframe, startTime: Int64? = nil, limit: Int = 500)
        async throws -> [BinanceKline]
    {
        var parameters = [("symbol", symbol), ("interval", interval.binanceInterval)]
        if let startTime { parameters.append(("startTime", String(startTime))) }
        parameters.append(("limit", String(limit)))
        return try await send(method: "GET", path: "/api/v3/klines", parameters: parameters, signed: false) {
            try BinanceKline.parse($0)
        }
    }

    /// `GET /api/v3/exchangeInfo?symbol=` (public): the symbol's filters, nil when Binance does not
    /// list the symbol.
    public func symbolRules(symbol: String) async throws -> BinanceSymbolRules? {
        try await send(method: "GET", path: "/api/v3/exchangeInfo", parameters: [("symbol", symbol)], signed: false) {
            do {
                return try BinanceSymbolRules.parse(exchangeInfo: $0, symbol: symbol)
            } catch {
                throw BinanceError.invalidResponse("exchange info: \(error)")
            }
        }
    }

    /// `POST /api/v3/order` (signed): a MARKET order with a client order id and a `FULL` response,
    /// or with `stopPrice` a `STOP_LOSS` order (a MARKET order Binance triggers when the price trades
    /// at the stop; it rests as `NEW` until then). A rejection throws `BinanceError.api` with code
    /// `-2010`.
    public func newOrder(
        symbol: String, side: OrderAction, quantity: Double, clientOrderID: String, stopPrice: Double? = nil
    ) async throws -> BinanceOrder {
        var parameters = [
            ("symbol", symbol), ("side", side.rawValue.uppercased()),
            ("type", stopPrice == nil ? "MARKET" : "STOP_LOSS"),
            ("quantity", BinanceDecimal.format(quantity)),
        ]
        if let stopPrice { parameters.append(("stopPrice", BinanceDecimal.format(stopPrice))) }
        parameters += [("newClientOrderId", clientOrderID), ("newOrderRespType", "FULL")]
        return try await send(
            method: "POST", path: "/api/v3/order", parameters: parameters, signed: true, retriesUnknownOutcome: false
        ) { try decode(BinanceOrder.self, $0, what: "new order") }
    }

    /// `GET /api/v3/order` (signed): the order with this client id, nil when Binance answers
    /// `-2013` (order does not exist).
    public func queryOrder(symbol: String, origClientOrderId: String) async throws -> BinanceOrder? {
        let parameters = [("symbol", symbol), ("origClientOrderId", origClientOrderId)]
        do {
            return try await send(method: "GET", path: "/api/v3/order", parameters: parameters, signed: true) {
                try decode(BinanceOrder.self, $0, what: "order")
            }
        } catch let error as BinanceError where error.code == BinanceError.unknownOrderCode {
            return nil
        }
    }

    /// `GET /api/v3/myTrades?symbol=&orderId=` (signed): the trades of one order, with their fees.
    public func myTrades(symbol: String, orderId: Int64) async throws -> [BinanceTrade] {
        let parameters = [("symbol", symbol), ("orderId", String(orderId))]
        return try await send(method: "GET", path: "/api/v3/myTrades", parameters: parameters, signed: true) {
            try decode([BinanceTrade].self, $0, what: "trades")
        }
    }

    /// `GET /api/v3/openOrders` (signed): open orders on `symbol`, or on every symbol when nil.
    public func openOrders(symbol: String?) async throws -> [BinanceOrder] {
        let parameters = symbol.map { [("symbol", $0)] } ?? []
        return try await send(method: "GET", path: "/api/v3/openOrders", parameters: parameters, signed: true) {
            try decode([BinanceOrder].self, $0, what: "open orders")
        }
    }

    /// `GET /api/v3/account` (signed, `omitZeroBalances=true`): the account's balances, free +
    /// locked per asset.
    public func balances() async throws -> [String: Double] {
        return try await send(
            method: "GET", path: "/api/v3/account", parameters: [("omitZeroBalances", "true")], signed: true
        ) { try decode(BinanceAccount.self, $0, what: "account").totals }
    }

    /// `DELETE /api/v3/order` (signed): cancels the order with this client id. An unknown or
    /// already final order throws `BinanceError.api` with code `-2011`.
    public func cancelOrder(symbol: String, origClientOrderId: String) async throws -> BinanceOrder {
        let parameters = [("symbol", symbol), ("origClientOrderId", origClientOrderId)]
        return try await send(method: "DELETE", path: "/api/v3/order", parameters: parameters, signed: true) {
            try decode(BinanceOrder.self, $0, what: "cancel")
        }
    }

    // MARK: Transport, signing, retries

    /// - Parameters:
    ///   - retriesUnknownOutcome: whether transport errors, 5xx and undecodable answers are retried
    ///     (false for requests that must not run twice).
    ///   - decode: turns a 2xx body into the answer; a throw is an undecodable answer.
    private func send<Answer>(
        method: String, path: String, parameters: [(String, String)], signed: Bool, retriesUnknownOutcome: Bool = true,
        decode: (Data) throws -> Answer
    ) async throws -> Answer {
        var attempt = 0
        var resynchronised = false
        while true {
            attempt += 1
            let request = try makeRequest(method: method, path: path, parameters: parameters, signed: signed)
            let response: BinanceHTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as CancellationError {
                throw error
            } catch {
                let failure = redacted((error as? BinanceError) ?? .transport(String(describing: error)))
                guard retriesUnknownOutcome else { throw failure }
                try await backOff(after: attempt, failure: failure, path: path, wait: nil)
                continue
            }
            switch response.status {
            case 200..<300:
                do {
                    return try decode(response.body)
                } catch {
                    let failure = redacted(
                        (error as? BinanceError) ?? .invalidResponse("\(path): \(String(describing: error))"))
                    guard retriesUnknownOutcome else { throw failure }
                    try await backOff(after: attempt, failure: failure, path: path, wait: nil)
                }
            case 418, 429:
                let retryAfter = response.header("Retry-After").flatMap {
                    Double($0.trimmingCharacters(in: .whitespaces))
                }
                let failure = BinanceError.rateLimited(httpStatus: response.status, retryAfterSeconds: retryAfter)
                try await backOff(after: attempt, failure: failure, path: path, wait: retryAfter)
            case 500...:
                let failure = redacted(.from(status: response.status, body: response.body))
                guard retriesUnknownOutcome else { throw failure }
                try await backOff(after: attempt, failure: failure, path: path, wait: nil)
            default:
                let failure = redacted(.from(status: response.status, body: response.body))
                if failure.code == BinanceError.clockSkewCode, signed, !resynchronised {
                    resynchronised = true
                    logger.warning("Binance timestamp rejected (-1021); resynchronising", metadata: ["path": "\(path)"])
                    try await synchronizeClock()
                    continue
                }
                throw failure
            }
        }
    }

    /// Waits before the next attempt, or throws `failure` when the attempts are used up.
    private func backOff(after attempt: Int, failure: BinanceError, path: String, wait: Double?) async throws {
        guard attempt < retryPolicy.maxAttempts else {
            logger.error(
                "Binance request failed after \(attempt) attempts",
                metadata: ["path": "\(path)", "error": "\(failure)"])
            throw failure
        }
        let seconds = wait ?? retryPolicy.backoff(afterAttempt: attempt)
        logger.warning(
            "Binance request failed; retrying",
            metadata: ["path": "\(path)", "attempt": "\(attempt)", "wait_s": "\(seconds)", "error": "\(failure)"])
        try await sleeper(seconds)
    }

    private func makeRequest(method: String, path: String, parameters: [(String, String)], signed: Bool) throws
        -> BinanceHTTPRequest
    {
        var headers: [String: String] = [:]
        var query = BinanceQuery.encode(parameters)
        if signed {
            guard let credentials, let signer else { throw BinanceError.missingCredentials }
            let timestamp = clock() + serverTimeOffset
            let signedParameters = parameters + [("recvWindow", String(recvWindow)), ("timestamp", String(timestamp))]
            query = BinanceQuery.encode(signedParameters)
            query += "&signature=" + signer.signature(for: query)
            headers["X-MBX-APIKEY"] = credentials.apiKey
        }
        var body: Data?
        var urlText = baseURL.absoluteString.trimmingSuffix("/") + path
        if method == "POST" {
            body = Data(query.utf8)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        } else if !query.isEmpty {
            urlText += "?" + query
        }
        guard let url = URL(string: urlText) else { throw BinanceError.invalidRequest("bad URL for \(path)") }
        return BinanceHTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    private nonisolated func decode<T: Decodable>(_ type: T.Type, _ body: Data, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            throw BinanceError.invalidResponse("\(what): \(error)")
        }
    }

    /// `error` with the key and secret taken out of its text (`BinanceCredentials.redact`): every
    /// error the client throws or logs passes through here, whatever the venue answered.
    private func redacted(_ error: BinanceError) -> BinanceError {
        guard let credentials else { return error }
        return error.redactingText(credentials.redact)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
