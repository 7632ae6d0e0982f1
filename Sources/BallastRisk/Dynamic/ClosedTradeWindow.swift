import BallastCore

/// The closed trades of one strategy that fall in the performance window (SPEC §5), kept as a queue.
///
/// A trade is in the window at engine time `now` when `exitTime > now − windowDays × 86 400` (a trade
/// exactly `windowDays` days old has left it). There is no upper bound: a trade is recorded when it closes,
/// which is never after the engine clock. Trades should be recorded in non-decreasing exit-time order;
/// one recorded out of order is inserted at its place.
///
/// Cost: recording is amortised O(1); ``advance(to:)`` is O(1) when nothing leaves the window. When trades
/// leave, the tallies are recomputed from the remaining trades (O(trades in window)) instead of being
/// decremented, so no rounding residue can accumulate (a gross loss never becomes 1e-13 instead of 0).
/// The storage is trimmed in place, so the steady state does not allocate.
///
/// Invariants: the tallies describe exactly the trades in the queue; `wins ≤ count`; gross sums ≥ 0.
public struct ClosedTradeWindow: Sendable {
    /// The window length in days (at least 1).
    public let windowDays: Int
    private var exitTimes: [Int64] = []
    private var pnls: [Double] = []
    private var head = 0
    /// Trades in the window.
    public private(set) var count = 0
    /// Trades in the window with pnl > 0.
    public private(set) var wins = 0
    /// Σ pnl of the winning trades in the window.
    public private(set) var grossProfit = 0.0
    /// Σ |pnl| of the losing trades in the window.
    public private(set) var grossLoss = 0.0

    /// An empty window of `windowDays` days (values below 1 are taken as 1).
    public init(windowDays: Int) {
        self.windowDays = max(1, windowDays)
    }

    /// The score of the trades in the window, nil when it is empty. Kept up to date by `record` and
    /// `advance` (the only changes of the counts it is a function of), so reading it costs nothing.
    public private(set) var score: PerformanceScore?

    /// The P&Ls of the trades in the window, oldest exit first.
    public var windowPnLs: ArraySlice<Double> { pnls[head...] }

    /// Increases with every recorded trade.
    public private(set) var version = 0

    /// The first time at which `advance(to:)` would drop a trade, nil with no trade in the window.
    public var nextExpiry: Int64? {
        head < exitTimes.count ? exitTimes[head] + Int64(windowDays) * Timestamp.secondsPerDay : nil
    }

    /// Adds a closed trade. It counts until ``advance(to:)`` moves the window past its exit time.
    public mutating func record(exitTime: Timestamp, pnl: Double) {
        var index = exitTimes.count
        while index > head && exitTimes[index - 1] > exitTime.seconds { index -= 1 }
        exitTimes.insert(exitTime.seconds, at: index)
        pnls.insert(pnl, at: index)
        add(pnl)
        version += 1
        rescore()
    }

    /// Drops the trades that are no longer in the window at engine time `now`.
    public mutating func advance(to now: Timestamp) {
        let cutoff = now.seconds - Int64(windowDays) * Timestamp.secondsPerDay
        guard head < exitTimes.count, exitTimes[head] <= cutoff else { return }
        while head < exitTimes.count && exitTimes[head] <= cutoff { head += 1 }
        if head >= 64 && head * 2 >= exitTimes.count {
            exitTimes.removeFirst(head)
            pnls.removeFirst(head)
            head = 0
        }
        count = 0
        wins = 0
        grossProfit = 0
        grossLoss = 0
        for pnl in pnls[head...] { add(pnl) }
        rescore()
    }

    private mutating func rescore() {
        score = PerformanceScore(trades: count, wins: wins, grossProfit: grossProfit, grossLoss: grossLoss)
    }

    private mutating func add(_ pnl: Double) {
        count += 1
        if pnl > 0 {
            wins += 1
            grossProfit += pnl
        } else if pnl < 0 {
            grossLoss -= pnl
        }
    }
}
