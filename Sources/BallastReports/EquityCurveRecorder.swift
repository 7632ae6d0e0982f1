import BallastCore

/// Records one equity curve (a strategy's sleeve or the whole portfolio) as the engine produces it,
/// one call per bar, and summarises it as an ``EquityCurve`` for ``MetricsCalculator``.
///
/// It keeps only what the metrics of SPEC §14 need, never the full bar series: the initial equity,
/// the last equity of each UTC day, the running peak and the maximum drawdown at bar resolution,
/// the number of bars and of bars in the market, the first and last time and the final equity.
///
/// ``record(time:equity:inMarket:)`` is O(1) and allocates only when a bar starts a new UTC day
/// (one amortised append to each daily array). Reading ``curve`` shares the daily arrays
/// (copy-on-write); the next recording after a read copies them once.
///
/// Invariants: the running peak starts at the initial equity; the maximum drawdown is
/// `max((peak − equity) / peak)` over the bars recorded, 0 before any; `days` is strictly increasing.
public struct EquityCurveRecorder: Sendable {
    /// The equity before the first bar; finite and > 0.
    public let initialEquity: Double
    /// The UTC day numbers that have at least one bar, strictly increasing.
    public var days: [Int64] { currentDay.map { completedDays + [$0] } ?? completedDays }
    /// The equity of the last bar of each day of `days`, index for index.
    public var dailyEquity: [Double] { currentDay == nil ? completedEquity : completedEquity + [finalEquity] }
    /// Days before the current one, and their last equity; the current day is kept in scalars so
    /// that a bar costs no array work.
    private var completedDays: [Int64] = []
    private var completedEquity: [Double] = []
    private var currentDay: Int64?
    /// The seconds of the current day, `[currentDayStart, currentDayEnd)`: a bar inside it needs no
    /// day number (a division); empty before the first bar.
    private var currentDayStart = Int64.max
    private var currentDayEnd = Int64.min
    /// The lowest equity whose drawdown from the current peak is known to be within `maxDrawdown`:
    /// `(peak − equity) / peak` only falls as equity rises (rounding is monotonic), so a bar at or
    /// above it cannot set a new maximum and needs no division. Reset when the peak moves.
    private var drawdownCheckedDownTo = Double.infinity
    /// The highest equity seen so far, the initial equity included.
    public private(set) var peakEquity: Double
    /// The largest fall from a running peak so far, as a fraction of that peak.
    public private(set) var maxDrawdown: Double = 0
    /// The number of bars recorded.
    public private(set) var bars = 0
    /// The number of bars recorded with a position open.
    public private(set) var barsInMarket = 0
    /// The time of the first bar recorded; nil before any.
    public private(set) var firstTime: Timestamp?
    /// The time of the last bar recorded; nil before any.
    public private(set) var lastTime: Timestamp?
    /// The equity of the last bar recorded; the initial equity before any.
    public private(set) var finalEquity: Double

    /// Starts an empty curve.
    ///
    /// - Parameter initialEquity: the equity before the first bar; must be finite and > 0 (traps otherwise).
    public init(initialEquity: Double) {
        precondition(
            initialEquity.isFinite && initialEquity > 0,
            "EquityCurveRecorder: initial equity \(initialEquity) must be finite and positive")
        self.initialEquity = initialEquity
        self.peakEquity = initialEquity
        self.finalEquity = initialEquity
    }

    /// Records the equity at one bar.
    ///
    /// - Parameters:
    ///   - time: the bar's time; must not be earlier than the previous call's (traps otherwise).
    ///     Bars of the same UTC day overwrite that day's equity; the day's last bar wins.
    ///   - equity: the equity at this bar (marked to market); must be finite (traps otherwise).
    ///   - inMarket: whether a position is open at this bar; counts toward exposure.
    public mutating func record(time: Timestamp, equity: Double, inMarket: Bool) {
        precondition(equity.isFinite, "EquityCurveRecorder: equity \(equity) at \(time) is not finite")
        if let lastTime {
            precondition(time >= lastTime, "EquityCurveRecorder: time \(time) is before the previous \(lastTime)")
        } else {
            firstTime = time
        }
        if time.seconds < currentDayStart || time.seconds >= currentDayEnd {
            let day = time.utcDay
            if let currentDay {
                completedDays.append(currentDay)
                completedEquity.append(finalEquity)
            }
            currentDay = day
            currentDayStart = day * Timestamp.secondsPerDay
            currentDayEnd = currentDayStart + Timestamp.secondsPerDay
        }
        if equity > peakEquity {
            peakEquity = equity
            drawdownCheckedDownTo = .infinity
        } else if equity < drawdownCheckedDownTo {
            let drawdown = (peakEquity - equity) / peakEquity
            if drawdown > maxDrawdown { maxDrawdown = drawdown }
            drawdownCheckedDownTo = equity
        }
        bars += 1
        if inMarket { barsInMarket += 1 }
        lastTime = time
        finalEquity = equity
    }

    /// The immutable summary of everything recorded so far.
    public var curve: EquityCurve {
        EquityCurve(
            initialEquity: initialEquity, finalEquity: finalEquity, peakEquity: peakEquity, maxDrawdown: maxDrawdown,
            days: days, dailyEquity: dailyEquity, bars: bars, barsInMarket: barsInMarket, firstTime: firstTime,
            lastTime: lastTime)
    }
}
