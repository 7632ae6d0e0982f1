/// The rolling sample standard deviation (divisor `window − 1`) fed one value at a time, bit for
/// bit equal to `Indicators.rollingStandardDeviation`: sums about a shifted origin (the oldest value
/// of the window), refreshed from scratch at index `window − 1`, at every multiple of `window` and
/// after an update that cancels more than four digits (`Indicators.cancels`).
public struct RunningStandardDeviation: Sendable, Equatable {
    /// The window length (≥ 2).
    public let window: Int
    private var values: [Double]
    /// The ring slot of the oldest value once the window is full.
    private var oldest = 0
    /// How many values were fed.
    public private(set) var count = 0
    private var phase = 0
    private var origin = 0.0
    private var sum = 0.0
    private var squares = 0.0
    /// The largest `squares` since the last refresh (`Indicators.cancels`).
    private var peak = 0.0

    /// A deviation over `window` values. Precondition: `window ≥ 2`.
    public init(window: Int) {
        precondition(window >= 2, "window must be at least 2")
        self.window = window
        values = [Double](repeating: 0, count: window)
    }

    /// Feeds the next value; returns the deviation of the last `window` values, NaN before that many.
    public mutating func next(_ value: Double) -> Double {
        let index = count
        count += 1
        if index < window {
            values[index] = value
            guard index == window - 1 else { return .nan }
            phase = window - 1
            refresh()
            return deviation
        }
        let outgoing = values[oldest]
        values[oldest] = value
        oldest = oldest + 1 == window ? 0 : oldest + 1
        phase = phase + 1 == window ? 0 : phase + 1
        if phase == 0 {
            refresh()
        } else {
            let incoming = value - origin
            let leaving = outgoing - origin
            sum += incoming - leaving
            squares += incoming * incoming - leaving * leaving
            peak = max(peak, squares)
            if Indicators.cancels(sum: sum, squares: squares, peak: peak, size: Double(window)) { refresh() }
        }
        return deviation
    }

    private var deviation: Double {
        let size = Double(window)
        return max(0, (squares - sum * sum / size) / (size - 1)).squareRoot()
    }

    /// Sums the window afresh about its oldest value, oldest first.
    private mutating func refresh() {
        origin = values[oldest]
        sum = 0
        squares = 0
        var slot = oldest
        for _ in 0..<window {
            let shifted = values[slot] - origin
            sum += shifted
            squares += shifted * shifted
            slot = slot + 1 == window ? 0 : slot + 1
        }
        peak = squares
    }
}
