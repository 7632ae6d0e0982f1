/// The annualised Sharpe ratio of the last `window` daily returns, updated once per day.
///
/// O(window) per day (the window is a month or so), no allocation after the first `window` days.
struct RollingSharpe: Sendable {
    private var returns: [Double]
    private var next = 0
    private var filled = 0
    private let periodsPerYear: Double

    init(window: Int, periodsPerYear: Double) {
        returns = [Double](repeating: 0, count: max(2, window))
        self.periodsPerYear = periodsPerYear
    }

    /// Adds one daily return.
    mutating func push(_ value: Double) {
        returns[next] = value
        next = (next + 1) % returns.count
        filled = min(filled + 1, returns.count)
    }

    /// mean / sample std × √periodsPerYear over the window; nil with fewer than 2 returns or no variance.
    var value: Double? {
        guard filled >= 2 else { return nil }
        var mean = 0.0
        for index in 0..<filled { mean += returns[index] }
        mean /= Double(filled)
        var squares = 0.0
        for index in 0..<filled { squares += (returns[index] - mean) * (returns[index] - mean) }
        let deviation = (squares / Double(filled - 1)).squareRoot()
        guard deviation > 1e-12 else { return nil }
        return mean / deviation * periodsPerYear.squareRoot()
    }
}
