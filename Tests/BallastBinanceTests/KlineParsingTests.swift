import BallastBinance
import BallastCore
import Foundation
import Testing

@Suite struct KlineParsingTests {
    /// The sample row of Binance's `GET /api/v3/klines` documentation.
    let documented = """
        [
          [
            1499040000000, "0.01634790", "0.80000000", "0.01575800", "0.01577100", "148976.11427815",
            1499644799999, "2434.19055334", 308, "1756.87402397", "28.46694368", "0"
          ]
        ]
        """

    @Test func parsesTheDocumentedRow() throws {
        let klines = try BinanceKline.parse(Data(documented.utf8))
        #expect(klines.count == 1)
        let kline = try #require(klines.first)
        #expect(kline.openTime == 1_499_040_000_000)
        #expect(kline.open == 0.0163479)
        #expect(kline.high == 0.8)
        #expect(kline.low == 0.015758)
        #expect(kline.close == 0.015771)
        #expect(kline.volume == 148_976.114_278_15)
        #expect(kline.closeTime == 1_499_644_799_999)
        #expect(kline.closeSeconds == 1_499_644_800)
        #expect(kline.bar.time == Timestamp(seconds: 1_499_040_000))
        #expect(kline.bar.close == 0.015771)
    }

    @Test func closedOnlyOnceItsCloseTimePassed() {
        let kline = BinanceKline(
            openTime: 60_000, open: 1, high: 1, low: 1, close: 1, volume: 0, closeTime: 119_999)
        #expect(!kline.isClosed(atSeconds: 119))
        #expect(kline.isClosed(atSeconds: 120))
    }

    @Test func rejectsMalformedRows() {
        #expect(throws: BinanceError.self) { try BinanceKline.parse(Data(#"[[1, "x", "1", "1", "1", "1", 2]]"#.utf8)) }
        #expect(throws: BinanceError.self) {
            try BinanceKline.parse(Data(#"{"code":-1121,"msg":"Invalid symbol."}"#.utf8))
        }
    }

    @Test func intervalsUseBinanceSpelling() {
        #expect(Timeframe.oneMinute.binanceInterval == "1m")
        #expect(Timeframe.fourHours.binanceInterval == "4h")
        #expect(Timeframe.oneMonth.binanceInterval == "1M")
    }
}
