/// One point of a time series: `time` in epoch seconds, `value` in the series' unit.
public struct SeriesPoint: Sendable, Equatable {
    public var time: Double
    public var value: Double

    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}
