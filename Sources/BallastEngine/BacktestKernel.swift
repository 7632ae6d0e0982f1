import BallastCore
import BallastReports
import BallastRisk
import BallastStrategies

/// The sequential ledger-and-risk loop of a joint backtest: the functional core that the
/// coordinator runs chunk by chunk on the `RiskManager` actor (one `await` per chunk).
///
/// Each group of bars closing at the same time is processed in three phases, every phase in
/// (series, priority, id) order: fills of pending orders at the bar's open, stop/target exits and
/// marks at the close (sleeves, dynamic risk, equity curves); the shared book's marks (drawdown
/// latches); then every strategy's signal, entry requests resolved together by (priority, id).
package struct BacktestKernel: RiskBookWork {
    /// The strategies' inputs and the bars; a live run appends to them bar by bar (`LivePortfolio`).
    package var lanes: [StrategyLane]
    package var columns: [SeriesColumns]
    /// Lane indices per series, in resolution order.
    package let lanesBySeries: [[Int]]
    package var timeline: EventTimeline
    let fillAtClose: Bool
    let parameters: RiskParameters
    package let execution: ExecutionSettings
    /// Per strategy, by registration index: money, dynamic risk, equity curve and journals.
    package var ledgers: [SleeveLedger]
    package var dynamics: [DynamicRiskManager]
    /// What the result is built from: curves, trades, adjustments, decisions (`RunResultRecorder`).
    package var recorder: RunResultRecorder
    /// The number of risk decisions taken, kept or not (each sleeve counts its own).
    package var decisionCount: Int { ledgers.reduce(0) { $0 + $1.decisions } }
    /// Record what the loop does as `events` (a journaled run); an unjournaled one records none.
    package let recordsEvents: Bool
    /// What the loop did since the driver last took them (`takeEvents`), in order.
    var events: [KernelEvent] = []
    /// The next event to process and the end of the current chunk.
    var cursor = 0
    package var chunkEnd = 0
    /// The clock of the last processed group (the bars' last second).
    var clock = Timestamp(seconds: 0)
    var touched: [Bool]
    /// The equity each sleeve was last marked at in the book: an unchanged sleeve (a flat strategy)
    /// is not marked again, since its peak and drawdown latch cannot change.
    var bookMarks: [Double]
    var requests: [EntryRequest] = []
    /// Set by the coordinator on the last chunk: after its events, close out the run.
    package var finishWhenDone = false
    /// Who fills pending orders in phase 1 besides the SPEC §8 model: nil (a backtest, a paper
    /// venue) for the model's fill at the next open; a live run with an external venue sets
    /// `VenueFills` (BallastLive), which fills at the venue's executions.
    package var fillPolicy: (any KernelFillPolicy)?
    /// Live only: strategies whose feed is stale or failing take no new entries (exits and stops
    /// still run), and the changes still to apply (docs/LIVE.md).
    package var feedHealth = FeedHealthControls()
    /// Live only: strategies an operator halted, and commands still to apply (docs/SERVE.md).
    package var operatorControls = OperatorControls()
    package private(set) var finished = false

    package init(
        lanes: [StrategyLane], columns: [SeriesColumns], timeline: EventTimeline, setup: PortfolioSetup,
        recordsEvents: Bool, keepsDecisions: Bool = true
    ) {
        self.lanes = lanes
        self.columns = columns
        self.timeline = timeline
        fillAtClose = setup.execution.fill == .close
        parameters = setup.risk
        execution = setup.execution
        ledgers = lanes.map { lane in
            SleeveLedger(
                initialEquity: setup.strategies[lane.index].capital * setup.initialBalance,
                firstPrice: columns[lane.series].series.close.first ?? 0)
        }
        dynamics = zip(lanes, ledgers).map { lane, ledger in
            DynamicRiskManager(config: lane.context.profile.dynamicRisk, initialEquity: ledger.initialEquity)
        }
        recorder = RunResultRecorder(
            initialEquities: ledgers.map(\.initialEquity), initialBalance: setup.initialBalance,
            keepsDecisions: keepsDecisions, decisionBound: keepsDecisions ? Self.decisionBound(lanes) : 0)
        var bySeries = [[Int]](repeating: [], count: columns.count)
        for index in setup.resolutionOrder { bySeries[lanes[index].series].append(index) }
        lanesBySeries = bySeries
        touched = [Bool](repeating: false, count: lanes.count)
        bookMarks = [Double](repeating: .nan, count: lanes.count)
        self.recordsEvents = recordsEvents
    }

    package var isFinished: Bool { cursor >= timeline.count }

    /// Takes the events recorded since the last call, keeping the buffer's capacity for the next.
    package mutating func takeEvents(into consumer: ([KernelEvent]) -> Void) {
        consumer(events)
        events.removeAll(keepingCapacity: true)
    }

    /// At most one decision per entry signal: reserving that many (up to 2^20) up front spares the
    /// decisions array its growth copies, and pages never written are never touched.
    static func decisionBound(_ lanes: [StrategyLane]) -> Int {
        var entries = 0
        for lane in lanes {
            entries += lane.signals.withUnsafeBufferPointer { signals in
                var count = 0
                for signal in signals where signal == .enterLong || signal == .enterShort { count += 1 }
                return count
            }
        }
        return min(entries, 1 << 20)
    }

    /// Processes events up to `chunkEnd`, extended to the end of the last group it starts; then,
    /// when recording events, records every strategy's budget and the book's state as of the chunk's end.
    package mutating func run(with book: inout PortfolioRiskBook) {
        while cursor < min(chunkEnd, timeline.count) {
            let end = timeline.groupEnd(from: cursor)
            processGroup(cursor..<end, book: &book)
            cursor = end
        }
        if isFinished, finishWhenDone, !finished {
            finish(book: &book)
            finished = true
        } else if recordsEvents {
            recordStates(book: &book)
        }
    }

    private mutating func processGroup(_ group: Range<Int>, book: inout PortfolioRiskBook) {
        for position in group {
            let event = timeline[position]
            for lane in lanesBySeries[Int(event.series)] { stepBar(lane: lane, bar: Int(event.bar)) }
        }
        // The bars' last second: their own UTC day for the curve and the book's clock.
        clock = Timestamp(seconds: timeline[group.lowerBound].closeTime - 1)
        var equity = 0.0
        var gross = 0.0
        var reserved = 0.0
        var realized = 0.0
        for index in ledgers.indices {
            let sleeveEquity = ledgers[index].equity
            equity += sleeveEquity
            gross += ledgers[index].grossNotional
            reserved += ledgers[index].pending?.reserved ?? 0
            realized += ledgers[index].realized
            if touched[index], sleeveEquity != bookMarks[index] {
                bookMarks[index] = sleeveEquity
                if let event = book.markSleeve(index, equity: sleeveEquity, at: clock) { reduceOnly(event) }
            }
        }
        recorder.portfolio.record(time: clock, equity: equity, inMarket: gross > 0)
        if recordsEvents {
            events.append(.portfolioMarked(time: clock, equity: equity, gross: gross, realized: realized))
        }
        if let event = book.markPortfolio(equity: equity, freeCash: equity - gross - reserved, at: clock) {
            reduceOnly(event)
        }
        if !feedHealth.schedule.isEmpty {
            applyFeedHealth(closeTime: timeline[group.lowerBound].closeTime, book: book)
        }
        if !operatorControls.schedule.isEmpty {
            applyOperatorCommands(closeTime: timeline[group.lowerBound].closeTime, book: book)
        }
        for position in group {
            let event = timeline[position]
            for lane in lanesBySeries[Int(event.series)] {
                touched[lane] = false
                if lanes[lane].signals[Int(event.bar)] != .none {
                    signal(lane: lane, bar: Int(event.bar), book: &book)
                }
            }
        }
        if !requests.isEmpty { resolveRequests(portfolioEquity: equity, book: &book) }
    }

    package mutating func reduceOnly(_ event: ReduceOnlyEvent) {
        recorder.reduceOnlyChanged(event)
        if recordsEvents { events.append(.reduceOnlyChanged(event)) }
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
            if let policy = fillPolicy {
                policy.fill(order, strategy: index, bar: bar, time: time, kernel: &self)
            } else {
                execute(order, strategy: index, rawPrice: open, bar: bar, time: time)
            }
        }
        if let position = ledgers[index].position, position.entryBar < bar {
            let high = columns[series].series.high[bar]
            let low = columns[series].series.low[bar]
            if let (price, reason) = ExitRule.check(position, open: open, high: high, low: low) {
                if fillPolicy != nil {
                    // An external venue cannot fill at a price already past: the exit goes out as a
                    // market order now and fills at the venue's price.
                    if ledgers[index].pending == nil {
                        ledgers[index].pending = PendingOrder(exitReason: reason, entry: nil, createdAt: time)
                    }
                } else {
                    closePosition(index, rawPrice: price, reason: reason, time: time, createdAt: time)
                }
            } else if let trailing = lanes[index].trailingStop {
                ExitRule.trail(&ledgers[index].position!, high: high, low: low, config: trailing)
            }
        }
        let close = columns[series].series.close[bar]
        ledgers[index].mark = close
        let equity = ledgers[index].equity
        let changes: [RiskAdjustmentEvent]
        if let volatility = lanes[index].volatility?[bar] {
            changes = dynamics[index].update(
                barTime: time, equity: equity, volatility: volatility.isNaN ? nil : volatility)
        } else {
            changes = dynamics[index].update(barTime: time, equity: equity, close: close)
        }
        if !changes.isEmpty {
            // Factors change only with an adjustment event: no need to read them on other bars.
            recorder.adjusted(changes, strategy: index)
            let factor = changes[changes.count - 1].after.positionSizeFactor
            if factor < ledgers[index].minPositionSizeFactor { ledgers[index].minPositionSizeFactor = factor }
            if recordsEvents { events.append(.adjusted(strategy: index, changes, dynamics[index].adjustments)) }
        }
        recorder.curves[index].record(time: time, equity: equity, inMarket: ledgers[index].position != nil)
        if recordsEvents {
            events.append(
                .sleeveMarked(
                    strategy: index,
                    SleeveMark(
                        time: time, equity: recorder.curves[index].finalEquity, peak: recorder.curves[index].peakEquity,
                        gross: ledgers[index].grossNotional, realized: ledgers[index].realized),
                    dynamics[index].adjustments))
        }
        touched[index] = true
    }

    /// Phase 3 for one strategy: turn its signal at this bar into exits and entry requests.
    private mutating func signal(lane index: Int, bar: Int, book: inout PortfolioRiskBook) {
        // Read in place: a local copy of the lane or of its series would retain every array they hold.
        let series = lanes[index].series
        let time = Timestamp(seconds: columns[series].series.times[bar])
        let wanted: Side
        switch lanes[index].signals[bar] {
        case .none: return
        case .exit:
            guard ledgers[index].position != nil else { return }
            if fillAtClose {
                closePosition(
                    index, rawPrice: columns[series].series.close[bar], reason: .signal, time: time, createdAt: time)
            } else {
                ledgers[index].pending = PendingOrder(exitReason: .signal, entry: nil, createdAt: time)
            }
            return
        case .enterLong: wanted = .long
        case .enterShort: wanted = .short
        }
        if isHaltedByOperator(index) || isHaltedByFeed(index) {
            // Reduce-only: a reversal only closes the position; a new entry is not requested.
            guard let held = ledgers[index].position, held.side != wanted else { return }
            if fillAtClose {
                closePosition(
                    index, rawPrice: columns[series].series.close[bar], reason: .signal, time: time, createdAt: time)
            } else {
                ledgers[index].pending = PendingOrder(exitReason: .signal, entry: nil, createdAt: time)
            }
            return
        }
        if ledgers[index].position?.side == wanted { return }
        let price = columns[series].series.close[bar]
        let atr = columns[series].atr(at: bar)
        let adjustments = dynamics[index].adjustments
        let levels = StopLossTakeProfit.compute(
            entry: price, side: wanted, atr: atr, profile: lanes[index].context.profile, parameters: parameters,
            tightening: adjustments.stopLossTightening)
        requests.append(
            EntryRequest(
                strategyID: lanes[index].id, symbol: lanes[index].symbol, side: wanted, barTime: time,
                decisionTime: Timestamp(seconds: columns[series].closeTime(at: bar)), price: price, atr: atr,
                confidence: lanes[index].confidence?[bar], sleeveEquity: ledgers[index].equity,
                adjustments: adjustments, stopDistanceFraction: levels.stopDistanceFraction(entry: price),
                reverses: ledgers[index].position != nil))
    }

    private mutating func resolveRequests(portfolioEquity: Double, book: inout PortfolioRiskBook) {
        book.setOpenPositions(openExposures(portfolioEquity: portfolioEquity))
        let resolved = book.resolve(requests)
        requests.removeAll(keepingCapacity: true)
        for decision in resolved {
            guard let index = book.index(of: decision.strategyID) else { continue }
            ledgers[index].decisions += 1
            if !decision.isApproved { ledgers[index].denied += 1 }
            let entry =
                decision.isApproved
                ? PendingOrder.Entry(
                    side: decision.side, fraction: decision.approvedFraction, portfolioEquity: portfolioEquity,
                    atr: decisionATR(lane: lanes[index], decision: decision),
                    tightening: decision.stopLossTightening) : nil
            let exitReason: ExitReason? = ledgers[index].position != nil ? .reversal : nil
            recorder.decided(decision)
            if recordsEvents { events.append(.decision(decision)) }
            guard exitReason != nil || entry != nil else { continue }
            let order = PendingOrder(
                exitReason: exitReason, entry: entry, createdAt: decision.barTime, decisionSeq: decision.sequence)
            if fillAtClose {
                let series = columns[lanes[index].series].series
                let bar = series.lastIndex(openedAtOrBefore: decision.barTime) ?? 0
                execute(order, strategy: index, rawPrice: series.close[bar], bar: bar, time: decision.barTime)
            } else {
                ledgers[index].pending = order
            }
        }
    }

    private func decisionATR(lane: StrategyLane, decision: RiskDecision) -> Double? {
        let columns = self.columns[lane.series]
        guard let bar = columns.series.lastIndex(openedAtOrBefore: decision.barTime) else { return nil }
        return columns.atr(at: bar)
    }

    /// Every open position and approved, unfilled entry as signed portfolio fractions.
    func openExposures(portfolioEquity: Double) -> [OpenExposure] {
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
}
