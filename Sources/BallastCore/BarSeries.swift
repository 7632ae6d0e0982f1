/// The bars of one symbol and timeframe, stored column by column (a struct of arrays).
///
/// Columns keep indicator loops cache-friendly and vectorisable. Invariants: every column has
/// `count` elements, and `times` is strictly increasing.
public struct BarSeries: Sendable, Equatable {
    public var symbol: String
    public var timeframe: Timeframe
    /// Open times, seconds since the epoch, strictly increasing.
    public private(set) var times: [Int64]
    public private(set) var open: [Double]
    public private(set) var high: [Double]
    public private(set) var low: [Double]
    public private(set) var close: [Double]
    public private(set) var volume: [Double]

    /// An empty series.
    public init(symbol: String, timeframe: Timeframe) {
        self.symbol = symbol
        self.timeframe = timeframe
        times = []
        open = []
        high = []
        low = []
        close = []
        volume = []
    }

    /// A series from whole columns. Precondition: all columns have the same length.
    public init(
        symbol: String, timeframe: Timeframe, times: [Int64], open: [Double], high: [Double], low: [Double],
        close: [Double], volume: [Double]
    ) {
        precondition(
            [open.count, high.count, low.count, close.count, volume.count].allSatisfy { $0 == times.count },
            "BarSeries columns must have equal lengths")
        self.symbol = symbol
        self.timeframe = timeframe
        self.times = times
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    /// A series from bars (tests and small inputs).
    public init(symbol: String, timeframe: Timeframe, bars: [Bar]) {
        self.init(symbol: symbol, timeframe: timeframe)
        reserveCapacity(bars.count)
        for bar in bars { append(bar) }
    }

    /// The number of bars.
    public var count: Int { times.count }

    /// True when there are no bars.
    public var isEmpty: Bool { times.isEmpty }

    /// The bar at an index.
    public subscript(index: Int) -> Bar {
        Bar(
            time: Timestamp(seconds: times[index]), open: open[index], high: high[index], low: low[index],
            close: close[index], volume: volume[index])
    }

    /// The close time of the bar at an index (open time + the timeframe's nominal length).
    public func closeTime(at index: Int) -> Timestamp {
        Timestamp(seconds: times[index] + timeframe.nominalSeconds)
    }

    /// Appends the bars of `other` (same symbol and timeframe, later times) column by column, in
    /// place when the columns have room: the loader joins the halves of a parallel scan this way.
    mutating func append(contentsOf other: BarSeries) {
        times.append(contentsOf: other.times)
        open.append(contentsOf: other.open)
        high.append(contentsOf: other.high)
        low.append(contentsOf: other.low)
        close.append(contentsOf: other.close)
        volume.append(contentsOf: other.volume)
    }

    /// Reserves room for `capacity` bars in every column.
    public mutating func reserveCapacity(_ capacity: Int) {
        times.reserveCapacity(capacity)
        open.reserveCapacity(capacity)
        high.reserveCapacity(capacity)
        low.reserveCapacity(capacity)
        close.reserveCapacity(capacity)
        volume.reserveCapacity(capacity)
    }

    /// Appends a bar. The caller keeps times strictly increasing (the loader validates it).
    public mutating func append(_ bar: Bar) {
        times.append(bar.time.seconds)
        open.append(bar.open)
        high.append(bar.high)
        low.append(bar.low)
        close.append(bar.close)
        volume.append(bar.volume)
    }

    /// The index of the last bar whose open time is ≤ `time`, or nil if none (binary search).
    public func lastIndex(openedAtOrBefore time: Timestamp) -> Int? {
        var lower = 0
        var upper = times.count
        while lower < upper {
            let mid = (lower + upper) / 2
            if times[mid] <= time.seconds { lower = mid + 1 } else { upper = mid }
        }
        return lower == 0 ? nil : lower - 1
    }

    /// The index of the last bar whose close time is ≤ `time`, or nil if none: the bars a decision
    /// at `time` may see without looking ahead.
    public func lastIndex(closedAtOrBefore time: Timestamp) -> Int? {
        lastIndex(openedAtOrBefore: time.adding(seconds: -timeframe.nominalSeconds))
    }

    /// The bars in `range`, as a new series.
    public func slice(_ range: Range<Int>) -> BarSeries {
        BarSeries(
            symbol: symbol, timeframe: timeframe, times: Array(times[range]), open: Array(open[range]),
            high: Array(high[range]), low: Array(low[range]), close: Array(close[range]),
            volume: Array(volume[range]))
    }
}
