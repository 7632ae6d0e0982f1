/// Seeded synthetic bars for tests and benchmarks: a geometric random walk with plausible candles.
///
/// Deterministic everywhere: the randomness is a SplitMix64 generator written below (never the
/// system generator), normal-like shocks are sums of six uniforms (no `log`/`exp`/`cos`, whose
/// last bit may differ between C libraries), and every step is plain IEEE arithmetic, so the same
/// parameters give the same bars, and byte-identical CSV, on every platform.
///
/// Invariants of every bar: bar `i` opens at `start + i × timeframe.nominalSeconds` (30 days for
/// `1mo`); each price is a whole number of ticks of `10^-decimals`, at least one tick;
/// `low ≤ min(open, close) ≤ max(open, close) ≤ high`; each bar opens at the previous close; volume
/// is a whole number ≥ 0. Prices are `Double(ticks) / 10^decimals`, so the CSV text, with exactly
/// `decimals` digits after the point, reads back through `BarCSVLoader` to an equal series.
public struct RandomWalkBars: Sendable, Equatable {
    /// The symbol the series is labelled with.
    public var symbol: String
    /// The bar interval.
    public var timeframe: Timeframe
    /// The open time of the first bar.
    public var start: Timestamp
    /// The seed; equal seeds give equal bars.
    public var seed: UInt64
    /// The first bar's open (> 0), before rounding to ticks.
    public var startPrice: Double
    /// The standard deviation of one bar's close-to-open return, in (0, 0.2].
    public var volatility: Double
    /// Digits after the decimal point of every price, 0...8.
    public var decimals: Int

    /// A walk; preconditions: `startPrice > 0` with `startPrice × 10^decimals < 10^15`,
    /// `0 < volatility ≤ 0.2`, `0 ≤ decimals ≤ 8`.
    public init(
        symbol: String = "SYN", timeframe: Timeframe, start: Timestamp, seed: UInt64, startPrice: Double = 100,
        volatility: Double = 0.001, decimals: Int = 4
    ) {
        precondition((0...8).contains(decimals), "decimals must be within 0...8")
        precondition(volatility > 0 && volatility <= 0.2, "volatility must be within (0, 0.2]")
        precondition(startPrice > 0 && startPrice * Self.scale(decimals) < 1e15, "startPrice out of range")
        self.symbol = symbol
        self.timeframe = timeframe
        self.start = start
        self.seed = seed
        self.startPrice = startPrice
        self.volatility = volatility
        self.decimals = decimals
    }

    /// The first `count` bars as a series.
    public func series(count: Int) -> BarSeries {
        var times: [Int64] = []
        var open: [Double] = []
        var high: [Double] = []
        var low: [Double] = []
        var close: [Double] = []
        var volume: [Double] = []
        times.reserveCapacity(count)
        open.reserveCapacity(count)
        high.reserveCapacity(count)
        low.reserveCapacity(count)
        close.reserveCapacity(count)
        volume.reserveCapacity(count)
        let scale = Self.scale(decimals)
        var walk = Walk(self)
        for _ in 0..<count {
            let bar = walk.next()
            times.append(bar.time)
            open.append(Double(bar.open) / scale)
            high.append(Double(bar.high) / scale)
            low.append(Double(bar.low) / scale)
            close.append(Double(bar.close) / scale)
            volume.append(Double(bar.volume))
        }
        return BarSeries(
            symbol: symbol, timeframe: timeframe, times: times, open: open, high: high, low: low, close: close,
            volume: volume)
    }

    /// The first `count` bars as CSV text with a header (`timestamp,open,high,low,close,volume`).
    public func csv(count: Int) -> String {
        var text: [UInt8] = []
        writeCSV(count: count) { chunk in text.append(contentsOf: chunk) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Streams the CSV text of the first `count` bars to `sink` in chunks of about `chunkSize`
    /// bytes (the header first; the chunks concatenated are exactly `csv(count:)`). A chunk is
    /// only valid during the call that receives it. Stops at the first error `sink` throws.
    public func writeCSV<Failure: Error>(
        count: Int, chunkSize: Int = 1 << 16, to sink: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        var writer = BarCSVTextWriter(decimals: decimals, capacity: chunkSize + 256)
        writer.appendHeader()
        var walk = Walk(self)
        for _ in 0..<count {
            let bar = walk.next()
            writer.appendRow(
                time: bar.time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
            if writer.bytes.count >= chunkSize {
                try Self.flush(writer.bytes, to: sink)
                writer.removeAll()
            }
        }
        if !writer.bytes.isEmpty { try Self.flush(writer.bytes, to: sink) }
    }

    /// A lower bound of the length of `csv(count:)` in bytes, for refusing a count whose output
    /// cannot fit before writing any of it: the header, then per bar at least a 20-character time,
    /// four prices of one integer digit and `decimals` more after the point, a volume of three
    /// digits (every volume is ≥ 500), five commas and a newline. A `Double`, so that any count fits.
    public func csvByteCountLowerBound(count: Int) -> Double {
        let price = 1 + (decimals > 0 ? 1 + decimals : 0)
        let row = 20 + 4 * price + 3 + 5 + 1
        return Double("timestamp,open,high,low,close,volume\n".utf8.count) + Double(max(0, count)) * Double(row)
    }

    private static func flush<Failure: Error>(
        _ bytes: [UInt8], to sink: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        let outcome = bytes.withUnsafeBytes { chunk in Result { () throws(Failure) in try sink(chunk) } }
        try outcome.get()
    }

    private static func scale(_ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return scale
    }

    /// One bar in ticks.
    private struct TickBar {
        var time: Int64
        var open: Int64
        var high: Int64
        var low: Int64
        var close: Int64
        var volume: Int64
    }

    /// The walk's state: the generator, the next bar's time and the previous close in ticks.
    private struct Walk {
        var random: SplitMix64
        var time: Int64
        let step: Int64
        let volatility: Double
        let scale: Double
        var previousClose: Int64

        init(_ parameters: RandomWalkBars) {
            random = SplitMix64(seed: parameters.seed)
            time = parameters.start.seconds
            step = parameters.timeframe.nominalSeconds
            volatility = parameters.volatility
            scale = RandomWalkBars.scale(parameters.decimals)
            previousClose = max(1, Int64((parameters.startPrice * scale).rounded()))
        }

        mutating func next() -> TickBar {
            let open = previousClose
            let openPrice = Double(open) / scale
            let closePrice = openPrice * (1 + volatility * random.nextShock())
            let close = ticks(closePrice)
            let top = Double(max(open, close)) / scale
            let bottom = Double(min(open, close)) / scale
            let high = max(ticks(top * (1 + 0.5 * volatility * abs(random.nextShock()))), max(open, close))
            let lowShock = min(0.5, 0.5 * volatility * abs(random.nextShock()))
            let low = min(ticks(bottom * (1 - lowShock)), min(open, close))
            let volume = Int64((1000 * (0.5 + random.nextUnit()) * (1 + abs(closePrice / openPrice - 1) * 100)))
            let bar = TickBar(time: time, open: open, high: high, low: low, close: close, volume: volume)
            time += step
            previousClose = close
            return bar
        }

        /// A price in whole ticks, at least one.
        private func ticks(_ price: Double) -> Int64 { max(1, Int64((price * scale).rounded())) }
    }
}

extension SplitMix64 {
    /// An approximately standard normal shock in [−4.25, 4.25]: the sum of six uniforms, centred
    /// and scaled to unit variance (Irwin–Hall), using only exact IEEE operations.
    mutating func nextShock() -> Double {
        var sum = 0.0
        for _ in 0..<6 { sum += nextUnit() }
        return (sum - 3) * 1.414_213_562_373_095_1
    }
}
