/// The exponential moving average fed one value at a time, bit for bit equal to `Indicators.ema`:
/// seeded with the mean of the first `period` values (summed left to right), then
/// `value += α × (x − value)` with `α = 2 / (period + 1)`.
public struct RunningEMA: Sendable, Equatable {
    /// The period (≥ 1).
    public let period: Int
    private let alpha: Double
    /// How many values were fed.
    public private(set) var count = 0
    private var value = 0.0

    /// An average over `period` values. Precondition: `period ≥ 1`.
    public init(period: Int) {
        precondition(period >= 1, "period must be at least 1")
        self.period = period
        alpha = 2.0 / Double(period + 1)
    }

    /// Feeds the next value; returns the average, NaN before `period` values.
    public mutating func next(_ input: Double) -> Double {
        let index = count
        count += 1
        if index < period {
            value += input
            if index == period - 1 {
                value /= Double(period)
                return value
            }
            return .nan
        }
        value += alpha * (input - value)
        return value
    }
}
