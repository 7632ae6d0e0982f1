/// One OHLCV candle of one symbol. `time` is the bar's **open** time, UTC.
///
/// Invariants when produced by the loader: prices finite and > 0, `low ≤ min(open, close)`,
/// `high ≥ max(open, close)`, `volume ≥ 0`.
public struct Bar: Hashable, Sendable {
    public var time: Timestamp
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double

    public init(time: Timestamp, open: Double, high: Double, low: Double, close: Double, volume: Double = 0) {
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
