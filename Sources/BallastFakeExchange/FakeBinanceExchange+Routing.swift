import Foundation

extension FakeBinanceExchange {
    /// Answers one request and records it.
    func respond(method: String, path: String, query: String, body: String, apiKey: String?) -> FakeReply {
        var parameters: [String: String] = [:]
        for (name, value) in FakeWire.parameters(query) + FakeWire.parameters(body) { parameters[name] = value }
        let reply = route(method: method, path: path, query: query, body: body, parameters: parameters, apiKey: apiKey)
        record(
            FakeRecordedRequest(
                method: method, path: path, parameters: parameters, apiKey: apiKey, status: reply.status))
        return reply
    }

    private func route(
        method: String, path: String, query: String, body: String, parameters: [String: String], apiKey: String?
    ) -> FakeReply {
        var failAfterProcessing: Int?
        var delay = 0.0
        switch takeFault(method: method, path: path) {
        case .rateLimited(let retryAfter):
            return rateLimit(status: 429, retryAfter: retryAfter, message: "Too many requests; current limit exceeded.")
        case .ipBanned(let retryAfter):
            return rateLimit(status: 418, retryAfter: retryAfter, message: "Way too many requests; IP banned.")
        case .serverError(let status):
            return FakeReply(status: status, body: Data("Service Unavailable".utf8))
        case .orderNotFound:
            return .error(400, code: -2013, "Order does not exist.")
        case .echoAPIKey(let status, let json):
            let echo = "Rejected request with header X-MBX-APIKEY: \(apiKey ?? "(none)")"
            return json ? .error(status, code: -1000, echo) : FakeReply(status: status, body: Data(echo.utf8))
        case .garbage:
            return FakeReply(status: 200, body: Data("<html><body>502 Bad Gateway</body></html>".utf8))
        case .processThenFail(let status):
            failAfterProcessing = status
        case .slow(let seconds):
            delay = seconds
        case nil:
            break
        }
        let reply: FakeReply
        switch (method, path) {
        case ("GET", "/api/v3/time"):
            reply = .ok(["serverTime": serverTime])
        case ("GET", "/api/v3/klines"):
            reply = klinesReply(parameters)
        case ("GET", "/api/v3/exchangeInfo"):
            reply = exchangeInfoReply(parameters)
        case ("POST", "/api/v3/order"), ("GET", "/api/v3/order"), ("DELETE", "/api/v3/order"),
            ("GET", "/api/v3/openOrders"), ("GET", "/api/v3/account"), ("GET", "/api/v3/myTrades"):
            if let refusal = authenticate(query: query, body: body, parameters: parameters, apiKey: apiKey) {
                reply = refusal
            } else if path == "/api/v3/account" {
                reply = accountReply(parameters)
            } else if path == "/api/v3/myTrades" {
                reply = myTradesReply(parameters)
            } else {
                reply = orderReply(method: method, path: path, parameters)
            }
        default:
            reply = .error(404, code: -1000, "Unknown path \(method) \(path).")
        }
        if let failAfterProcessing {
            return FakeReply(status: failAfterProcessing, body: Data("Gateway Timeout".utf8))
        }
        var answered = reply
        answered.delay = delay
        return answered
    }

    private func rateLimit(status: Int, retryAfter: Int?, message: String) -> FakeReply {
        var reply = FakeReply.error(status, code: -1003, message)
        if let retryAfter { reply.headers["Retry-After"] = String(retryAfter) }
        return reply
    }

    /// API key, signature over query + body, timestamp within `recvWindow`; nil when all pass.
    private func authenticate(query: String, body: String, parameters: [String: String], apiKey: String?)
        -> FakeReply?
    {
        guard apiKey == self.apiKey else {
            return .error(401, code: -2015, "Invalid API-key, IP, or permissions for action.")
        }
        let (queryRest, querySignature) = FakeWire.removingSignature(query)
        let (bodyRest, bodySignature) = FakeWire.removingSignature(body)
        guard let signature = querySignature ?? bodySignature, !signature.isEmpty else {
            return .error(
                400, code: -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.")
        }
        guard FakeWire.hmac(queryRest + bodyRest, secret: secret) == signature.lowercased() else {
            return .error(400, code: -1022, "Signature for this request is not valid.")
        }
        guard let timestamp = parameters["timestamp"].flatMap({ Int64($0) }) else {
            return .error(
                400, code: -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.")
        }
        let recvWindow = parameters["recvWindow"].flatMap { Int64($0) } ?? 5000
        let now = serverTime
        if timestamp >= now + 1000 {
            return .error(400, code: -1021, "Timestamp for this request was 1000ms ahead of the server's time.")
        }
        if now - timestamp > recvWindow {
            return .error(400, code: -1021, "Timestamp for this request is outside of the recvWindow.")
        }
        return nil
    }

    /// One entry per symbol asked (`symbol=`), or per symbol with rules or a price when none is.
    private func exchangeInfoReply(_ parameters: [String: String]) -> FakeReply {
        let symbols = parameters["symbol"].map { [$0] } ?? Set(symbolRules.keys).union(prices.keys).sorted()
        let entries: [[String: Any]] = symbols.map { symbol in
            [
                "symbol": symbol, "status": "TRADING", "orderTypes": orderTypes[symbol] ?? Self.defaultOrderTypes,
                "baseAsset": Self.assets(of: symbol).base, "quoteAsset": Self.assets(of: symbol).quote,
                "filters": symbolRules[symbol]?.filters ?? [],
            ]
        }
        return .ok(["timezone": "UTC", "serverTime": serverTime, "symbols": entries])
    }

    private func klinesReply(_ parameters: [String: String]) -> FakeReply {
        guard let symbol = parameters["symbol"], let bySymbol = klines[symbol] else {
            return .error(400, code: -1121, "Invalid symbol.")
        }
        guard let interval = parameters["interval"] else {
            return .error(
                400, code: -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.")
        }
        let limit = min(1000, max(1, parameters["limit"].flatMap { Int($0) } ?? 500))
        var list = bySymbol[interval] ?? []
        if let start = parameters["startTime"].flatMap({ Int64($0) }) { list = list.filter { $0.openTime >= start } }
        if let end = parameters["endTime"].flatMap({ Int64($0) }) { list = list.filter { $0.openTime <= end } }
        let hasStart = parameters["startTime"] != nil
        let page = hasStart ? Array(list.prefix(limit)) : Array(list.suffix(limit))
        let rows: [[Any]] = page.map { k in
            [
                k.openTime, FakeWire.decimal(k.open), FakeWire.decimal(k.high), FakeWire.decimal(k.low),
                FakeWire.decimal(k.close), FakeWire.decimal(k.volume), k.closeTime,
                FakeWire.decimal(k.volume * k.close), 10, FakeWire.decimal(k.volume / 2),
                FakeWire.decimal(k.volume * k.close / 2), "0",
            ]
        }
        return .ok(rows)
    }
}
