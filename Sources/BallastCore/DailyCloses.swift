/// A series resampled to UTC days: the last close of each day that has bars.
///
/// Built in O(n), or bar by bar with `append`. `dayOfBar[i]` is the index (into `days`) of bar `i`'s day, so a decision at
/// bar `i` sees the completed days `0..<dayOfBar[i]` plus the current day so far, whose close is
/// bar `i`'s close. That is the "no look-ahead" daily view used by volatility and correlation.
public struct DailyCloses: Sendable, Equatable {
    /// UTC day numbers that have at least one bar, strictly increasing.
    public private(set) var days: [Int64]
    /// The last close of each day in `days`.
    public private(set) var closes: [Double]
    /// For each bar of the source series, the index of its day in `days`.
    public private(set) var dayOfBar: [Int]

    /// Resamples a series's closes to UTC days (bar open times decide the day).
    public init(_ series: BarSeries) {
        self.init(times: series.times, closes: series.close)
    }

    /// Resamples closes with their open times (seconds since the epoch, increasing).
    public init(times: [Int64], closes barCloses: [Double]) {
        days = []
        closes = []
        dayOfBar = []
        dayOfBar.reserveCapacity(times.count)
        for index in times.indices { append(time: times[index], close: barCloses[index]) }
    }

    /// Adds the next bar (open time in seconds since the epoch, after every earlier one): the view
    /// is then the one `init` builds from the longer series. O(1) amortised.
    public mutating func append(time: Int64, close: Double) {
        let day = Timestamp(seconds: time).utcDay
        if days.last != day {
            days.append(day)
            closes.append(close)
        } else {
            closes[closes.count - 1] = close
        }
        dayOfBar.append(days.count - 1)
    }

    /// The daily closes a decision at bar `barIndex` may see: completed days before the bar's day,
    /// then the bar's own close standing for its (possibly unfinished) day. At most `lastDays` days;
    /// empty when `lastDays ≤ 0`.
    public func closes(uptoBar barIndex: Int, barClose: Double, lastDays: Int) -> ArraySlice<Double> {
        let day = dayOfBar[barIndex]
        guard lastDays > 0 else { return closes[day..<day] }
        let start = max(0, day + 1 - lastDays)
        var window = closes[start...day]
        window[day] = barClose
        return window
    }
}
