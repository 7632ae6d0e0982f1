import Foundation

/// Percentiles of the decision latencies of a live run (nearest-rank), in microseconds.
public struct LatencySummary: Sendable, Equatable, Codable {
    public var count: Int
    public var p50Microseconds: Double
    public var p99Microseconds: Double
    public var maxMicroseconds: Double

    public init(_ latencies: [Duration]) {
        let sorted = latencies.map { Double($0.components.seconds) * 1e6 + Double($0.components.attoseconds) / 1e12 }
            .sorted()
        count = sorted.count
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[max(0, min(sorted.count - 1, index))]
        }
        p50Microseconds = rank(0.50)
        p99Microseconds = rank(0.99)
        maxMicroseconds = sorted.last ?? 0
    }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
