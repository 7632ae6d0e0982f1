import ArgumentParser
import BallastBinance
import BallastConfig
import BallastCore
import BallastEngine
import BallastLive
import Foundation
import Logging

/// `ballast live PORTFOLIO.toml`: the portfolio traded bar by bar under swift-service-lifecycle.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run a portfolio live (paper first): bars from a feed, orders to a venue, journaled before acted on.",
        discussion: """
            Services: store, risk manager, venue, strategies and coordinator, feed. SIGINT or SIGTERM stops
            them in reverse order: no new bars, the bar in flight finished and committed, exit 0. Positions
            are kept (--flatten-on-exit closes them). Starting again with the same portfolio and --db
            resumes the run exactly where its journal ends (comments and formatting of the file do not
            matter; changed settings are refused while the run holds positions, unless --new-run). One
            live process per database. docs/LIVE.md has the details.
            """)

    enum VenueKind: String, ExpressibleByArgument, CaseIterable { case paper, binance }
    enum FeedKind: String, ExpressibleByArgument, CaseIterable { case replay, binance }

    @Argument(help: "The portfolio file (TOML).")
    var portfolio: String

    @Option(help: "Where orders go: paper or binance.")
    var venue: VenueKind = .paper

    @Option(help: "Where bars come from: replay (the portfolio's data files) or binance.")
    var feed: FeedKind = .replay

    @Option(help: "The journal database (default: ballast.sqlite beside the portfolio file).")
    var db: String?

    @Option(help: "Replay speed: a multiple of real time (e.g. 3600) or max.")
    var speed: ReplaySpeedOption = .max

    @Option(help: "Binance REST base URL (default https://api.binance.com).")
    var binanceBaseUrl: String?

    @Flag(help: "Use Binance's spot testnet (https://testnet.binance.vision).")
    var testnet = false

    @Option(help: "A new run trades the bars closing after this time (YYYY-MM-DD or ISO-8601, UTC): a catch-up.")
    var start: DateOption?

    @Flag(help: "Close every position when the process is asked to stop.")
    var flattenOnExit = false

    @Flag(
        help: """
            Start a new run even if the database has a resumable run of this portfolio: that run is ended \
            first (its positions closed at their last close on the paper venue; refused on an exchange unless \
            it is flat).
            """)
    var newRun = false

    @Flag(
        help: """
            When the venue's balances or open orders differ from the journal at the start, journal the venue's \
            state as the new truth (balance offsets; unknown open orders cancelled) instead of stopping.
            """)
    var adoptVenueState = false

    @Flag(help: "Print one line per committed bar group on standard output.")
    var printBars = false

    @Option(help: "Write the decision latencies (p50, p99, max, in microseconds) to this JSON file.")
    var latencyReport: String?

    /// Usage errors (exit 64) before anything runs: a base URL that is not an http(s) URL with a
    /// host, and output paths (`--db`, `--latency-report`) that cannot be written.
    func validate() throws {
        if let binanceBaseUrl { _ = try Self.binanceURL(binanceBaseUrl) }
        if let latencyReport { try OutputPath(option: "--latency-report", path: latencyReport).validate() }
        try JournalPath(option: db, portfolio: portfolio)?.output.validate()
    }

    /// `--binance-base-url` as a URL: http or https, with a host.
    static func binanceURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host?.isEmpty == false
        else {
            throw ValidationError(
                "--binance-base-url \(text): not an http(s) URL with a host (e.g. https://testnet.binance.vision)")
        }
        return url
    }

    func run() async throws {
        let log = CommandLogging.logger("live")
        try await runReportingFailures {
            let file = try PortfolioFile.load(path: portfolio, from: nil, to: nil)
            // Keyed by the parsed settings: comments and formatting do not make another run.
            let settings = try CanonicalSettings(toml: file.text, file: portfolio)
            let key = RunIdentity.liveKey(settings: settings, feed: feed.rawValue, venue: venue.rawValue)
            // Settings, credentials and URLs are checked before the database is touched.
            if venue == .binance, file.setup.execution.fill == .close {
                throw LiveSetupError.fillAtCloseWithExchange(path: portfolio)
            }
            if feed == .replay, let start, let end = Self.lastClose(of: file.setup.series),
                start.timestamp.seconds >= end
            {
                throw LiveSetupError.startAfterData(start: start.timestamp, lastClose: Timestamp(seconds: end))
            }
            let request = LiveRunAssembly.Request(
                file: file, settings: settings, key: key, feed: feed.rawValue, venue: try makeVenue(),
                replaysData: feed == .replay, newRun: newRun, wallClock: SystemWallClock(), notice: printError,
                adoptVenueState: adoptVenueState)
            let printBars = self.printBars
            let outcome = try await LiveRun.run(
                request, feed: try makeFeed(file), databasePath: databasePath, start: start?.timestamp.seconds,
                flattenOnExit: flattenOnExit, logger: log
            ) { step in
                guard printBars, let time = step.closeTime else { return }
                // Unbuffered: a supervisor (or a test) reads each line as its group is committed.
                FileHandle.standardOutput.write(
                    Data("bar \(Timestamp(seconds: time)) fills=\(step.fills) decisions=\(step.decisions)\n".utf8))
            }
            try await report(outcome, name: RunName(number: outcome.session.runID, runID: key))
        }
    }

    private func report(_ outcome: LiveRun.Outcome, name: RunName) async throws {
        let session = outcome.session
        let latencies = await session.latencies
        if let latencyReport {
            try LatencySummary(latencies).jsonData().write(toOutput: latencyReport, option: "--latency-report")
        }
        if await session.isFinished {
            print(SummaryTables.render(await session.result(), run: name))
            print("Journal: \(name) in \(outcome.databasePath) (finished)")
        } else {
            print("Stopped: \(name) in \(outcome.databasePath) keeps its positions; run the same command to resume.")
        }
    }

    private func makeVenue() throws -> any OrderVenue {
        switch venue {
        case .paper: return PaperVenue()
        case .binance:
            // Key and secret only from the environment; never logged or stored.
            let credentials = try BinanceCredentials.fromEnvironment(ProcessInfo.processInfo.environment)
            return BinanceSpotVenue(client: try binanceClient(credentials: credentials))
        }
    }

    private func binanceClient(credentials: BinanceCredentials?) throws -> BinanceRESTClient {
        var base = testnet ? BinanceRESTClient.testnet : BinanceRESTClient.production
        if let binanceBaseUrl { base = try Self.binanceURL(binanceBaseUrl) }
        return BinanceRESTClient(
            baseURL: base, credentials: credentials,
            transport: AsyncHTTPClientTransport(timeout: try Self.binanceTimeout(ProcessInfo.processInfo.environment)))
    }

    /// The environment variable that sets the seconds each Binance request may take (default 10).
    static let binanceTimeoutVariable = "BALLAST_BINANCE_TIMEOUT"

    /// `BALLAST_BINANCE_TIMEOUT` in seconds (a positive number), else 10.
    static func binanceTimeout(_ environment: [String: String]) throws -> Double {
        guard let text = environment[binanceTimeoutVariable] else { return 10 }
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
            throw ValidationError("\(binanceTimeoutVariable) must be a positive number of seconds, got '\(text)'")
        }
        return seconds
    }

    private func makeFeed(_ file: PortfolioFile) throws -> any BarFeed {
        switch feed {
        case .replay:
            let clock = ContinuousClock()
            return ReplayFeed(series: file.setup.series, speed: speed.multiple) { duration in
                try await clock.sleep(for: duration)
            }
        case .binance:
            let series = file.setup.series.enumerated().map {
                (series: $0.offset, symbol: $0.element.symbol, timeframe: $0.element.timeframe)
            }
            return BinanceKlineFeed(series: series, client: try binanceClient(credentials: nil))
        }
    }

    /// The close time of the data's last bar, nil without bars.
    static func lastClose(of series: [BarSeries]) -> Int64? {
        series.compactMap { $0.isEmpty ? nil : $0.closeTime(at: $0.count - 1).seconds }.max()
    }

    private var databasePath: String { JournalPath.path(option: db, portfolio: portfolio) }
}

/// `--speed`: `max` or a positive multiple of real time.
struct ReplaySpeedOption: ExpressibleByArgument, Equatable {
    /// nil for as fast as possible.
    let multiple: Double?

    static let max = ReplaySpeedOption(multiple: nil)

    init(multiple: Double?) { self.multiple = multiple }

    init?(argument: String) {
        if argument == "max" {
            multiple = nil
            return
        }
        guard let value = Double(argument), value > 0, value.isFinite else { return nil }
        multiple = value
    }

    var defaultValueDescription: String { multiple.map { "\($0)" } ?? "max" }
}

/// A portfolio that cannot run live as asked.
enum LiveSetupError: BallastFailure {
    case fillAtCloseWithExchange(path: String)
    case startAfterData(start: Timestamp, lastClose: Timestamp)

    var exitStatus: ExitStatus {
        switch self {
        case .fillAtCloseWithExchange: .badConfiguration
        case .startAfterData: .usage
        }
    }

    var description: String {
        switch self {
        case .fillAtCloseWithExchange(let path):
            "\(path): execution.fill: \"close\" cannot be used with --venue binance: an exchange fills after "
                + "the decision, so set fill = \"next_open\""
        case .startAfterData(let start, let lastClose):
            "--start \(start) is not before the end of the data: its last bar closes at \(lastClose), so a replay "
                + "from there has nothing to trade"
        }
    }
}
