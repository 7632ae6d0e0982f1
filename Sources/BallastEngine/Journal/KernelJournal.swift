import BallastCore
import BallastReports
import BallastRisk

/// The kernel's journaling side: numbers orders, fills, trades and adjustments; notices UTC day
/// ends for snapshots and daily performance rows; tracks what happened under each adjustment; and
/// collects everything into a `JournalBatch` the coordinator drains after every chunk.
struct KernelJournal: Sendable {
    /// A sleeve's (or the portfolio's) mark at the last bar of a day: what its snapshot shows.
    struct DayMark: Sendable {
        var day: Int64 = .min
        var time = Timestamp(seconds: 0)
        var equity = 0.0
        var peak = 0.0
        var gross = 0.0
        var realized = 0.0
    }

    /// A strategy's state after one bar, as its day-end snapshot shows it. The kernel reads it only
    /// when the next bar starts a new UTC day, so no bar pays for a mark of its own.
    struct BarMark: Sendable {
        var time: Timestamp
        var equity: Double
        /// The highest equity so far, the initial equity included.
        var peak: Double
        var gross: Double
        var realized: Double
    }

    /// A strategy's current UTC day and the equity it closed the previous day at.
    struct SleeveDay: Sendable {
        var day: Int64 = .min
        /// The equity at the end of the previous completed day (initially the starting equity).
        var previousClose: Double
    }

    /// The adjustment regime a strategy is in and what it has seen so far.
    struct OpenAdjustment: Sendable {
        var seq: Int
        var start: Timestamp
        var trades = 0
        var pnl = 0.0
    }

    var batch = JournalBatch()
    private(set) var orderSeq = 0
    private(set) var fillSeq = 0
    private(set) var tradeSeq = 0
    private(set) var adjustmentSeq = 0
    private var days: [SleeveDay]
    private var portfolioMark = DayMark()
    private var streaks: [(wins: Int, losses: Int)]
    private var sharpe: [RollingSharpe]
    private var open: [OpenAdjustment?]
    private let ids: [String]
    private let symbols: [String]

    init(ids: [String], symbols: [String], windows: [Int], initialEquity: [Double], periodsPerYear: Double) {
        self.ids = ids
        self.symbols = symbols
        days = initialEquity.map { SleeveDay(previousClose: $0) }
        streaks = ids.map { _ in (0, 0) }
        sharpe = windows.map { RollingSharpe(window: $0, periodsPerYear: periodsPerYear) }
        open = ids.map { _ in nil }
    }

    /// Takes what was journaled so far, leaving an empty batch.
    /// The next batch reserves as many decisions as this one held, sparing its growth copies.
    mutating func drain() -> JournalBatch {
        let drained = batch
        batch = JournalBatch()
        batch.decisions.reserveCapacity(drained.decisions.count)
        return drained
    }

    // MARK: Orders, fills, trades

    /// Journals an order and its fill, and the position after it; returns the fill's sequence.
    mutating func fill(
        strategy index: Int, intent: OrderIntent, positionSide: Side, buying: Bool, quantity: Double, price: Double,
        fee: Double, time: Timestamp, createdAt: Timestamp, decisionSeq: Int?, fraction: Double?,
        after position: OpenPosition?
    ) {
        orderSeq += 1
        fillSeq += 1
        batch.orders.append(
            OrderRecord(
                seq: orderSeq, strategyID: ids[index], symbol: symbols[index], side: positionSide, intent: intent,
                createdAt: createdAt, decisionSeq: decisionSeq, fraction: fraction, status: .filled))
        batch.fills.append(
            FillRecord(
                seq: fillSeq, orderSeq: orderSeq, strategyID: ids[index], symbol: symbols[index],
                side: buying ? .buy : .sell, quantity: quantity, price: price, fee: fee, time: time))
        batch.positions.append(
            PositionRecord(
                fillSeq: fillSeq, strategyID: ids[index], symbol: symbols[index], time: time, side: position?.side,
                quantity: position?.quantity ?? 0, entryPrice: position?.entryPrice, stopLoss: position?.stopLoss,
                takeProfit: position?.takeProfit))
    }

    /// Journals an order that never filled.
    mutating func cancelled(
        strategy index: Int, intent: OrderIntent, side: Side, createdAt: Timestamp, decisionSeq: Int?, fraction: Double?
    ) {
        orderSeq += 1
        batch.orders.append(
            OrderRecord(
                seq: orderSeq, strategyID: ids[index], symbol: symbols[index], side: side, intent: intent,
                createdAt: createdAt, decisionSeq: decisionSeq, fraction: fraction, status: .cancelled))
    }

    /// Journals a closed trade; counts it for the strategy's streaks and its open adjustment.
    mutating func trade(strategy index: Int, _ trade: TradeOutcome) {
        tradeSeq += 1
        batch.trades.append(TradeRecord(seq: tradeSeq, strategyID: ids[index], symbol: symbols[index], trade: trade))
        if trade.pnl > 0 {
            streaks[index] = (streaks[index].wins + 1, 0)
        } else if trade.pnl < 0 {
            streaks[index] = (0, streaks[index].losses + 1)
        }
        open[index]?.trades += 1
        open[index]?.pnl += trade.pnl
    }

    // MARK: Risk

    /// Journals adjustment events: each ends the strategy's previous regime and starts a new one,
    /// with a performance row at its time.
    mutating func adjustments(
        strategy index: Int, _ events: [RiskAdjustmentEvent], adjustments: RiskAdjustments
    ) {
        for event in events {
            end(strategy: index, at: event.time)
            adjustmentSeq += 1
            batch.adjustments.append(AdjustmentRecord(seq: adjustmentSeq, strategyID: ids[index], event: event))
            open[index] = OpenAdjustment(seq: adjustmentSeq, start: event.time)
        }
        if let last = events.last {
            performance(strategy: index, time: last.time, trigger: .adjustment, adjustments: adjustments)
        }
    }

    /// Ends the strategy's open adjustment (if any) at `time`.
    mutating func end(strategy index: Int, at time: Timestamp) {
        guard let current = open[index] else { return }
        batch.adjustmentEnds.append(
            AdjustmentEndRecord(
                seq: current.seq, endedAt: time, durationSeconds: time.seconds - current.start.seconds,
                trades: current.trades, pnl: current.pnl))
        open[index] = nil
    }

    /// A `dynamic_performance_metrics` row from the factors and inputs in force.
    mutating func performance(
        strategy index: Int, time: Timestamp, trigger: PerformanceTrigger, adjustments: RiskAdjustments
    ) {
        let inputs = adjustments.inputs
        batch.performance.append(
            PerformanceRecord(
                strategyID: ids[index], time: time, trigger: trigger, winRate: inputs.winRate,
                profitFactor: inputs.profitFactor, sharpe: sharpe[index].value, drawdown: inputs.drawdown,
                volatility: inputs.volatility, consecutiveWins: streaks[index].wins,
                consecutiveLosses: streaks[index].losses, tradeCount: inputs.tradeCount, adjustments: adjustments))
    }

    // MARK: Days

    /// Called at a strategy's first bar of each UTC day, after that bar's own records, with the
    /// strategy's state after its previous bar (nil at its first bar): snapshots the day that ended
    /// and returns that day's last bar time (the caller then adds the day's performance row with the
    /// factors in force), and the end of the new day in epoch seconds (the kernel calls again at the
    /// first bar at or after it).
    mutating func startDay(strategy index: Int, at time: Timestamp, previous: BarMark?)
        -> (ended: Timestamp?, dayEnd: Int64)
    {
        let day = time.utcDay
        var ended: Timestamp?
        if let previous, days[index].day != .min {
            snapshot(
                scope: ids[index],
                DayMark(
                    day: days[index].day, time: previous.time, equity: previous.equity, peak: previous.peak,
                    gross: previous.gross, realized: previous.realized))
            let close = days[index].previousClose
            if close > 0 { sharpe[index].push(previous.equity / close - 1) }
            days[index].previousClose = previous.equity
            ended = previous.time
        }
        days[index].day = day
        return (ended, (day + 1) * Timestamp.secondsPerDay)
    }

    /// The portfolio's mark at every bar-close group; snapshots at each UTC day's end.
    mutating func markPortfolio(time: Timestamp, equity: Double, gross: Double, realized: Double) {
        let day = time.utcDay
        if day != portfolioMark.day, portfolioMark.day != .min { snapshot(scope: "portfolio", portfolioMark) }
        portfolioMark.day = day
        portfolioMark.time = time
        portfolioMark.equity = equity
        portfolioMark.peak = max(portfolioMark.peak, equity)
        portfolioMark.gross = gross
        portfolioMark.realized = realized
    }

    /// The final snapshots and performance rows, and the end of every open adjustment. `last` is each
    /// strategy's state after its last bar and the closing fills.
    mutating func finish(adjustments: [RiskAdjustments], last: [BarMark]) {
        for index in ids.indices {
            let mark = last[index]
            snapshot(
                scope: ids[index],
                DayMark(
                    day: days[index].day, time: mark.time, equity: mark.equity, peak: mark.peak, gross: 0,
                    realized: mark.realized))
            performance(strategy: index, time: mark.time, trigger: .final, adjustments: adjustments[index])
            end(strategy: index, at: mark.time)
        }
    }

    /// The portfolio's final snapshot.
    mutating func finishPortfolio(time: Timestamp, equity: Double, realized: Double) {
        portfolioMark.time = max(portfolioMark.time, time)
        portfolioMark.equity = equity
        portfolioMark.peak = max(portfolioMark.peak, equity)
        portfolioMark.gross = 0
        portfolioMark.realized = realized
        snapshot(scope: "portfolio", portfolioMark)
    }

    private mutating func snapshot(scope: String, _ mark: DayMark) {
        batch.snapshots.append(
            AccountSnapshotRecord(
                time: mark.time, scope: scope, equity: mark.equity, peak: mark.peak,
                drawdown: mark.peak > 0 ? max(0, (mark.peak - mark.equity) / mark.peak) : 0,
                grossExposure: mark.equity > 0 ? mark.gross / mark.equity : 0, realizedPnL: mark.realized))
    }
}
