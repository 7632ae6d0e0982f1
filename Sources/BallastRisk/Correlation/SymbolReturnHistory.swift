import BallastCore

/// One symbol's bars, resampled once to UTC days, ready to answer "which daily returns could a decision
/// at time T see?" in O(window).
///
/// Built once per symbol by `PearsonCorrelationHook`. The returns of completed days are precomputed;
/// the return of the decision bar's own day is computed per query from that bar's close, because later
/// bars of the same day have not closed yet at decision time.
struct SymbolReturnHistory: Sendable {
    /// The source bars (for `lastIndex(closedAtOrBefore:)` and the decision bar's close).
    let series: BarSeries
    /// The series resampled to UTC days by bar **open** time, last close of each day.
    let daily: DailyCloses
    /// `completedReturns[k] = daily.closes[k] / daily.closes[k − 1] − 1` for `k ≥ 1`; index 0 is NaN.
    /// Only valid for days that have completed before the decision bar's day.
    let completedReturns: [Double]

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
