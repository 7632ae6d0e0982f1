/// The relative strength index (Wilder's smoothing) fed one value at a time, bit for bit equal to
/// `Indicators.rsi`: defined from the `period`-th change on (index `period`); 100 without losses,
/// 50 without any movement.
public struct RunningRSI: Sendable, Equatable {
    /// The period (≥ 1).
    public let period: Int
    /// How many values were fed.
    public private(set) var count = 0
    private var previous = 0.0
    private var gain = 0.0
    private var loss = 0.0

    /// An RSI over `period` changes. Precondition: `period ≥ 1`.
    public init(period: Int) {
        precondition(period >= 1, "period must be at least 1")
        self.period = period
    }

    /// Feeds the next value; returns the RSI, NaN for the first `period` values.
    public mutating func next(_ value: Double) -> Double {
        let index = count
        count += 1
        defer { previous = value }
        if index == 0 { return .nan }
        let change = value - previous
        if index <= period {
            if change > 0 { gain += change } else { loss -= change }
            guard index == period else { return .nan }
            gain /= Double(period)
            loss /= Double(period)
            return Self.value(gain: gain, loss: loss)
        }
        let weight = Double(period)
        gain = (gain * (weight - 1) + max(change, 0)) / weight
        loss = (loss * (weight - 1) + max(-change, 0)) / weight
        return Self.value(gain: gain, loss: loss)
    }

    private static func value(gain: Double, loss: Double) -> Double {
        if loss == 0 { return gain == 0 ? 50 : 100 }
        return 100 - 100 / (1 + gain / loss)
    }
}
