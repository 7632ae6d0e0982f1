import BallastCore
import FlyingFox
import Foundation

/// A Binance spot REST exchange on 127.0.0.1 for tests: `GET /api/v3/time`, `GET /api/v3/klines`,
/// `POST|GET|DELETE /api/v3/order` and `GET /api/v3/openOrders`, in Binance's documented formats.
///
/// Signed endpoints check `X-MBX-APIKEY` (-2015, HTTP 401), the HMAC-SHA256 signature over the exact
/// query string followed by the form body (-1022, HTTP 400) and `timestamp` against the exchange's
/// clock and `recvWindow` (-1021, HTTP 400). MARKET orders fill at the symbol's price, as scripted
/// (`scriptOrder`), or are rejected (`scriptRejection`, -2010); unknown client ids answer -2013 on
/// query and -2011 on cancel. Faults (429, 418, 5xx, lost responses, slow answers) are scripted with
/// `scriptFaults`, or drawn for every request by a seeded `FakeFaultSchedule` (a chaos run). Every request is recorded in `requests`.
///
/// Start with `start()` (returns the base URL, port chosen by the OS), stop with `stop()`.
public actor FakeBinanceExchange {
    public nonisolated let apiKey: String
    nonisolated let secret: String
    private let clock: @Sendable () -> Int64
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    /// `http://127.0.0.1:PORT` once started.
    public private(set) var baseURL: URL?

    /// Added to the clock (ms): the exchange's time is `clock() + clockSkew`.
    public private(set) var clockSkew: Int64 = 0
    /// Every request received, oldest first.
    public private(set) var requests: [FakeRecordedRequest] = []
    var klines: [String: [String: [FakeKline]]] = [:]
    var prices: [String: Double] = [:]
    /// Fill price for symbols without their own.
    public private(set) var defaultPrice: Double = 100
    public private(set) var commissionRate: Double = 0.001
    public private(set) var commissionAsset: String = "USDT"
    var scripts: [String: [FakeOrderState]] = [:]
    var rejections: [String: String] = [:]
    var faults: [(fault: FakeFault, method: String?, path: String?)] = []
    /// Faults drawn for requests no scripted fault matched (a chaos run), and how many of each kind.
    var faultSchedule: FakeFaultSchedule?
    var injectedFaults: [FakeFaultSchedule.Kind: Int] = [:]
    /// How many orders were placed under each client id (more than one: a duplicate order).
    var placements: [String: Int] = [:]
    /// Filters per symbol; a symbol without an entry is served with none.
    var symbolRules: [String: FakeSymbolRules] = [:]
    /// `orderTypes` per symbol in exchangeInfo; a symbol without an entry lists `defaultOrderTypes`.
    var orderTypes: [String: [String]] = [:]
    /// When true, a sell larger than the base asset's free balance (total less what resting stop
    /// orders lock) is rejected, as Binance does: a double sell shows.
    var checksFreeBalance = false
    /// Per symbol: the price it moves to once this many stop orders were placed on it (a test hook).
    var stopPriceMoves: [String: (afterPlacements: Int, price: Double)] = [:]
    var orders: [String: FakeOrder] = [:]
    /// What the account held before any order (`setBalance`).
    var startingBalances: [String: Double] = [:]
    var nextOrderId: Int64 = 1

    /// - Parameter clock: the exchange's time in milliseconds since the epoch.
    public init(
        apiKey: String, secret: String,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.apiKey = apiKey
        self.secret = secret
        self.clock = clock
    }

    /// The exchange's time in milliseconds.
    public var serverTime: Int64 { clock() + clockSkew }

    // MARK: Lifecycle

    /// Listens on 127.0.0.1 with an OS-chosen port; returns the base URL.
    @discardableResult
    public func start() async throws -> URL {
        if let baseURL { return baseURL }
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 15, logger: .disabled,
            handler: FakeBinanceHandler(exchange: self))
        self.server = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 30)
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw URLError(.cannotConnectToHost)
        }
        let url = URL(string: "http://127.0.0.1:\(port)")!
        baseURL = url
        return url
    }

    /// Stops listening and closes connections.
    public func stop() async {
        await server?.stop(timeout: 0)
        serverTask?.cancel()
        server = nil
        serverTask = nil
        baseURL = nil
    }

    // MARK: Scripting

    /// Adds klines for `symbol` and `timeframe` (kept sorted by open time; same open time replaces).
    public func seedKlines(symbol: String, timeframe: Timeframe, _ new: [FakeKline]) {
        let interval = timeframe == .oneMonth ? "1M" : timeframe.rawValue
        var list = klines[symbol, default: [:]][interval, default: []]
        let opens = Set(new.map(\.openTime))
        list.removeAll { opens.contains($0.openTime) }
        list += new
        list.sort { $0.openTime < $1.openTime }
        klines[symbol, default: [:]][interval] = list
    }

    /// MARKET orders on `symbol` fill at `price`.
    /// Resting `STOP_LOSS` orders the new price trades through are triggered and fill at it
    /// (FakeBinanceExchange+Stops).
    public func setPrice(_ price: Double, symbol: String) {
        prices[symbol] = price
        triggerStops(symbol: symbol)
    }

    /// Serves these filters for `symbol` in exchangeInfo and rejects orders that fail them.
    public func setSymbolRules(_ rules: FakeSymbolRules, symbol: String) { symbolRules[symbol] = rules }

    /// Fill price for symbols without their own (100 unless set).
    public func setDefaultPrice(_ price: Double) { defaultPrice = price }

    /// Fee per fill: `rate` × quote quantity, reported in `asset`.
    public func setCommission(rate: Double, asset: String) {
        commissionRate = rate
        commissionAsset = asset
    }

    /// Moves the exchange's clock by `milliseconds` (for timestamp-skew tests).
    public func setClockSkew(_ milliseconds: Int64) { clockSkew = milliseconds }

    /// The order with this client id goes through `states`: the first at submission, the next at each
    /// status query (the last one stays). Unscripted orders are `FILLED` at once.
    public func scriptOrder(clientOrderID: String, states: [FakeOrderState]) {
        scripts[clientOrderID] = states.isEmpty ? [.filled] : states
    }

    /// A new order with this client id is rejected with -2010 and `message`.
    public func scriptRejection(clientOrderID: String, message: String) { rejections[clientOrderID] = message }

    /// The next requests matching `method` and `path` (nil: any) get these faults, one each, in order.
    public func scriptFaults(_ new: [FakeFault], method: String? = nil, path: String? = nil) {
        faults += new.map { (fault: $0, method: method, path: path) }
    }

    /// Recorded requests with this method and path.
    public func requests(method: String, path: String) -> [FakeRecordedRequest] {
        requests.filter { $0.method == method && $0.path == path }
    }

    /// Forgets recorded requests.
    public func clearRequests() { requests = [] }

    func record(_ request: FakeRecordedRequest) { requests.append(request) }

    /// Takes the first scripted fault matching the request, if any.
    func takeFault(method: String, path: String) -> FakeFault? {
        guard
            let index = faults.firstIndex(where: { entry in
                (entry.method == nil || entry.method == method) && (entry.path == nil || entry.path == path)
            })
        else { return scheduledFault(path: path) }
        return faults.remove(at: index).fault
    }
}

/// FlyingFox handler: reads the body, then lets the actor answer.
struct FakeBinanceHandler: HTTPHandler {
    let exchange: FakeBinanceExchange

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try await request.bodyData
        let reply = await exchange.respond(
            method: request.method.rawValue, path: request.path, query: request.target.query(percentEncoded: true),
            body: String(decoding: body, as: UTF8.self), apiKey: request.headers[HTTPHeader("X-MBX-APIKEY")])
        if reply.delay > 0 { try await Task.sleep(nanoseconds: UInt64(reply.delay * 1_000_000_000)) }
        var headers = HTTPHeaders()
        headers[.contentType] = "application/json;charset=UTF-8"
        for (name, value) in reply.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(
            statusCode: HTTPStatusCode(reply.status, phrase: "Status"), headers: headers, body: reply.body)
    }
}

/// What the exchange answers.
struct FakeReply: Sendable {
    var status: Int
    var headers: [String: String] = [:]
    var body: Data
    /// Seconds to wait before the answer is sent (a slow answer).
    var delay: Double = 0

    static func ok(_ object: Any) -> FakeReply { FakeReply(status: 200, body: FakeWire.json(object)) }

    static func error(_ status: Int, code: Int, _ message: String) -> FakeReply {
        FakeReply(status: status, body: FakeWire.error(code: code, message: message))
    }
}
