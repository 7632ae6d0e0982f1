import BallastCore

extension Strategy {
    /// Steps this strategy over bars `range` of `series`, in order, from the state it is in, and
    /// collects its signals and the value columns named in `columns` (every value it reports when
    /// nil; a name it does not report gives no column). The one loop behind a backtest's signals and
    /// a live run's warm-up (see `Strategy.step(over:bars:columns:)`).
    ///
    /// Postconditions: `signals.count == range.count`; every column has that length too.
    public mutating func step(over series: BarSeries, bars range: Range<Int>, columns: Set<String>?) -> SignalSeries {
        let names = valueNames
        var values = [Double](repeating: .nan, count: names.count)
        let kept = names.indices.filter { columns?.contains(names[$0]) ?? true }
        var signals = [Signal]()
        signals.reserveCapacity(range.count)
        var recorded = kept.map { _ in [Double]() }
        for slot in recorded.indices { recorded[slot].reserveCapacity(range.count) }
        precondition(range.lowerBound >= 0 && range.upperBound <= series.count, "bars out of the series")
        // The bars are read through the columns' buffers: one bounds check for the range, not six a bar.
        series.times.withUnsafeBufferPointer { times in
            series.open.withUnsafeBufferPointer { open in
                series.high.withUnsafeBufferPointer { high in
                    series.low.withUnsafeBufferPointer { low in
                        series.close.withUnsafeBufferPointer { close in
                            series.volume.withUnsafeBufferPointer { volume in
                                for index in range {
                                    let bar = Bar(
                                        time: Timestamp(seconds: times[index]), open: open[index], high: high[index],
                                        low: low[index], close: close[index], volume: volume[index])
                                    signals.append(step(bar, values: &values))
                                    for (slot, position) in kept.enumerated() {
                                        recorded[slot].append(values[position])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var indicators: [String: [Double]] = [:]
        for (slot, position) in kept.enumerated() { indicators[names[position]] = recorded[slot] }
        return SignalSeries(signals: signals, indicators: indicators)
    }

    /// `step(over:bars:columns:)` over every bar of `series`.
    public mutating func step(over series: BarSeries, columns: Set<String>? = nil) -> SignalSeries {
        step(over: series, bars: 0..<series.count, columns: columns)
    }

    /// Signals and value columns for every bar of `series`, stepping a fresh copy of this strategy
    /// (its state as it is now) from the first bar: signal `i` depends on bars `0...i` only.
    public func signals(for series: BarSeries) -> SignalSeries {
        var copy = self
        return copy.step(over: series)
    }
}
