import BallastCore
import BallastReports
import BallastRisk
import BallastStrategies

/// The functional core of a live run: the backtest kernel fed bar by bar.
///
/// A live run is the same computation as a backtest over the bars received so far: each bar group
/// (every bar closing at one time) is appended to the series, each affected strategy's signal at the
/// new bar is computed over the whole series so far (signals use bars `0...i` only, so it equals the
/// backtest's signal at that bar), and the kernel processes the group exactly as in a backtest. A
/// restart rebuilds this value from the journaled bars: `init(setup:)` with those bars as history.
///
/// Invariants: bar groups arrive in strictly increasing close time; within a group, one bar per
/// series at most; every lane's signal, confidence and volatility columns have its series' length.
public struct LivePortfolio: Sendable {
    /// The portfolio (its series are the bars processed so far; the kernel holds the current ones).
    public let setup: PortfolioSetup
    var kernel: BacktestKernel
    let accounts: [StrategyRiskAccount]
    /// One running volatility window per (series, window) a lane reads, keyed "series/window".
    private var volatilityWindows: [String: DailyVolatilityWindow]
    /// Whether the next `run(with:)` must rebuild the correlation hook (a strategy wants to enter).
    private var hookIsStale = true

    /// Builds the portfolio over `setup.series` as history (empty series for a new run, the
    /// journaled bars for a resumed one). The history still has to be processed: the first
    /// `run(with:)` replays it through the kernel.
    ///
    /// - Parameter annualization: the data's calendar (for the journal's Sharpe ratios); a replay
    ///   passes the one its whole data implies, so its journal equals the backtest's.
    /// - Parameter venueFills: nil for the paper venue (the SPEC §8 model fills); for an external
    ///   venue, the executions recorded so far by order key (empty for a new run): pending orders then
    ///   fill at the venue's executions.
    public init(
        setup: PortfolioSetup, annualization: Annualization, journaling: Bool,
        venueFills: [String: VenueExecution]? = nil
    ) {
        self.setup = setup
        let signals = setup.strategies.map { strategy in
            strategy.strategy.signals(for: setup.series[strategy.seriesIndex])
        }
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
        kernel = BacktestKernel(
            lanes: lanes, columns: setup.series.map { SeriesColumns($0, atrPeriod: setup.risk.atrPeriod) },
            timeline: EventTimeline(series: setup.series), setup: setup, journaling: journaling,
            keepsDecisions: false, annualization: annualization)
        kernel.venueFills = venueFills
    }

    /// True when pending orders fill at an external venue's executions.
    public var usesVenueFills: Bool { kernel.venueFills != nil }

    /// The venue orders the pending orders need now (external venue), by order key.
    public func venueIntents() -> [VenueIntent] { kernel.venueIntents() }

    /// Records the venue's execution of an order key: the pending order fills at it with the next bar.
    public mutating func recordVenueFill(key: String, execution: VenueExecution) {
        kernel.venueFills?[key] = execution
    }

    /// External venue, before the run ends: asks for an exit of every open position (sent to the
    /// venue through `venueIntents`) and drops unfilled entries.
    public mutating func requestVenueExits() { kernel.requestVenueExits() }

    /// The shared book for this portfolio, as the `RiskManager` actor's initial state. Its correlation
    /// hook is built by the first `run(with:)` (from the bars then held), so it is not built here.
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

    /// Series whose feed is stale: their strategies take no new entries.
    public var staleSeries: Set<Int> {
        get { kernel.staleSeries }
        set { kernel.staleSeries = newValue }
    }

    /// When true no strategy takes new entries (the feed keeps failing; reduce-only).
    public var entriesHalted: Bool {
        get { kernel.entriesHalted }
        set { kernel.entriesHalted = newValue }
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
        if signal == .enterLong || signal == .enterShort { hookIsStale = true }
    }

    /// The confidence column name a strategy's sizer reads.
    public func confidenceKey(strategy index: Int) -> String { kernel.lanes[index].context.profile.confidenceKey }

    /// Ends the run when the next `run(with:)` has processed every group: pending entries are
    /// cancelled and open positions closed at their last close (`end_of_data`), as a backtest does.
    public mutating func finishWhenCaughtUp() { kernel.finishWhenDone = true }

    /// Takes what the journal collected since the last call (nil when not journaling).
    public mutating func drainJournal() -> JournalBatch? { kernel.journal?.drain() }

    /// The results so far (SPEC §14) given the book's state.
    public func result(riskState: RiskBookState, runID: String) -> BacktestResult {
        kernel.result(setup: setup, riskState: riskState, runID: runID)
    }

    /// Orders decided so far: the number of risk decisions taken.
    public var decisionCount: Int { kernel.decisionCount }
}

extension LivePortfolio: RiskBookWork {
    /// Processes every appended group not yet processed (on the `RiskManager` actor), rebuilding
    /// the correlation hook first when a strategy wants to enter.
    public mutating func run(with book: inout PortfolioRiskBook) {
        if hookIsStale {
            book.replaceCorrelationHook(
                KernelAssembly.correlationHook(series: kernel.columns.map(\.series), risk: setup.risk))
            hookIsStale = false
        }
        kernel.chunkEnd = kernel.timeline.count
        kernel.run(with: &book)
    }
}
