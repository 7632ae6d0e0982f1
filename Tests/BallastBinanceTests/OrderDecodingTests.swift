import BallastBinance
import BallastEngine
import Foundation
import Testing

@Suite struct OrderDecodingTests {
    func order(status: String, executed: String = "0.5", quote: String = "50", fills: String = "") throws
        -> BinanceOrder
    {
        let json = """
            {"symbol":"ETHBTC","orderId":7,"clientOrderId":"c1","status":"\(status)","origQty":"1.00000000",
             "executedQty":"\(executed)","cummulativeQuoteQty":"\(quote)","side":"SELL"\(fills)}
            """
        return try JSONDecoder().decode(BinanceOrder.self, from: Data(json.utf8))
    }

    @Test(arguments: [
        ("NEW", VenueOrderStatus.new), ("PARTIALLY_FILLED", .partiallyFilled), ("FILLED", .filled),
        ("CANCELED", .canceled), ("REJECTED", .rejected), ("EXPIRED", .expired), ("EXPIRED_IN_MATCH", .expired),
    ])
    func statusMapping(binance: String, expected: VenueOrderStatus) throws {
        #expect(try order(status: binance).venueStatus == expected)
    }

    @Test func averagePriceAndCommissionInQuote() throws {
        let fills = """
            ,"fills":[{"price":"100","qty":"0.25","commission":"0.01","commissionAsset":"ETH"},
            {"price":"100","qty":"0.25","commission":"0.02","commissionAsset":"BTC"}]
            """
        let decoded = try order(status: "FILLED", fills: fills)
        let execution = decoded.execution
        #expect(execution.averagePrice == 100)
        #expect(abs(execution.commission - (0.01 * 100 + 0.02)) < 1e-12)
        #expect(try order(status: "NEW", executed: "0", quote: "0").averagePrice == nil)
    }

    @Test func cancelResponseKeepsTheOriginalClientID() throws {
        let json = """
            {"symbol":"BTCUSDT","orderId":1,"origClientOrderId":"orig","clientOrderId":"cancel-1","status":"CANCELED",
             "origQty":"1","executedQty":"0","cummulativeQuoteQty":"0","side":"BUY"}
            """
        #expect(try JSONDecoder().decode(BinanceOrder.self, from: Data(json.utf8)).clientOrderId == "orig")
    }

    @Test func apiErrorPayloadsAreParsed() {
        let error = BinanceError.api(
            httpStatus: 400, code: -1021, message: "Timestamp for this request is outside of the recvWindow.")
        #expect(error.description.contains("-1021"))
        #expect(!error.isTransient)
        #expect(BinanceError.api(httpStatus: 503, code: -1001, message: "x").isTransient)
        #expect(BinanceError.rateLimited(httpStatus: 418, retryAfterSeconds: 60).description.contains("banned"))
    }
}
