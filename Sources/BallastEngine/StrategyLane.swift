import BallastCore
import BallastRisk
import BallastStrategies

/// A strategy's immutable inputs inside the kernel: where its bars are, its signals and the
/// indicator column its sizer reads, and the settings its fills need.
package struct StrategyLane: Sendable {
    let index: Int
    package let id: String
    package let symbol: String
    package let series: Int
    package let quantityStep: Double?
    package let context: FillContext
    package var signals: [Signal]
    /// The profile's `confidence_key` column, when the strategy emits it.
    package var confidence: [Double]?
    let trailingStop: TrailingStopConfig?
    /// The symbol's daily volatility after every bar for this strategy's volatility window (NaN
    /// while undefined), computed once per (series, window) and shared; nil when not used.
    package var volatility: [Double]?
}

/// A series and what the kernel needs to know about it besides its columns.
package struct SeriesColumns: Sendable {
    package var series: BarSeries
    let atrPeriod: Int
    /// The timeframe's length: a bar closes this long after its label.
    let barSeconds: Int64

    package init(_ series: BarSeries, atrPeriod: Int) {
        self.series = series
        self.atrPeriod = atrPeriod
        barSeconds = series.timeframe.nominalSeconds
    }

    /// ATR at one bar, computed on demand (entries are rare next to bars), nil while undefined.
    func atr(at bar: Int) -> Double? {
        Indicators.atr(at: bar, high: series.high, low: series.low, close: series.close, period: atrPeriod)
    }

    /// A bar's close time.
    package func closeTime(at bar: Int) -> Int64 { series.times[bar] + barSeconds }
}
