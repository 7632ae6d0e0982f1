import BallastCore
import BallastReports
import BallastRisk

/// The journal consumer of the kernel's events (`KernelEvent`): numbers orders, fills, trades and
/// adjustments; tracks each strategy's UTC day from its bar marks, for day-end snapshots and daily
/// performance rows; tracks what happened under each adjustment; and collects everything into a
/// `JournalBatch` the driver drains after every chunk (backtest) or bar group (live).
///
/// It is fed the events in the order the kernel emitted them, so each table's rows come out in
/// the same order whichever driver runs the kernel.
package struct KernelJournal: Sendable {
    /// A sleeve's (or the portfolio's) mark at the last bar of a day: what its snapshot shows.
    struct DayMark: Sendable {
        var day: Int64 = .min
        var time = Timestamp(seconds: 0)
        var equity = 0.0
        var peak = 0.0
        var gross = 0.0
        var realized = 0.0
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
    /// Each strategy's end of its current UTC day in epoch seconds (`.min` before its first bar):
    /// a bar at or after it starts a new day.
    private var dayEnds: [Int64]
    /// Each strategy's state after its previous bar (nil before its first).
    private var lastMarks: [SleeveMark?]
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
        dayEnds = ids.map { _ in .min }
        lastMarks = ids.map { _ in nil }
        streaks = ids.map { _ in (0, 0) }
        sharpe = windows.map { RollingSharpe(window: $0, periodsPerYear: periodsPerYear) }
        open = ids.map { _ in nil }
    }

    /// The journal of `kernel`'s run: its strategies, their windows and starting equity, and the
    /// data's calendar for the Sharpe ratios (`annualization`, else detected from the data).
    package init(kernel: BacktestKernel, setup: PortfolioSetup, annualization: Annualization? = nil) {
        let weekend = setup.series.contains { Annualization.hasWeekendBars($0.times) }
        self.init(
            ids: kernel.lanes.map(\.id), symbols: kernel.lanes.map(\.symbol),
            windows: kernel.lanes.map { $0.context.profile.dynamicRisk.performanceWindowDays },
            initialEquity: kernel.ledgers.map(\.initialEquity),
            periodsPerYear: (annualization ?? Annualization.detect(hasWeekendBars: weekend)).periodsPerYear)
    }

    /// Journals the kernel's events, in order.
    package mutating func consume(_ events: [KernelEvent]) {
        for event in events {
            switch event {
            case .filled(let fill): self.fill(fill)
            case .cancelled(let index, let intent, let side, let createdAt, let decisionSeq, let fraction):
                cancelled(
                    strategy: index, intent: intent, side: side, createdAt: createdAt, decisionSeq: decisionSeq,
                    fraction: fraction)
            case .trade(let index, let trade): self.trade(strategy: index, trade)
            case .decision(let decision): batch.decisions.append(decision)
            case .adjusted(let index, let changes, let adjustments):
                self.adjustments(strategy: index, changes, adjustments: adjustments)
            case .sleeveMarked(let index, let mark, let adjustments):
                sleeveMarked(strategy: index, mark, adjustments: adjustments)
            case .portfolioMarked(let time, let equity, let gross, let realized):
                markPortfolio(time: time, equity: equity, gross: gross, realized: realized)
            case .reduceOnlyChanged(let change): batch.reduceOnly.append(change)
            case .operatorCommandApplied(let applied): batch.operatorCommandsApplied.append(applied)
            case .strategyStates(let states): batch.strategyStates.append(contentsOf: states)
            case .riskState(let state): batch.riskState = state
            case .finished(let last, let adjustments, let time, let equity, let realized):
                finish(adjustments: adjustments, last: last)
                finishPortfolio(time: time, equity: equity, realized: realized)
            }
        }
    }

    /// Takes what was journaled so far, leaving an empty batch.
    /// The next batch reserves as many decisions as this one held, sparing its growth copies.
    package mutating func drain() -> JournalBatch {
        let drained = batch
        batch = JournalBatch()
        batch.decisions.reserveCapacity(drained.decisions.count)
        return drained
    }

    // MARK: Orders, fills, trades

    /// Journals an order and its fill, and the position after it.
    private mutating func fill(_ fill: KernelFill) {
        let index = fill.strategy
        let position = fill.after
        orderSeq += 1
        fillSeq += 1
        batch.orders.append(
            OrderRecord(
                seq: orderSeq, strategyID: ids[index], symbol: symbols[index], side: fill.positionSide,
                intent: fill.intent, createdAt: fill.createdAt, decisionSeq: fill.decisionSeq, fraction: fill.fraction,
                status: .filled))
        batch.fills.append(
            FillRecord(
                seq: fillSeq, orderSeq: orderSeq, strategyID: ids[index], symbol: symbols[index], side: fill.action,
                quantity: fill.quantity, price: fill.price, fee: fill.fee, time: fill.time))
        batch.positions.append(
            PositionRecord(
                fillSeq: fillSeq, strategyID: ids[index], symbol: symbols[index], time: fill.time,
                side: position?.side, quantity: position?.quantity ?? 0, entryPrice: position?.entryPrice,
                stopLoss: position?.stopLoss, takeProfit: position?.takeProfit))
    }

    /// Journals an order that never filled.
    private mutating func cancelled(
        strategy index: Int, intent: OrderIntent, side: Side, createdAt: Timestamp, decisionSeq: Int?, fraction: Double?
    ) {
        orderSeq += 1
        batch.orders.append(
            OrderRecord(
                seq: orderSeq, strategyID: ids[index], symbol: symbols[index], side: side, intent: intent,
                createdAt: createdAt, decisionSeq: decisionSeq, fraction: fraction, status: .cancelled))
    }

    /// Journals a closed trade; counts it for the strategy's streaks and its open adjustment.
    private mutating func trade(strategy index: Int, _ trade: TradeOutcome) {
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
    private mutating func adjustments(
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
    private mutating func end(strategy index: Int, at time: Timestamp) {
        guard let current = open[index] else { return }
        batch.adjustmentEnds.append(
            AdjustmentEndRecord(
                seq: current.seq, endedAt: time, durationSeconds: time.seconds - current.start.seconds,
                trades: current.trades, pnl: current.pnl))
        open[index] = nil
    }

    /// A `dynamic_performance_metrics` row from the factors and inputs in force.
    private mutating func performance(
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

    /// A strategy's state after one of its bars. At its first bar of each UTC day (after that
    /// bar's own records), snapshots the day that ended as its previous bar left it, with the day's
    /// performance row at that bar's time and the factors in force now.
    private mutating func sleeveMarked(strategy index: Int, _ mark: SleeveMark, adjustments: RiskAdjustments) {
        if mark.time.seconds >= dayEnds[index] {
            let (ended, dayEnd) = startDay(strategy: index, at: mark.time, previous: lastMarks[index])
            dayEnds[index] = dayEnd
            if let ended { performance(strategy: index, time: ended, trigger: .daily, adjustments: adjustments) }
        }
        lastMarks[index] = mark
    }

    /// Snapshots the day that ended (given the strategy's state after its previous bar, nil at its
    /// first bar) and returns that day's last bar time and the end of the new day in epoch seconds.
    private mutating func startDay(strategy index: Int, at time: Timestamp, previous: SleeveMark?)
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
    private mutating func markPortfolio(time: Timestamp, equity: Double, gross: Double, realized: Double) {
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
    private mutating func finish(adjustments: [RiskAdjustments], last: [SleeveMark]) {
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
    private mutating func finishPortfolio(time: Timestamp, equity: Double, realized: Double) {
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
