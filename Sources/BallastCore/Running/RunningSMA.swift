/// The simple moving average fed one value at a time: O(1) amortised per value and O(`period`)
/// memory, bit for bit equal to `Indicators.sma` at every index.
///
/// It adds exactly as the batch function does: the first window is summed left to right from 0; at
/// every index that is a multiple of `period` the window is summed again from scratch, oldest value
/// first; in between the sum steps by `sum += (incoming − outgoing)`. The window lives in a ring
/// buffer so the re-sum reads the same values in the same order.
public struct RunningSMA: Sendable, Equatable {
    /// The window length (≥ 1).
    public let period: Int
    private let divisor: Double
    private var window: [Double]
    /// The ring slot of the oldest value once the window is full (also the next one overwritten).
    private var oldest = 0
    /// How many values were fed.
    public private(set) var count = 0
    /// `(count − 1) % period` once the window is full: 0 marks a re-sum.
    private var phase = 0
    private var sum = 0.0

    /// An average over `period` values. Precondition: `period ≥ 1`.
    public init(period: Int) {
        precondition(period >= 1, "period must be at least 1")
        self.period = period
        divisor = Double(period)
        window = [Double](repeating: 0, count: period)
    }

    /// Feeds the next value; returns the average of the last `period` values, NaN before `period` values.
    public mutating func next(_ value: Double) -> Double {
        let index = count
        count += 1
        if index < period {
            window[index] = value
            sum += value
            if index == period - 1 {
                phase = period - 1
                return sum / divisor
            }
            return .nan
        }
        let outgoing = window[oldest]
        window[oldest] = value
        oldest = oldest + 1 == period ? 0 : oldest + 1
        phase = phase + 1 == period ? 0 : phase + 1
        if phase == 0 {
            sum = 0
            var slot = oldest
            for _ in 0..<period {
                sum += window[slot]
                slot = slot + 1 == period ? 0 : slot + 1
            }
        } else {
            sum += value - outgoing
        }
        return sum / divisor
    }
}
