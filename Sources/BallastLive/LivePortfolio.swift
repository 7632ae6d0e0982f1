import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import BallastStrategies

/// The functional core of a live run: the backtest kernel fed bar by bar.
///
/// A live run is the same computation as a backtest over the bars received so far: each bar group
/// (every bar closing at one time) is appended to the series, each affected strategy is stepped
/// once with its new bar (the same `Strategy.step` a backtest drives, so the signal equals the
/// backtest's at that bar), and the kernel processes the group exactly as in a backtest. A restart
/// rebuilds this value from the journaled bars: `init(setup:)` with those bars as history, which
/// also warms every strategy up on them (`warmedStrategies`).
///
/// Invariants: bar groups arrive in strictly increasing close time; within a group, one bar per
/// series at most; every lane's signal, confidence and volatility columns have its series' length.
public struct LivePortfolio: Sendable {
    /// The portfolio (its series are the bars processed so far; the kernel holds the current ones).
    public let setup: PortfolioSetup
    var kernel: BacktestKernel
    let accounts: [StrategyRiskAccount]
    /// Every strategy's state machine after stepping over the bars `init` was given, by
    /// registration index: a live run's strategy actors start from these and step once per new bar.
    public let warmedStrategies: [any Strategy]
    /// One running volatility window per (series, window) a lane reads, keyed "series/window".
    private var volatilityWindows: [String: DailyVolatilityWindow]
    /// The correlation hook over every bar appended so far, grown bar by bar; the book gets a copy
    /// for each `run(with:)`. Bars appended since the last run are added to it by that run.
    private var correlationHook: PearsonCorrelationHook
    private var hookBacklog: [LiveBar] = []
    /// The journal consumer of the kernel's events; nil when the run is not journaled.
    private var journal: KernelJournal?
    /// Exits booked at a venue stop that filled while its sleeve had no order pending (strategy,
    /// time of the sleeve's last bar then), still to ask for when a replay reaches that bar group
    /// (`LivePortfolio+VenueStops`).
    var stopExitSchedule: [(strategy: Int, time: Int64)]
    /// Timeline events processed so far.
    var processedEvents = 0

    /// Builds the portfolio over `setup.series` as history (empty series for a new run, the
    /// journaled bars for a resumed one). The history still has to be processed: the first
    /// `run(with:)` replays it through the kernel.
    ///
    /// - Parameter annualization: the data's calendar (for the journal's Sharpe ratios); a replay
    ///   passes the one its whole data implies, so its journal equals the backtest's.
    /// - Parameter venueFills: nil for the paper venue (the SPEC §8 model fills); for an external
    ///   venue, the executions recorded so far by order key (empty for a new run): pending orders then
    ///   fill at the venue's executions.
    /// - Parameter haltedSince: strategies the run halted (SPEC §15, `strategy_failed`) by id, with
    ///   the time of the bar they failed at: their signals from that bar on are `.none` in the
    ///   replay, as they were when the run journaled them (the restarted strategy still warms up on
    ///   every bar, and trades again from the next new bar).
    /// - Parameter venueStopExits: exits a run with `stops = "venue"` booked at a stop that filled at
    ///   the venue (`VenueStopBook.replayedExits`): the replay asks for each after the bar group it
    ///   was asked for, as the live run did.
    public init(
        setup: PortfolioSetup, annualization: Annualization, journaling: Bool,
        venueFills: [String: VenueExecution]? = nil, haltedSince: [String: Int64] = [:],
        venueStopExits: [(strategy: Int, time: Int64)] = []
    ) {
        self.setup = setup
        stopExitSchedule = venueStopExits
        // Each strategy steps over the bars held (its warm-up); the stepped state carries on live.
        var warmed: [any Strategy] = []
        var signals: [SignalSeries] = []
        for strategy in setup.strategies {
            var state = strategy.strategy
            let key = state.riskOverrides(strategy.profile).confidenceKey
            var stepped = state.step(over: setup.series[strategy.seriesIndex], columns: [key])
            if let since = haltedSince[strategy.id] {
                let times = setup.series[strategy.seriesIndex].times
                for bar in times.indices where times[bar] >= since { stepped.signals[bar] = .none }
            }
            signals.append(stepped)
            warmed.append(state)
        }
        warmedStrategies = warmed
        let (lanes, accounts) = KernelAssembly.lanes(setup: setup, signals: signals)
        self.accounts = accounts
        var windows: [String: DailyVolatilityWindow] = [:]
        for lane in lanes {
            guard let window = KernelAssembly.volatilityWindow(lane.context.profile) else { continue }
            let key = "\(lane.series)/\(window)"
            if windows[key] != nil { continue }
            var running = DailyVolatilityWindow(windowDays: window)
            let series = setup.series[lane.series]
            for index in series.times.indices {
                running.record(time: Timestamp(seconds: series.times[index]), close: series.close[index])
            }
            windows[key] = running
        }
        volatilityWindows = windows
        correlationHook = KernelAssembly.correlationHook(series: setup.series, risk: setup.risk)
        kernel = BacktestKernel(
            lanes: lanes, columns: setup.series.map { SeriesColumns($0, atrPeriod: setup.risk.atrPeriod) },
            timeline: EventTimeline(series: setup.series), setup: setup, recordsEvents: journaling,
            keepsDecisions: false)
        kernel.fillPolicy = venueFills.map { VenueFills(executions: $0) }
        journal = journaling ? KernelJournal(kernel: kernel, setup: setup, annualization: annualization) : nil
    }

    /// True when pending orders fill at an external venue's executions.
    public var usesVenueFills: Bool { kernel.fillPolicy != nil }

    /// The venue orders the pending orders need now (external venue), by order key.
    public func venueIntents() -> [VenueIntent] { kernel.venueIntents() }

    /// Records the venue's execution of an order key: the pending order fills at it with the next bar.
    public mutating func recordVenueFill(key: String, execution: VenueExecution) {
        guard var fills = kernel.fillPolicy as? VenueFills else { return }
        // The kernel's copy goes first, so the executions are mutated in place, not copied.
        kernel.fillPolicy = nil
        fills.executions[key] = execution
        kernel.fillPolicy = fills
    }

    /// External venue, before the run ends: asks for an exit of every open position (sent to the
    /// venue through `venueIntents`) and drops unfilled entries.
    public mutating func requestVenueExits() { kernel.requestVenueExits() }

    /// The shared book for this portfolio, as the `RiskManager` actor's initial state. Its correlation
    /// hook is handed over by every `run(with:)` (over the bars then held), so it is not set here.
    public func makeBook() -> PortfolioRiskBook {
        PortfolioRiskBook(parameters: setup.risk, strategies: accounts, initialEquity: setup.initialBalance)
    }

    /// The bars of one series so far.
    public func series(_ index: Int) -> BarSeries { kernel.columns[index].series }

    /// The number of bars appended so far, over every series.
    public var barCount: Int { kernel.columns.reduce(0) { $0 + $1.series.count } }

    /// The close time of the last bar group appended, nil before any.
    public var lastCloseTime: Int64? {
        kernel.timeline.count == 0 ? nil : kernel.timeline[kernel.timeline.count - 1].closeTime
    }

    /// True once every appended group has been processed.
    public var isCaughtUp: Bool { kernel.isFinished }

    /// True after `finish` ran (the feed ended).
    public var isFinished: Bool { kernel.finished }

    /// Sets which strategies take no new entries for the feed's health from the group closing at
    /// `closeTime` on: those trading a series in `staleSeries`, or every one while the feed is
    /// `failing`. Each strategy whose state changes gets a reduce-only event with source `feed` in
    /// that group's journal (docs/LIVE.md); nothing is scheduled when nothing changes.
    public mutating func setFeedHealth(staleSeries: Set<Int>, failing: Bool, atCloseTime closeTime: Int64) {
        let current = kernel.feedHealth.halted
        guard failing || !staleSeries.isEmpty || !current.isEmpty else { return }
        let wanted = failing ? Set(kernel.lanes.indices) : Set(staleSeries.flatMap { kernel.lanesBySeries[$0] })
        let changes =
            current.subtracting(wanted).sorted().map { FeedHealthChange(strategy: $0, halted: false) }
            + wanted.subtracting(current).sorted().map { FeedHealthChange(strategy: $0, halted: true) }
        if !changes.isEmpty { kernel.feedHealth.schedule[closeTime, default: []].append(contentsOf: changes) }
    }

    /// Resuming: schedules a journaled feed-health change (a reduce-only event with source `feed`,
    /// stamped with its group's clock, `closeTime - 1`) again at its group, so the replay applies it
    /// exactly there. An unknown strategy id is ignored (the resume check then refuses the run).
    public mutating func scheduleFeedHealth(strategyID: String, halted: Bool, atCloseTime closeTime: Int64) {
        guard let index = kernel.lanes.firstIndex(where: { $0.id == strategyID }) else { return }
        kernel.feedHealth.schedule[closeTime, default: []].append(.init(strategy: index, halted: halted))
    }

    /// The strategies that take no new entries for the feed's health, in registration order.
    public var haltedByFeed: [String] {
        kernel.feedHealth.halted.sorted().map { kernel.lanes[$0].id }
    }

    /// Schedules operator commands for the bar group closing at `closeTime` (the next group for a
    /// pending command; the recorded group for an applied one, when a resumed run replays its bars).
    public mutating func schedule(_ commands: [OperatorCommand], atCloseTime closeTime: Int64) {
        guard !commands.isEmpty else { return }
        kernel.operatorControls.schedule[closeTime, default: []].append(contentsOf: commands)
    }

    /// The strategies an operator halted (or flattened) and has not resumed, in registration order.
    public var haltedByOperator: [String] {
        kernel.operatorControls.halted.sorted().map { kernel.lanes[$0].id }
    }

    /// The strategies (registration index) trading a series.
    public func strategies(onSeries series: Int) -> [Int] { kernel.lanesBySeries[series] }

    /// Appends one bar group's bars to their series (signals come next, from `appendSignals`).
    ///
    /// - Precondition: `closeTime` is later than the last group's; bars are in ascending series
    ///   order, one per series, each closing at `closeTime`.
    public mutating func appendBars(_ bars: [LiveBar], closeTime: Int64) {
        precondition(lastCloseTime.map { closeTime > $0 } ?? true, "bar groups must arrive in close-time order")
        for live in bars {
            kernel.columns[live.series].series.append(live.bar)
            let bar = kernel.columns[live.series].series.count - 1
            precondition(kernel.columns[live.series].closeTime(at: bar) == closeTime, "bar closes at the group's time")
            kernel.timeline.append(.init(closeTime: closeTime, series: Int32(live.series), bar: Int32(bar)))
            hookBacklog.append(live)
            var advanced: Set<Int> = []
            for lane in kernel.lanesBySeries[live.series] {
                guard let window = KernelAssembly.volatilityWindow(kernel.lanes[lane].context.profile) else { continue }
                let key = "\(live.series)/\(window)"
                // Each (series, window) advances once per bar; its lanes read the same value.
                if advanced.insert(window).inserted {
                    volatilityWindows[key]?.record(time: live.bar.time, close: live.bar.close)
                }
                kernel.lanes[lane].volatility?.append(volatilityWindows[key]?.volatility ?? .nan)
            }
        }
    }

    /// Records a strategy's signal (and sizing confidence) at its series' newest bar.
    public mutating func appendSignal(strategy index: Int, signal: Signal, confidence: Double?) {
        kernel.lanes[index].signals.append(signal)
        if kernel.lanes[index].confidence != nil {
            kernel.lanes[index].confidence?.append(confidence ?? .nan)
        }
    }

    /// Halts strategy `index` whose process failed at the bar of `time` (SPEC §15): journals a
    /// reduce-only event with reason `strategy_failed` and `message`. The strategy itself answers
    /// `.none` from then on (`FallibleStrategy`), so it takes no new entries while its stops,
    /// targets and exits still run; every other strategy goes on.
    public mutating func haltStrategy(_ index: Int, at time: Timestamp, message: String) {
        kernel.reduceOnly(.strategyFailed(kernel.lanes[index].id, at: time, message: message))
    }

    /// The confidence column name a strategy's sizer reads.
    public func confidenceKey(strategy index: Int) -> String { kernel.lanes[index].context.profile.confidenceKey }

    /// Ends the run when the next `run(with:)` has processed every group: pending entries are
    /// cancelled and open positions closed at their last close (`end_of_data`), as a backtest does.
    public mutating func finishWhenCaughtUp() { kernel.finishWhenDone = true }

    /// Takes what the journal made of the kernel's events since the last call (nil when not
    /// journaling).
    public mutating func drainJournal() -> JournalBatch? {
        guard var journal = journal.take() else { return nil }
        kernel.takeEvents { journal.consume($0) }
        let batch = journal.drain()
        self.journal = journal
        return batch
    }

    /// The results so far (SPEC §14) given the book's state.
    public func result(riskState: RiskBookState, runID: String) -> BacktestResult {
        kernel.result(setup: setup, riskState: riskState, runID: runID)
    }

    /// Orders decided so far: the number of risk decisions taken.
    public var decisionCount: Int { kernel.decisionCount }
}

extension LivePortfolio: RiskBookWork {
    /// Processes every appended group not yet processed (on the `RiskManager` actor), with the
    /// correlation hook over every bar appended. The hook grows by the new bars in O(1) each: the
    /// book's copy is dropped first, so that the hook's columns are not shared while they grow (a
    /// shared column would be copied whole, a cost that grows with the bars held).
    public mutating func run(with book: inout PortfolioRiskBook) {
        if !hookBacklog.isEmpty {
            book.replaceCorrelationHook(nil)
            for live in hookBacklog { correlationHook.append(live.bar, toSeries: live.series) }
            hookBacklog.removeAll(keepingCapacity: true)
        }
        book.replaceCorrelationHook(correlationHook)
        replayStopExits(with: &book)
        kernel.chunkEnd = kernel.timeline.count
        kernel.run(with: &book)
        processedEvents = kernel.timeline.count
    }
}
