import Foundation

/// Decimal text for Binance parameters: plain notation (no exponent), at most 8 fraction digits,
/// trailing zeros dropped.
///
/// Invariant: the quantity sent is never larger than the one asked for — digits past the 8th are
/// truncated toward zero (after absorbing binary representation error below 1e-12). No exchange
/// filter (`LOT_SIZE` step) is applied.
public enum BinanceDecimal {
    public static func format(_ value: Double) -> String {
        let scaled = (abs(value) * 100_000_000 + 1e-4).rounded(.down)
        let units = Int64(scaled)
        let whole = units / 100_000_000
        var fraction = String(units % 100_000_000)
        fraction = String(repeating: "0", count: 8 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && units > 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
