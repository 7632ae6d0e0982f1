import BallastCore
import BallastRisk
import BallastStrategies

/// A strategy's immutable inputs inside the kernel: where its bars are, its signals and the
/// indicator column its sizer reads, and the settings its fills need.
struct StrategyLane: Sendable {
    let index: Int
    let id: String
    let symbol: String
    let series: Int
    let quantityStep: Double?
    let context: FillContext
    let signals: [Signal]
    /// The profile's `confidence_key` column, when the strategy emits it.
    let confidence: [Double]?
    let trailingStop: TrailingStopConfig?
    /// The symbol's daily volatility after every bar for this strategy's volatility window (NaN
    /// while undefined), computed once per (series, window) and shared; nil when not used.
    let volatility: [Double]?
}

/// A series' columns plus what the kernel derives from them once (ATR, close times).
struct SeriesColumns: Sendable {
    let series: BarSeries
    let atr: [Double]
    let closeTimes: [Int64]

    init(_ series: BarSeries, atrPeriod: Int) {
        self.series = series
        atr = Indicators.atr(series, period: atrPeriod)
        let length = series.timeframe.nominalSeconds
        closeTimes = series.times.map { $0 + length }
    }
}
