import BallastCore
import BallastReports
import BallastRisk
import BallastStrategies

/// The sequential ledger-and-risk loop of a joint backtest: the functional core that the
/// coordinator runs chunk by chunk on the `RiskManager` actor (one `await` per chunk).
///
/// Each group of bars closing at the same time is processed in four phases, every phase in
/// (series, priority, id) order: fills of pending orders at the bar's open and stop/target exits;
/// marks at the close (sleeves, dynamic risk, equity curves); the shared book's marks (drawdown
/// latches); then every strategy's signal, entry requests resolved together by (priority, id).
struct BacktestKernel: RiskBookWork {
    let lanes: [StrategyLane]
    let columns: [SeriesColumns]
    /// Lane indices per series, in resolution order.
    let lanesBySeries: [[Int]]
    let timeline: EventTimeline
    let fillAtClose: Bool
    let parameters: RiskParameters
    /// Per strategy, by registration index: money, dynamic risk, equity curve and journals.
    var ledgers: [SleeveLedger]
    var dynamics: [DynamicRiskManager]
    var curves: [EquityCurveRecorder]
    var trades: [[TradeOutcome]]
    var adjustments: [[RiskAdjustmentEvent]]
    var portfolio: EquityCurveRecorder
    var decisions: [RiskDecision] = []
    var reduceOnlyEvents: [ReduceOnlyEvent] = []
    /// The next event to process and the end of the current chunk.
    var cursor = 0
    var chunkEnd = 0
    private var touched: [Bool]
    private var requests: [EntryRequest] = []

    init(lanes: [StrategyLane], columns: [SeriesColumns], timeline: EventTimeline, setup: PortfolioSetup) {
        self.lanes = lanes
        self.columns = columns
        self.timeline = timeline
        ledgers = lanes.map { lane in
            SleeveLedger(
                initialEquity: setup.strategies[lane.index].capital * setup.initialBalance,
                firstPrice: columns[lane.series].series.close.first ?? 0)
        }
        dynamics = zip(lanes, ledgers).map { lane, ledger in
            DynamicRiskManager(config: lane.context.profile.dynamicRisk, initialEquity: ledger.initialEquity)
        }
        curves = ledgers.map { EquityCurveRecorder(initialEquity: $0.initialEquity) }
        trades = lanes.map { _ in [] }
        adjustments = lanes.map { _ in [] }
        fillAtClose = setup.execution.fill == .close
        parameters = setup.risk
        var bySeries = [[Int]](repeating: [], count: columns.count)
        for index in setup.resolutionOrder { bySeries[lanes[index].series].append(index) }
        lanesBySeries = bySeries
        portfolio = EquityCurveRecorder(initialEquity: setup.initialBalance)
        touched = [Bool](repeating: false, count: lanes.count)
    }

    var isFinished: Bool { cursor >= timeline.events.count }

    /// Processes events up to `chunkEnd`, extended to the end of the last group it starts.
    mutating func run(with book: inout PortfolioRiskBook) {
        let events = timeline.events
        while cursor < min(chunkEnd, events.count) {
            let end = timeline.groupEnd(from: cursor)
            processGroup(cursor..<end, book: &book)
            cursor = end
        }
    }

    private mutating func processGroup(_ group: Range<Int>, book: inout PortfolioRiskBook) {
        for position in group {
            let event = timeline.events[position]
            for lane in lanesBySeries[Int(event.series)] { stepBar(lane: lane, bar: Int(event.bar)) }
        }
        // The bars' last second: their own UTC day for the curve and the book's clock.
        let clock = Timestamp(seconds: timeline.events[group.lowerBound].closeTime - 1)
        var equity = 0.0
        var gross = 0.0
        var reserved = 0.0
        for index in ledgers.indices {
            let sleeveEquity = ledgers[index].equity
            equity += sleeveEquity
            gross += ledgers[index].grossNotional
            reserved += ledgers[index].pending?.reserved ?? 0
            if touched[index], let event = book.markSleeve(index, equity: sleeveEquity, at: clock) {
                reduceOnlyEvents.append(event)
            }
        }
        portfolio.record(time: clock, equity: equity, inMarket: gross > 0)
        if let event = book.markPortfolio(equity: equity, freeCash: equity - gross - reserved, at: clock) {
            reduceOnlyEvents.append(event)
        }
        for position in group {
            let event = timeline.events[position]
            for lane in lanesBySeries[Int(event.series)] {
                touched[lane] = false
                if lanes[lane].signals[Int(event.bar)] != .none {
                    signal(lane: lane, bar: Int(event.bar), portfolioEquity: equity, book: &book)
                }
            }
        }
        if !requests.isEmpty { resolveRequests(portfolioEquity: equity, book: &book) }
    }

    /// Phase 1 and 2 for one strategy at one bar: the pending order fills at the open, stops and
    /// targets are checked (from the bar after the entry on), the trailing stop follows the bar,
    /// and the sleeve is marked at the close and fed to its dynamic risk manager. Everything is
    /// read by index and mutated in place: a copy here would cost reference counting on every bar.
    private mutating func stepBar(lane index: Int, bar: Int) {
        let series = lanes[index].series
        let time = Timestamp(seconds: columns[series].series.times[bar])
        let open = columns[series].series.open[bar]
        if !fillAtClose, let order = ledgers[index].pending {
            ledgers[index].pending = nil
            if let reason = order.exitReason, ledgers[index].position != nil {
                journal(ledgers[index].close(rawPrice: open, reason: reason, time: time, execution: execution), index)
            }
            if let entry = order.entry {
                ledgers[index].mark = open
                let power = buyingPower(excluding: index, price: open)
                _ = ledgers[index].open(
                    entry, rawPrice: open, bar: bar, time: time, buyingPower: power,
                    quantityStep: lanes[index].quantityStep, context: lanes[index].context)
            }
        }
        if let position = ledgers[index].position, position.entryBar < bar {
            let high = columns[series].series.high[bar]
            let low = columns[series].series.low[bar]
            if let (price, reason) = ExitRule.check(position, open: open, high: high, low: low) {
                journal(ledgers[index].close(rawPrice: price, reason: reason, time: time, execution: execution), index)
            } else if let trailing = lanes[index].trailingStop {
                ExitRule.trail(&ledgers[index].position!, high: high, low: low, config: trailing)
            }
        }
        let close = columns[series].series.close[bar]
        ledgers[index].mark = close
        let equity = ledgers[index].equity
        let changes = dynamics[index].update(barTime: time, equity: equity, close: close)
        if !changes.isEmpty { adjustments[index].append(contentsOf: changes) }
        let factor = dynamics[index].adjustments.positionSizeFactor
        if factor < ledgers[index].minPositionSizeFactor { ledgers[index].minPositionSizeFactor = factor }
        curves[index].record(time: time, equity: equity, inMarket: ledgers[index].position != nil)
        touched[index] = true
    }

    /// Journals a closed trade and tells the strategy's dynamic risk manager.
    private mutating func journal(_ trade: TradeOutcome, _ index: Int) {
        trades[index].append(trade)
        dynamics[index].recordClosedTrade(exitTime: trade.exitTime, pnl: trade.pnl)
    }

    private var execution: ExecutionSettings { lanes.first?.context.execution ?? ExecutionSettings() }

    /// Buying power for a fill of sleeve `index` at `price`: leverage × portfolio equity minus the
    /// gross notional of every other position and the reservations of other pending entries.
    /// The sleeve's own position (closed first on a reversal) is valued at `price`.
    private func buyingPower(excluding index: Int, price: Double) -> Double {
        var equity = 0.0
        var used = 0.0
        for other in ledgers.indices {
            let ledger = ledgers[other]
            if other == index {
                equity += ledger.initialEquity + ledger.realized + (ledger.position?.unrealized(at: price) ?? 0)
            } else {
                equity += ledger.equity
                used += ledger.grossNotional + (ledger.pending?.reserved ?? 0)
            }
        }
        return equity * parameters.leverage - used
    }

    /// Phase 4 for one strategy: turn its signal at this bar into exits and entry requests.
    private mutating func signal(lane index: Int, bar: Int, portfolioEquity: Double, book: inout PortfolioRiskBook) {
        let lane = lanes[index]
        let wanted: Side
        switch lane.signals[bar] {
        case .none: return
        case .exit:
            guard ledgers[index].position != nil else { return }
            if fillAtClose {
                let series = columns[lane.series].series
                journal(
                    ledgers[index].close(
                        rawPrice: series.close[bar], reason: .signal, time: Timestamp(seconds: series.times[bar]),
                        execution: execution), index)
            } else {
                ledgers[index].pending = PendingOrder(exitReason: .signal, entry: nil)
            }
            return
        case .enterLong: wanted = .long
        case .enterShort: wanted = .short
        }
        if ledgers[index].position?.side == wanted { return }
        let columns = self.columns[lane.series]
        let price = columns.series.close[bar]
        let atr = columns.atr[bar].isNaN ? nil : columns.atr[bar]
        let adjustments = dynamics[index].adjustments
        let levels = StopLossTakeProfit.compute(
            entry: price, side: wanted, atr: atr, profile: lane.context.profile, parameters: parameters,
            tightening: adjustments.stopLossTightening)
        let confidence = lane.confidence.map { $0[bar] }
        requests.append(
            EntryRequest(
                strategyID: lane.id, symbol: lane.symbol, side: wanted,
                barTime: Timestamp(seconds: columns.series.times[bar]),
                decisionTime: Timestamp(seconds: columns.closeTimes[bar]), price: price, atr: atr,
                confidence: confidence, sleeveEquity: ledgers[index].equity, adjustments: adjustments,
                stopDistanceFraction: levels.stopDistanceFraction(entry: price)))
    }

    private mutating func resolveRequests(portfolioEquity: Double, book: inout PortfolioRiskBook) {
        book.setOpenPositions(openExposures(portfolioEquity: portfolioEquity))
        let resolved = book.resolve(requests)
        requests.removeAll(keepingCapacity: true)
        for decision in resolved {
            guard let index = book.index(of: decision.strategyID) else { continue }
            let lane = lanes[index]
            ledgers[index].decisions += 1
            if !decision.isApproved { ledgers[index].denied += 1 }
            let entry =
                decision.isApproved
                ? PendingOrder.Entry(
                    side: decision.side, fraction: decision.approvedFraction, portfolioEquity: portfolioEquity,
                    atr: decisionATR(lane: lane, decision: decision), tightening: decision.stopLossTightening) : nil
            let exitReason: ExitReason? = ledgers[index].position != nil ? .reversal : nil
            if fillAtClose {
                let series = columns[lane.series].series
                let bar = series.lastIndex(openedAtOrBefore: decision.barTime) ?? 0
                let price = series.close[bar]
                if let reason = exitReason {
                    journal(
                        ledgers[index].close(
                            rawPrice: price, reason: reason, time: decision.barTime, execution: execution), index)
                }
                if let entry {
                    let power = buyingPower(excluding: index, price: price)
                    _ = ledgers[index].open(
                        entry, rawPrice: price, bar: bar, time: decision.barTime, buyingPower: power,
                        quantityStep: lane.quantityStep, context: lane.context)
                }
            } else if exitReason != nil || entry != nil {
                ledgers[index].pending = PendingOrder(exitReason: exitReason, entry: entry)
            }
            decisions.append(decision)
        }
    }

    private func decisionATR(lane: StrategyLane, decision: RiskDecision) -> Double? {
        let columns = self.columns[lane.series]
        guard let bar = columns.series.lastIndex(openedAtOrBefore: decision.barTime) else { return nil }
        let value = columns.atr[bar]
        return value.isNaN ? nil : value
    }

    /// Every open position and approved, unfilled entry as signed portfolio fractions.
    private func openExposures(portfolioEquity: Double) -> [OpenExposure] {
        guard portfolioEquity > 0 else { return [] }
        var exposures: [OpenExposure] = []
        for (index, ledger) in ledgers.enumerated() {
            if let position = ledger.position {
                exposures.append(
                    OpenExposure(
                        strategyID: lanes[index].id, symbol: lanes[index].symbol,
                        portfolioFraction: position.side.sign * position.quantity * ledger.mark / portfolioEquity))
            }
            if let entry = ledger.pending?.entry {
                exposures.append(
                    OpenExposure(
                        strategyID: lanes[index].id, symbol: lanes[index].symbol,
                        portfolioFraction: entry.side.sign * entry.fraction))
            }
        }
        return exposures
    }

    /// Closes every open position at its last close (reason `end_of_data`), drops unfilled orders
    /// and records the final equity.
    mutating func finish() {
        for index in ledgers.indices {
            let series = columns[lanes[index].series].series
            guard let last = series.times.last else { continue }
            let time = Timestamp(seconds: last)
            ledgers[index].pending = nil
            if ledgers[index].position != nil {
                let mark = ledgers[index].mark
                journal(
                    ledgers[index].close(rawPrice: mark, reason: .endOfData, time: time, execution: execution), index)
                curves[index].record(time: time, equity: ledgers[index].equity, inMarket: false)
            }
        }
        let equity = ledgers.reduce(0) { $0 + $1.equity }
        if let lastClose = columns.compactMap(\.closeTimes.last).max() {
            portfolio.record(time: Timestamp(seconds: lastClose - 1), equity: equity, inMarket: false)
        }
    }
}
