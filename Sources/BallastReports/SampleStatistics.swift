/// Mean and sample standard deviation for the metrics, in two passes for accuracy.
enum SampleStatistics {
    /// A standard deviation (or downside deviation) at or below this is treated as zero, so that
    /// rounding noise in a flat series does not turn into an enormous ratio.
    static let zeroDeviation = 1e-12

    /// The arithmetic mean; nil for an empty sample.
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (denominator n − 1); nil with fewer than 2 values.
    static func sampleStandardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        let squares = values.reduce(0) { sum, value in sum + (value - mean) * (value - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// The downside deviation about 0: `sqrt(Σ min(r, 0)² / n)` over all n values; nil for an empty sample.
    static func downsideDeviation(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let squares = values.reduce(0) { sum, value in value < 0 ? sum + value * value : sum }
        return (squares / Double(values.count)).squareRoot()
    }

    /// The value itself when it is finite, else nil.
    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
