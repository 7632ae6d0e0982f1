import BallastCore

/// One symbol's bars, resampled once to UTC days, ready to answer "which daily returns could a decision
/// at time T see?" in O(window).
///
/// Built once per symbol by `PearsonCorrelationHook`. The returns of completed days are precomputed;
/// the return of the decision bar's own day is computed per query from that bar's close, because later
/// bars of the same day have not closed yet at decision time.
struct SymbolReturnHistory: Sendable, Equatable {
    /// The source bars (for `lastIndex(closedAtOrBefore:)` and the decision bar's close).
    private(set) var series: BarSeries
    /// The series resampled to UTC days by bar **open** time, last close of each day.
    private(set) var daily: DailyCloses
    /// `completedReturns[k] = daily.closes[k] / daily.closes[k − 1] − 1` for `k ≥ 1`; index 0 is NaN.
    /// Only valid for days that have completed before the decision bar's day.
    private(set) var completedReturns: [Double]

    init(series: BarSeries) {
        self.series = series
        daily = DailyCloses(series)
        var returns = [Double](repeating: .nan, count: daily.closes.count)
        var index = 1
        while index < daily.closes.count {
            returns[index] = daily.closes[index] / daily.closes[index - 1] - 1
            index += 1
        }
        completedReturns = returns
    }

    /// Equal series, daily view and returns, bit for bit (so the NaN at index 0 matches).
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.series == rhs.series && lhs.daily == rhs.daily
            && lhs.completedReturns.count == rhs.completedReturns.count
            && zip(lhs.completedReturns, rhs.completedReturns).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    /// Adds the series' next bar (a live run's): the history is then the one `init` builds from the
    /// longer series, bit for bit. O(1) amortised.
    mutating func append(_ bar: Bar) {
        series.append(bar)
        daily.append(time: bar.time.seconds, close: bar.close)
        let last = daily.closes.count - 1
        if completedReturns.count <= last { completedReturns.append(.nan) }
        if last >= 1 { completedReturns[last] = daily.closes[last] / daily.closes[last - 1] - 1 }
    }

    /// The daily returns visible at `time` that end on day `firstDay` or later.
    ///
    /// Only bars closed at or before `time` count. The last of them (the decision bar for its own
    /// symbol) stands for its day with its close; the days before it use their final closes. Days
    /// after the last visible bar's day cannot appear, so no return lies after `time`'s day.
    func returns(at time: Timestamp, fromDay firstDay: Int64) -> DailyReturns {
        guard let bar = series.lastIndex(closedAtOrBefore: time) else { return .empty }
        let current = daily.dayOfBar[bar]
        guard current >= 1 else { return .empty }
        var start = current + 1
        while start > 1, daily.days[start - 1] >= firstDay { start -= 1 }
        guard start <= current else { return .empty }
        var returns: [Double] = []
        returns.reserveCapacity(current - start + 1)
        returns.append(contentsOf: completedReturns[start..<current])
        returns.append(series.close[bar] / daily.closes[current - 1] - 1)
        return DailyReturns(days: Array(daily.days[start...current]), returns: returns)
    }
}
