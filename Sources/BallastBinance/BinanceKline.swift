import BallastCore
import Foundation

/// One kline (candle) as `GET /api/v3/klines` returns it:
/// `[openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades, …]`.
///
/// Invariant: `closeTime == openTime + interval − 1` (milliseconds), so the bar closes at
/// `closeTime + 1`.
public struct BinanceKline: Sendable, Equatable, Decodable {
    /// Open time in milliseconds since the epoch.
    public var openTime: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    /// Base-asset volume.
    public var volume: Double
    /// The last millisecond of the kline.
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

    public init(from decoder: any Decoder) throws {
        var row = try decoder.unkeyedContainer()
        openTime = try row.decode(Int64.self)
        open = try Self.number(&row)
        high = try Self.number(&row)
        low = try Self.number(&row)
        close = try Self.number(&row)
        volume = try Self.number(&row)
        closeTime = try row.decode(Int64.self)
    }

    /// When the bar closes, in whole seconds (`(closeTime + 1) / 1000`).
    public var closeSeconds: Int64 { (closeTime + 1) / 1000 }

    /// True when the kline has closed at `nowSeconds` (a kline closing later is still forming).
    public func isClosed(atSeconds nowSeconds: Int64) -> Bool { closeSeconds <= nowSeconds }

    /// The Ballast bar: labelled by its open time in seconds.
    public var bar: Bar {
        Bar(time: Timestamp(seconds: openTime / 1000), open: open, high: high, low: low, close: close, volume: volume)
    }

    /// Parses a klines response body.
    public static func parse(_ body: Data) throws -> [BinanceKline] {
        do {
            return try JSONDecoder().decode([BinanceKline].self, from: body)
        } catch {
            throw BinanceError.invalidResponse("klines: \(error)")
        }
    }

    private static func number(_ row: inout any UnkeyedDecodingContainer) throws -> Double {
        let text = try row.decode(String.self)
        guard let value = Double(text) else {
            throw DecodingError.dataCorruptedError(in: row, debugDescription: "not a decimal number: \(text)")
        }
        return value
    }
}

extension Timeframe {
    /// Binance's interval spelling (`1m` … `1w`, `1M` for a month).
    public var binanceInterval: String { self == .oneMonth ? "1M" : rawValue }
}
