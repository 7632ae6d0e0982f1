import BallastCore

extension Strategy {
    /// Steps this strategy over bars `range` of `series` (all of them by default), in order, from
    /// the state it is in, and collects its signals and the value columns named in `columns` (every
    /// value it reports when nil; a name it does not report gives no column). The one loop behind a
    /// backtest's signals and a live run's warm-up.
    ///
    /// Postconditions: `signals.count == range.count`; every column has that length too.
    public mutating func step(
        over series: BarSeries, bars range: Range<Int>? = nil, columns: Set<String>? = nil
    ) -> SignalSeries {
        let range = range ?? 0..<series.count
        let names = valueNames
        var values = [Double](repeating: .nan, count: names.count)
        let kept = names.indices.filter { columns?.contains(names[$0]) ?? true }
        var signals = [Signal]()
        signals.reserveCapacity(range.count)
        var recorded = kept.map { _ in [Double]() }
        for slot in recorded.indices { recorded[slot].reserveCapacity(range.count) }
        for index in range {
            signals.append(step(series[index], values: &values))
            for (slot, position) in kept.enumerated() { recorded[slot].append(values[position]) }
        }
        var indicators: [String: [Double]] = [:]
        for (slot, position) in kept.enumerated() { indicators[names[position]] = recorded[slot] }
        return SignalSeries(signals: signals, indicators: indicators)
    }

    /// Signals and value columns for every bar of `series`, stepping a fresh copy of this strategy
    /// (its state as it is now) from the first bar: signal `i` depends on bars `0...i` only.
    public func signals(for series: BarSeries) -> SignalSeries {
        var copy = self
        return copy.step(over: series)
    }
}
