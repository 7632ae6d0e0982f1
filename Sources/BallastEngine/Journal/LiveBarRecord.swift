import BallastCore

/// A bar a live run processed, as journaled (so that a restart can replay it).
public struct LiveBarRecord: Sendable, Equatable {
    /// The series' index in the portfolio.
    public var series: Int
    public var symbol: String
    public var timeframe: Timeframe
    public var bar: Bar

    public init(series: Int, symbol: String, timeframe: Timeframe, bar: Bar) {
        self.series = series
        self.symbol = symbol
        self.timeframe = timeframe
        self.bar = bar
    }

    /// When the bar closes: its label plus the timeframe's length.
    public var closeTime: Int64 { bar.time.seconds + timeframe.nominalSeconds }
}
