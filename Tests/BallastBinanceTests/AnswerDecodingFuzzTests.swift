import BallastBinance
import BallastCore
import BallastTestKit
import Foundation
import Logging
import Testing

/// Issue 16 item 5: what Binance answers is untrusted input. Mutated answers to the klines, order,
/// open-orders and exchange-information requests, as a 200 and as an error status, never crash or
/// hang the client; every failure is a `BinanceError` with a message. `BALLAST_FUZZ_ITERATIONS`
/// sets the inputs (docs/RELIABILITY.md).
@Suite("Fuzz: the Binance client's decoding of answers")
struct AnswerDecodingFuzzTests {
    /// Answers every request with one fixed response.
    struct FixedTransport: HTTPTransport {
        let response: BinanceHTTPResponse
        func send(_ request: BinanceHTTPRequest) async throws -> BinanceHTTPResponse { response }
    }

    static let order = #"""
        {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"bl1-e0-1700000000",\#
        "transactTime":1507725176595,"price":"0.00000000","origQty":"10.00000000","executedQty":"10.00000000",\#
        "cummulativeQuoteQty":"10.00000000","status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL",\#
        "workingTime":1507725176595,"selfTradePreventionMode":"NONE","fills":[{"price":"4000.00000000",\#
        "qty":"1.00000000","commission":"4.00000000","commissionAsset":"USDT","tradeId":56}]}
        """#
    static let seeds = [
        #"[[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"#
            + #""2434.19055334",308,"1756.87402397","28.46694368","0"],[1499644800000,"1","2","0.5","1.5","10","#
            + #"1499731199999,"15",3,"5","7.5","0"]]"#,
        order,
        "[" + order + "," + order.replacingOccurrences(of: "FILLED", with: "PARTIALLY_FILLED") + "]",
        #"{"timezone":"UTC","serverTime":1565246363776,"symbols":[{"symbol":"BTCUSDT","status":"TRADING","#
            + #""filters":[{"filterType":"PRICE_FILTER","minPrice":"0.01","maxPrice":"1000000","tickSize":"0.01"},"#
            + #"{"filterType":"LOT_SIZE","minQty":"0.00001","maxQty":"9000","stepSize":"0.00001"},"#
            + #"{"filterType":"MARKET_LOT_SIZE","minQty":"0","maxQty":"100","stepSize":"0"},"#
            + #"{"filterType":"NOTIONAL","minNotional":"5","applyMinToMarket":true,"maxNotional":"9000000","#
            + #""applyMaxToMarket":false,"avgPriceMins":5},{"filterType":"MIN_NOTIONAL","minNotional":"10","#
            + #""applyToMarket":true}]}]}"#,
        #"{"code":-2010,"msg":"Account has insufficient balance for requested action."}"#,
        #"{"code":-2013,"msg":"Order does not exist."}"#,
        #"{"serverTime":1499827319559}"#,
    ]
    static let dictionary = [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "null", "true", "false", "-", "0", "1e999", "\"NaN\"", "\"-1\"",
        "\"1e400\"", "\"\"", "\"FILLED\"", "\"NEW\"", "\"CANCELED\"", "\"EXPIRED\"", "\"REJECTED\"", "\"fills\":[",
        "\"code\":", "\"msg\":", "9223372036854775808", "-9223372036854775809", "\"filterType\":\"LOT_SIZE\"",
        "\"stepSize\":\"0\"", "\"symbol\":\"BTCUSDT\"", "<html>", String(repeating: "[", count: 600),
    ]
    /// Statuses an answer comes with: success, the client errors Binance sends, a server error.
    static let statuses = [200, 200, 200, 400, 404, 418, 429, 503]

    static func outcome(_ body: () async throws -> Void) async -> FuzzOutcome {
        do {
            try await body()
            return .accepted
        } catch let error as BinanceError {
            return .rejected(named: true, message: error.description)
        } catch {
            return .rejected(named: false, message: "\(type(of: error)): \(error)")
        }
    }

    @Test("mutated answers: no crash, no hang, every failure a BinanceError with a message")
    func decodingSurvivesMutations() async {
        var fuzzer = SeededFuzzer(seeds: Self.seeds, dictionary: Self.dictionary, seed: 0xB1_7A7C)
        var pick = SeededFuzzer(seeds: ["x"], dictionary: [], seed: 7)
        let credentials = BinanceCredentials(apiKey: "fuzz-key-0000000000000001", secret: "fuzz-secret-000000000002")
        let url = URL(string: "http://127.0.0.1:9")!
        let tally = await fuzzer.run(target: "Binance answers", iterations: SeededFuzzer.iterations(default: 2_000)) {
            input in
            let status = Self.statuses[pick.below(Self.statuses.count)]
            let headers = status == 418 || status == 429 ? ["Retry-After": "0"] : [:]
            let client = BinanceRESTClient(
                baseURL: url, credentials: credentials,
                transport: FixedTransport(
                    response: BinanceHTTPResponse(status: status, headers: headers, body: Data(input))),
                retryPolicy: BinanceRetryPolicy(maxAttempts: 1), clock: { 1_700_000_000_000 }, sleeper: { _ in },
                logger: Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() })
            switch pick.below(6) {
            case 0: return await Self.outcome { _ = try await client.klines(symbol: "BTCUSDT", interval: .oneHour) }
            case 1:
                return await Self.outcome {
                    _ = try await client.newOrder(symbol: "BTCUSDT", side: .buy, quantity: 1, clientOrderID: "bl1-e0-1")
                }
            case 2:
                return await Self.outcome {
                    _ = try await client.queryOrder(symbol: "BTCUSDT", origClientOrderId: "bl1-e0-1")?.execution
                }
            case 3: return await Self.outcome { _ = try await client.openOrders(symbol: "BTCUSDT").map(\.execution) }
            case 4: return await Self.outcome { _ = try await client.symbolRules(symbol: "BTCUSDT") }
            default: return await Self.outcome { _ = try await client.serverTime() }
            }
        }
        print(tally)
        #expect(tally.badRejections.isEmpty, "\(tally.badRejections.prefix(5))")
        #expect(tally.slowest < 2, "an input took \(tally.slowest) s")
        #expect(tally.rejected > 0 && tally.accepted > 0)
    }
}
