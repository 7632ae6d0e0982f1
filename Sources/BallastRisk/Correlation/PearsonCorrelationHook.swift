import BallastCore

/// The default correlated-exposure rule of SPEC §6: Pearson correlation of daily simple returns.
///
/// **Data.** Built from the bar series of every symbol in the portfolio (a live run then appends each
/// new bar with `append(_:toSeries:)`, O(1), instead of building it again). When two series share a
/// symbol (different timeframes), the finer timeframe is used; with equal timeframes, the first given.
/// Symbols are matched by exact string. A symbol without a series has no correlation with any other.
///
/// **No look-ahead.** At decision time `T` (the close time of the decision bar) a symbol contributes
/// only bars whose close time is ≤ `T`. Its daily closes are the final closes of the completed UTC days
/// before its last such bar's day, plus that bar's close standing for its day. Days are assigned by bar
/// **open** time (SPEC §1), so a `1h` bar opening 23:00 belongs to the day it opens in.
///
/// **Returns and window.** A daily simple return is `c_d / c_prev − 1`, where `prev` is the symbol's
/// previous day with bars (possibly before the window); it belongs to day `d`. The decision's day `D` is
/// the UTC day of the last second before `T` (the day of the latest bar that can have closed by `T`, so
/// a daily bar's decision at 00:00 of the next day falls on the bar's own day). The window holds the
/// days `d` with `D − windowDays < d ≤ D`.
///
/// **Correlation.** Pearson over the days on which both symbols have a return ("common days"). Fewer
/// than `minSamples` common days, or a constant return series, means "not correlated" (nil), never a
/// guess. A symbol is always correlated with itself (1), with or without data.
///
/// **Group and headroom.** The candidate's group is the candidate plus every symbol with an open
/// position whose correlation with the candidate is ≥ `threshold` (inclusive). Group exposure is
/// Σ |portfolioFraction| of the open positions in the group (shorts count by size), summed in
/// (symbol, strategy) order so it does not depend on the order positions are passed in.
/// The candidate may take `min(requested, max(0, cap − groupExposure))`.
///
/// Every check costs O(symbols × windowDays) time; a symbol's returns are computed once per call and
/// only when a correlation needs them; nothing is cached between calls, so the value is `Sendable`
/// and safe to share between strategy actors (a copy is unaffected by later appends).
public struct PearsonCorrelationHook: CorrelationRiskHook, Equatable {
    /// Calendar days in the correlation window (`correlation_window_days`); at least 2.
    public let windowDays: Int
    /// The correlation from which an open symbol joins the candidate's group (`correlation_threshold`),
    /// inclusive; in [−1, 1].
    public let threshold: Double
    /// The fewest common days for a correlation (`correlation_min_samples`); at least 2, since a smaller
    /// value given to `init` is raised to 2 (Pearson needs two points).
    public let minSamples: Int
    /// Each symbol's history, and where it is: an array element is read in place, while a
    /// dictionary value would be copied out (every column of its series retained) on each lookup.
    private var histories: [SymbolReturnHistory]
    private let historyIndex: [String: Int]
    /// For each series given to `init` (by position), the history it feeds; nil when another series
    /// of its symbol is used instead.
    private let historyOfSeries: [Int?]

    /// Builds the hook and resamples every series to UTC days once.
    ///
    /// - Precondition: `windowDays ≥ 2` and `threshold` in [−1, 1] (the configuration validates both).
    public init(series: [BarSeries], windowDays: Int = 30, threshold: Double = 0.7, minSamples: Int = 20) {
        precondition(windowDays >= 2, "correlation window must be at least 2 days")
        precondition(threshold >= -1 && threshold <= 1, "correlation threshold must be in [-1, 1]")
        self.windowDays = windowDays
        self.threshold = threshold
        self.minSamples = max(2, minSamples)
        var chosen: [String: Int] = [:]
        for (position, candidate) in series.enumerated() {
            if let existing = chosen[candidate.symbol], series[existing].timeframe <= candidate.timeframe { continue }
            chosen[candidate.symbol] = position
        }
        let symbols = chosen.keys.sorted()
        histories = symbols.map { SymbolReturnHistory(series: series[chosen[$0]!]) }
        let index = Dictionary(uniqueKeysWithValues: symbols.enumerated().map { ($1, $0) })
        historyIndex = index
        historyOfSeries = series.indices.map { position in
            chosen[series[position].symbol] == position ? index[series[position].symbol] : nil
        }
    }

    /// Appends the next bar of the series at `position` in the array given to `init` (a live run's
    /// new bar): the hook then equals one built from the longer series. Bars of a series the hook
    /// does not use for its symbol are ignored. O(1) amortised.
    /// Precondition: `bar` opens after the series' last bar.
    public mutating func append(_ bar: Bar, toSeries position: Int) {
        guard let history = historyOfSeries[position] else { return }
        histories[history].append(bar)
    }

    /// The symbols the hook has data for, sorted.
    public var symbols: [String] { historyIndex.keys.sorted() }

    /// The timeframe of the series used for `symbol`, nil without data.
    public func timeframe(of symbol: String) -> Timeframe? {
        historyIndex[symbol].map { histories[$0].series.timeframe }
    }

    /// The correlation of the daily returns of `a` and `b` seen at `time`, in [−1, 1].
    ///
    /// 1 when `a == b`. Nil when either symbol has no data, there are fewer than `minSamples` common
    /// days in the window, or either return series is constant.
    public func correlation(_ a: String, _ b: String, at time: Timestamp) -> Double? {
        if a == b { return 1 }
        var returns = WindowReturns(hook: self, time: time)
        return correlation(returns.of(a), returns.of(b))
    }

    /// SPEC §6: the largest fraction a candidate entry in `symbol` may take at `time`.
    ///
    /// `allowedFraction = min(requested, max(0, cap − groupExposure))`, lowered by at most a few units in
    /// the last place when needed so that `allowedFraction + groupExposure ≤ cap` holds exactly in
    /// floating point. A negative or NaN request is treated as 0; a NaN cap or exposure allows 0
    /// (fail closed). Invariant: `0 ≤ allowedFraction ≤ max(0, requestedFraction)`.
    public func check(
        symbol: String, requestedFraction: Double, openPositions: [OpenExposure], cap: Double, at time: Timestamp
    ) -> CorrelationCheck {
        // Correlations matter only for open symbols other than the candidate; each symbol's
        // returns are computed on first use.
        var returns = WindowReturns(hook: self, time: time)
        let (group, exposure) = group(of: symbol, openPositions: openPositions, returns: &returns)
        let requested = requestedFraction > 0 ? requestedFraction : 0
        let headroom = cap - exposure
        var allowed = headroom > 0 ? min(requested, headroom) : 0
        var attempts = 0
        while allowed > 0, allowed + exposure > cap {
            attempts += 1
            allowed = attempts > 4 ? 0 : max(0, allowed - cap.ulp)
        }
        return CorrelationCheck(
            allowedFraction: allowed, groupExposure: exposure, group: group, cap: cap, requestedFraction: requested)
    }

    /// SPEC §6 `get_position_correlation_risk`: for each of `symbols`, the exposure of its group (the
    /// symbol plus the open symbols correlated with it, as in `check`), and the largest of them.
    /// 0 when `symbols` is empty or no group holds a position.
    public func largestGroupExposure(symbols: [String], openPositions: [OpenExposure], at time: Timestamp) -> Double {
        var returns = WindowReturns(hook: self, time: time)
        var largest = 0.0
        for symbol in symbols {
            let exposure = group(of: symbol, openPositions: openPositions, returns: &returns).exposure
            if exposure > largest { largest = exposure }
        }
        return largest
    }

    /// Each symbol's returns inside the window ending at `time`'s decision day, computed once each,
    /// on first use (a decision sees few symbols, so a list beats hashing).
    private struct WindowReturns {
        let hook: PearsonCorrelationHook
        let time: Timestamp
        let firstDay: Int64
        private var known: [(symbol: String, returns: DailyReturns?)] = []

        init(hook: PearsonCorrelationHook, time: Timestamp) {
            self.hook = hook
            self.time = time
            firstDay = Timestamp(seconds: time.seconds - 1).utcDay - Int64(hook.windowDays) + 1
        }

        /// The symbol's returns, nil without data.
        mutating func of(_ symbol: String) -> DailyReturns? {
            if let hit = known.first(where: { $0.symbol == symbol }) { return hit.returns }
            let returns = hook.historyIndex[symbol].map { hook.histories[$0].returns(at: time, fromDay: firstDay) }
            known.append((symbol, returns))
            return returns
        }
    }

    /// Pearson over the common days of two symbols' returns, nil below `minSamples` or without data.
    private func correlation(_ first: DailyReturns?, _ second: DailyReturns?) -> Double? {
        guard let first, let second else { return nil }
        let (mine, theirs) = first.commonSamples(with: second)
        guard mine.count >= minSamples else { return nil }
        return Pearson.correlation(mine, theirs)
    }

    /// The group of `symbol` (itself first, then the correlated open symbols sorted by name) and its
    /// exposure, Σ |fraction| of the open positions in the group in (symbol, strategy) order.
    private func group(
        of symbol: String, openPositions: [OpenExposure], returns: inout WindowReturns
    ) -> (members: [String], exposure: Double) {
        var decided: [(symbol: String, member: Bool)] = [(symbol, true)]
        var counted: [OpenExposure] = []
        for position in openPositions {
            let member: Bool
            if let known = decided.first(where: { $0.symbol == position.symbol }) {
                member = known.member
            } else {
                let coefficient = correlation(returns.of(symbol), returns.of(position.symbol))
                member = coefficient.map { $0 >= threshold } ?? false
                decided.append((position.symbol, member))
            }
            if member { counted.append(position) }
        }
        counted.sort { ($0.symbol, $0.strategyID) < ($1.symbol, $1.strategyID) }
        var exposure = 0.0
        for position in counted { exposure += abs(position.portfolioFraction) }
        // `counted` is sorted by symbol: its distinct symbols other than the candidate, in order.
        var members = [symbol]
        var previous: String?
        for position in counted where position.symbol != symbol && position.symbol != previous {
            members.append(position.symbol)
            previous = position.symbol
        }
        return (members, exposure)
    }
}
