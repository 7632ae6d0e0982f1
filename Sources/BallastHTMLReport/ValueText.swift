import BallastCore
import Foundation

/// Numbers and times as the report prints them. Deterministic (no locale): the same value always
/// gives the same text.
enum ValueText {
    /// `value` with `digits` decimals, "—" for nil or non-finite.
    static func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let value, value.isFinite else { return "—" }
        let rounded = (value * pow(10, Double(digits))).rounded() / pow(10, Double(digits))
        return String(format: "%.\(digits)f", rounded == 0 ? 0 : rounded)
    }

    /// A value of a chart's unit, short (axis labels and hover).
    static func chart(_ value: Double, _ unit: TimeChart.Unit) -> String {
        switch unit {
        case .money: fixed(value, 0)
        case .percent: fixed(value * 100, 1) + "%"
        case .factor: fixed(value, 2)
        case .count: fixed(value, 0)
        }
    }

    /// A coordinate with one decimal, as SVG reads it (digits, '.', '-' only).
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// An epoch time as `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM` when it is not midnight UTC.
    static func time(_ seconds: Int64) -> String {
        let text = Timestamp(seconds: seconds).iso8601
        if seconds % 86_400 == 0 { return String(text.prefix(10)) }
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
