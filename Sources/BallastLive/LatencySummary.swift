import Foundation

/// Percentiles of the decision latencies of a live run (nearest-rank), in microseconds.
///
/// `p50FirstTenthMicroseconds` and `p50LastTenthMicroseconds` are the medians of the first and
/// the last tenth of the bar groups in the order handled: within one run, on one machine state,
/// they show whether the cost of a group grows with the bars held (issue 12).
public struct LatencySummary: Sendable, Equatable, Codable {
    public var count: Int
    public var p50Microseconds: Double
    public var p99Microseconds: Double
    public var maxMicroseconds: Double
    public var p50FirstTenthMicroseconds: Double
    public var p50LastTenthMicroseconds: Double

    public init(_ latencies: [Duration]) {
        let micros = latencies.map { Double($0.components.seconds) * 1e6 + Double($0.components.attoseconds) / 1e12 }
        let sorted = micros.sorted()
        count = sorted.count
        p50Microseconds = Self.rank(0.50, sorted)
        p99Microseconds = Self.rank(0.99, sorted)
        maxMicroseconds = sorted.last ?? 0
        let tenth = micros.count / 10
        p50FirstTenthMicroseconds = Self.rank(0.50, micros.prefix(tenth).sorted())
        p50LastTenthMicroseconds = Self.rank(0.50, micros.suffix(tenth).sorted())
    }

    /// The nearest-rank `p` percentile of `sorted` (0 when empty).
    private static func rank(_ p: Double, _ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, index))]
    }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
