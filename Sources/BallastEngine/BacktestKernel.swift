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
    var sleeves: [SleeveState]
    var portfolio: EquityCurveRecorder
    var decisions: [RiskDecision] = []
    var reduceOnlyEvents: [ReduceOnlyEvent] = []
    /// The next event to process and the end of the current chunk.
    var cursor = 0
    var chunkEnd = 0
    private var touched: [Bool]
    private var requests: [EntryRequest] = []

    init(
        lanes: [StrategyLane], columns: [SeriesColumns], timeline: EventTimeline, setup: PortfolioSetup,
        sleeves: [SleeveState]
    ) {
        self.lanes = lanes
        self.columns = columns
        self.timeline = timeline
        self.sleeves = sleeves
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
        let events = timeline.events
        for position in group {
            let event = events[position]
            for lane in lanesBySeries[Int(event.series)] { stepBar(lane: lane, bar: Int(event.bar)) }
        }
        // The bars' last second: their own UTC day for the curve and the book's clock.
        let clock = Timestamp(seconds: events[group.lowerBound].closeTime - 1)
        var equity = 0.0
        var gross = 0.0
        var reserved = 0.0
        for index in sleeves.indices {
            let sleeve = sleeves[index]
            equity += sleeve.equity
            gross += sleeve.grossNotional
            reserved += sleeve.pending?.reserved ?? 0
            if touched[index], let event = book.markSleeve(index, equity: sleeve.equity, at: clock) {
                reduceOnlyEvents.append(event)
            }
        }
        let inMarket = gross > 0
        portfolio.record(time: clock, equity: equity, inMarket: inMarket)
        let freeCash = equity - gross - reserved
        if let event = book.markPortfolio(equity: equity, freeCash: freeCash, at: clock) {
            reduceOnlyEvents.append(event)
        }
        for position in group {
            let event = events[position]
            for lane in lanesBySeries[Int(event.series)] {
                touched[lane] = false
                signal(lane: lane, bar: Int(event.bar), portfolioEquity: equity, book: &book)
            }
        }
        if !requests.isEmpty { resolveRequests(portfolioEquity: equity, book: &book) }
    }

    /// Phase 1 and 2 for one strategy at one bar: fills at the open, exits, trailing, marks.
    private mutating func stepBar(lane index: Int, bar: Int) {
        let lane = lanes[index]
        let series = columns[lane.series].series
        let time = Timestamp(seconds: series.times[bar])
        let open = series.open[bar]
        var sleeve = sleeves[index]
        if let order = sleeve.pending, !fillAtClose {
            sleeve.pending = nil
            if let reason = order.exitReason, sleeve.position != nil {
                sleeve.close(rawPrice: open, reason: reason, time: time, execution: lane.context.execution)
            }
            if let entry = order.entry {
                sleeve.mark = open
                let power = buyingPower(excluding: index, sleeve: sleeve, price: open)
                _ = sleeve.open(
                    entry, rawPrice: open, bar: bar, time: time, buyingPower: power, quantityStep: lane.quantityStep,
                    context: lane.context)
            }
        }
        if var position = sleeve.position, position.entryBar < bar {
            if let (price, reason) = ExitRule.check(
                position, open: open, high: series.high[bar], low: series.low[bar])
            {
                sleeve.close(rawPrice: price, reason: reason, time: time, execution: lane.context.execution)
            } else if let trailing = lane.trailingStop {
                ExitRule.trail(&position, high: series.high[bar], low: series.low[bar], config: trailing)
                sleeve.position = position
            }
        }
        let close = series.close[bar]
        sleeve.mark = close
        let equity = sleeve.equity
        let changes = sleeve.dynamic.update(barTime: time, equity: equity, close: close)
        if !changes.isEmpty {
            sleeve.adjustments.append(contentsOf: changes)
        }
        sleeve.minPositionSizeFactor = min(sleeve.minPositionSizeFactor, sleeve.dynamic.adjustments.positionSizeFactor)
        sleeve.recorder.record(time: time, equity: equity, inMarket: sleeve.position != nil)
        sleeves[index] = sleeve
        touched[index] = true
    }

    /// Buying power for a fill: leverage × portfolio equity minus the gross notional of every
    /// other position and the reservations of other pending entries.
    private func buyingPower(excluding index: Int, sleeve: SleeveState, price: Double) -> Double {
        var equity = sleeve.equity
        var used = 0.0
        for other in sleeves.indices where other != index {
            equity += sleeves[other].equity
            used += sleeves[other].grossNotional + (sleeves[other].pending?.reserved ?? 0)
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
            guard sleeves[index].position != nil else { return }
            if fillAtClose {
                let series = columns[lane.series].series
                sleeves[index].close(
                    rawPrice: series.close[bar], reason: .signal, time: Timestamp(seconds: series.times[bar]),
                    execution: lane.context.execution)
            } else {
                sleeves[index].pending = PendingOrder(exitReason: .signal, entry: nil)
            }
            return
        case .enterLong: wanted = .long
        case .enterShort: wanted = .short
        }
        if sleeves[index].position?.side == wanted { return }
        let columns = self.columns[lane.series]
        let price = columns.series.close[bar]
        let atr = columns.atr[bar].isNaN ? nil : columns.atr[bar]
        let adjustments = sleeves[index].dynamic.adjustments
        let levels = StopLossTakeProfit.compute(
            entry: price, side: wanted, atr: atr, profile: lane.context.profile, parameters: parameters,
            tightening: adjustments.stopLossTightening)
        let confidence = lane.confidence.map { $0[bar] }
        requests.append(
            EntryRequest(
                strategyID: lane.id, symbol: lane.symbol, side: wanted,
                barTime: Timestamp(seconds: columns.series.times[bar]),
                decisionTime: Timestamp(seconds: columns.closeTimes[bar]), price: price, atr: atr,
                confidence: confidence, sleeveEquity: sleeves[index].equity, adjustments: adjustments,
                stopDistanceFraction: levels.stopDistanceFraction(entry: price)))
    }

    private mutating func resolveRequests(portfolioEquity: Double, book: inout PortfolioRiskBook) {
        book.setOpenPositions(openExposures(portfolioEquity: portfolioEquity))
        let resolved = book.resolve(requests)
        requests.removeAll(keepingCapacity: true)
        for decision in resolved {
            guard let index = book.index(of: decision.strategyID) else { continue }
            let lane = lanes[index]
            var sleeve = sleeves[index]
            sleeve.decisions += 1
            if !decision.isApproved { sleeve.denied += 1 }
            let atr = decisionATR(lane: lane, decision: decision)
            let entry =
                decision.isApproved
                ? PendingOrder.Entry(
                    side: decision.side, fraction: decision.approvedFraction, portfolioEquity: portfolioEquity,
                    atr: atr, tightening: decision.stopLossTightening) : nil
            let exitReason: ExitReason? = sleeve.position != nil ? .reversal : nil
            if fillAtClose {
                let series = columns[lane.series].series
                let bar = series.lastIndex(openedAtOrBefore: decision.barTime) ?? 0
                if let reason = exitReason {
                    sleeve.close(
                        rawPrice: series.close[bar], reason: reason, time: decision.barTime,
                        execution: lane.context.execution)
                }
                if let entry {
                    sleeves[index] = sleeve
                    let power = buyingPower(excluding: index, sleeve: sleeve, price: series.close[bar])
                    _ = sleeve.open(
                        entry, rawPrice: series.close[bar], bar: bar, time: decision.barTime, buyingPower: power,
                        quantityStep: lane.quantityStep, context: lane.context)
                }
            } else if exitReason != nil || entry != nil {
                sleeve.pending = PendingOrder(exitReason: exitReason, entry: entry)
            }
            sleeves[index] = sleeve
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
        for sleeve in sleeves {
            if let position = sleeve.position {
                exposures.append(
                    OpenExposure(
                        strategyID: sleeve.id, symbol: sleeve.symbol,
                        portfolioFraction: position.side.sign * position.quantity * sleeve.mark / portfolioEquity))
            }
            if let entry = sleeve.pending?.entry {
                exposures.append(
                    OpenExposure(
                        strategyID: sleeve.id, symbol: sleeve.symbol,
                        portfolioFraction: entry.side.sign * entry.fraction))
            }
        }
        return exposures
    }

    /// Closes every open position at its last close (reason `end_of_data`) and records the final equity.
    mutating func finish() {
        var lastTime = Timestamp(seconds: Int64.min)
        for index in sleeves.indices {
            let lane = lanes[index]
            let series = columns[lane.series].series
            guard let last = series.times.last else { continue }
            let time = Timestamp(seconds: last)
            lastTime = max(lastTime, time)
            sleeves[index].pending = nil
            if sleeves[index].position != nil {
                sleeves[index].close(
                    rawPrice: sleeves[index].mark, reason: .endOfData, time: time, execution: lane.context.execution)
                sleeves[index].recorder.record(time: time, equity: sleeves[index].equity, inMarket: false)
            }
        }
        let equity = sleeves.reduce(0) { $0 + $1.equity }
        if lastTime.seconds != Int64.min {
            let lastClose = columns.map { $0.closeTimes.last ?? Int64.min }.max() ?? lastTime.seconds
            portfolio.record(time: Timestamp(seconds: lastClose - 1), equity: equity, inMarket: false)
        }
    }
}
