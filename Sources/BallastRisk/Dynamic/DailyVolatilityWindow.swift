import BallastCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Daily volatility of one symbol (SPEC §5), kept incrementally from its bars.
///
/// Bars are resampled to UTC days by their label (open) time: a day's close is the close of its last bar,
/// and the current day's close is the latest close fed. A daily log return `ln(close_d / close_prev)`
/// belongs to the day `d` it ends, where `prev` is the previous day that had bars (days without bars are
/// simply absent). The volatility is the sample standard deviation (divisor n − 1) of the returns whose day
/// lies in the last ``windowDays`` calendar days ending at the current day, that is
/// `currentDay − windowDays < d ≤ currentDay`; nil with fewer than ``minimumReturns`` returns.
///
/// Cost: one logarithm per bar whose close changed, plus O(windowDays) once per new day (the completed
/// returns are re-summed with a two-pass mean and sum of squares then, so nothing drifts); the current day's
/// return is folded into that in O(1). Storage is a fixed ring of `windowDays` entries: no
/// allocation after `init`.
///
/// Closes that are not finite and > 0, and bars of a day earlier than the current one, are ignored.
public struct DailyVolatilityWindow: Sendable {
    /// The fewest daily returns that give a volatility (SPEC §5: fewer than 10 -> no opinion).
    public static let minimumReturns = 10

    /// The window length in calendar days (at least 1).
    public let windowDays: Int
    private var ringDays: [Int64]
    private var ringReturns: [Double]
    private var ringStart = 0
    private var ringCount = 0
    private var completedMean = 0.0
    private var completedSquares = 0.0
    /// `1 / (n − 1)` for the `n` completed returns alone.
    private var completedScale = 0.0
    /// `n / (n + 1)`: the weight of the current return's squared deviation.
    private var currentWeight = 0.0
    /// `1 / n`: the sample-variance divisor of the completed returns plus the current one.
    private var scaleWithCurrent = 0.0
    private var currentDay: Int64?
    private var currentClose = 0.0
    private var previousClose: Double?
    private var currentReturn: Double?

    /// An empty window of `windowDays` calendar days (values below 1 are taken as 1).
    public init(windowDays: Int) {
        self.windowDays = max(1, windowDays)
        ringDays = Array(repeating: 0, count: self.windowDays)
        ringReturns = Array(repeating: 0, count: self.windowDays)
    }

    /// The number of daily returns in the window, the current day's included.
    public var returnCount: Int { ringCount + (currentReturn == nil ? 0 : 1) }

    /// The daily returns in the window, oldest first (the current day's last). O(windowDays); for tests and
    /// reports.
    public var returns: [Double] {
        var result: [Double] = []
        result.reserveCapacity(returnCount)
        for offset in 0..<ringCount { result.append(ringReturns[(ringStart + offset) % windowDays]) }
        if let last = currentReturn { result.append(last) }
        return result
    }

    /// The sample standard deviation of the returns in the window, nil with fewer than ``minimumReturns``.
    /// Kept up to date by ``record(time:close:)``.
    public private(set) var volatility: Double?

    /// The volatility after every bar of a series (NaN where it is nil): one pass, shared by every
    /// strategy on the series whose `volatility_window_days` is `windowDays`.
    public static func column(times: [Int64], closes: [Double], windowDays: Int) -> [Double] {
        var window = DailyVolatilityWindow(windowDays: windowDays)
        var result = [Double](repeating: .nan, count: times.count)
        for index in times.indices {
            window.record(time: Timestamp(seconds: times[index]), close: closes[index])
            if let value = window.volatility { result[index] = value }
        }
        return result
    }

    /// Takes one bar's label time and close.
    public mutating func record(time: Timestamp, close: Double) {
        guard close.isFinite, close > 0 else { return }
        let day = time.utcDay
        if let current = currentDay {
            if day < current { return }
            if day == current {
                if close == currentClose { return }
                currentClose = close
                currentReturn = previousClose.map { (close / $0).logarithm }
                refreshVolatility()
                return
            }
            if let previous = previousClose { push(day: current, return: (currentClose / previous).logarithm) }
            previousClose = currentClose
        }
        currentDay = day
        currentClose = close
        currentReturn = previousClose.map { (close / $0).logarithm }
        evict(before: day)
        resum()
        refreshVolatility()
    }

    /// Folds the current day's return `x` into the completed returns' mean `m` and sum of squared deviations
    /// `M2` (over `n` returns) as `M2 + (x − m)² × n / (n + 1)`, with the constants prepared once per day by
    /// ``resum()``: a few multiplications and one square root.
    private mutating func refreshVolatility() {
        guard returnCount >= Self.minimumReturns, returnCount >= 2 else {
            volatility = nil
            return
        }
        guard let last = currentReturn else {
            volatility = (completedSquares * completedScale).squareRoot()
            return
        }
        let deviation = last - completedMean
        let squares = completedSquares + deviation * deviation * currentWeight
        volatility = (max(0, squares) * scaleWithCurrent).squareRoot()
    }

    private mutating func push(day: Int64, return value: Double) {
        if ringCount == windowDays {
            ringStart = (ringStart + 1) % windowDays
            ringCount -= 1
        }
        let slot = (ringStart + ringCount) % windowDays
        ringDays[slot] = day
        ringReturns[slot] = value
        ringCount += 1
    }

    /// Drops the completed returns of days outside `(day − windowDays, day]`.
    private mutating func evict(before day: Int64) {
        let oldest = day - Int64(windowDays)
        while ringCount > 0 && ringDays[ringStart] <= oldest {
            ringStart = (ringStart + 1) % windowDays
            ringCount -= 1
        }
    }

    /// Two-pass mean and sum of squared deviations of the completed returns.
    private mutating func resum() {
        var sum = 0.0
        for offset in 0..<ringCount { sum += ringReturns[(ringStart + offset) % windowDays] }
        let mean = ringCount > 0 ? sum / Double(ringCount) : 0
        var squares = 0.0
        for offset in 0..<ringCount {
            let deviation = ringReturns[(ringStart + offset) % windowDays] - mean
            squares += deviation * deviation
        }
        completedMean = mean
        completedSquares = squares
        let count = Double(ringCount)
        completedScale = ringCount >= 2 ? 1 / (count - 1) : 0
        currentWeight = count / (count + 1)
        scaleWithCurrent = ringCount >= 1 ? 1 / count : 0
    }
}

extension Double {
    /// The natural logarithm (the C library's `log`).
    fileprivate var logarithm: Double { log(self) }
}
