import BallastCore
import BallastEngine
import Foundation

/// One run (`runs`) with the headline portfolio metrics of its JSON summary, as a run list prints
/// it. JSON keys are snake_case; `data_start` / `data_end` are epoch seconds; `started_at` /
/// `finished_at` are ISO-8601 wall-clock text. Nil values are left out of the JSON.
///
/// The metrics are nil while the run is running, when it failed, or when the summary lacks them.
public struct RunRow: Sendable, Codable, Equatable {
    /// The run id.
    public var id: Int64
    /// A backtest or a live run.
    public var mode: RunMode
    /// The portfolio's name.
    public var name: String
    /// Running, finished or failed.
    public var status: RunStatus
    /// The portfolio file as given.
    public var portfolioPath: String
    /// The hash of the run's inputs: equal for runs of the same inputs.
    public var inputHash: String
    /// The wall-clock start, ISO-8601.
    public var startedAt: String
    /// The wall-clock end, ISO-8601; nil while running.
    public var finishedAt: String?
    /// The first bar time of the data.
    public var dataStart: Timestamp
    /// The last bar time of the data.
    public var dataEnd: Timestamp
    /// The first bar the run traded: `data_start` for a backtest (its data is cut to `--from`/`--to`
    /// before it runs), the first bar a live run processed (`live_bars`); nil before its first bar.
    public var tradedStart: Timestamp?
    /// The last bar the run traded (so far, for a running live run); nil before its first bar.
    public var tradedEnd: Timestamp?
    /// The starting balance.
    public var initialEquity: Double
    /// The final equity; nil unless finished.
    public var finalEquity: Double?
    /// The portfolio's total return in percent, from `summary_json`'s `portfolio` object (SPEC §14).
    public var totalReturnPct: Double?
    /// The portfolio's maximum drawdown in percent.
    public var maxDrawdownPct: Double?
    /// The portfolio's annualised Sharpe ratio.
    public var sharpe: Double?
    /// The number of closed trades.
    public var trades: Int?
    /// Why a failed run failed.
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, mode, name, status
        case portfolioPath = "portfolio_path"
        case inputHash = "input_hash"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case dataStart = "data_start"
        case dataEnd = "data_end"
        case tradedStart = "traded_start"
        case tradedEnd = "traded_end"
        case initialEquity = "initial_equity"
        case finalEquity = "final_equity"
        case totalReturnPct = "total_return_pct"
        case maxDrawdownPct = "max_drawdown_pct"
        case sharpe, trades, error
    }

    /// The headline metrics of a summary: under `portfolio`, or at the top level.
    private struct Headline: Decodable {
        var totalReturnPct: Double?
        var maxDrawdownPct: Double?
        var sharpe: Double?
        var trades: Int?

        enum CodingKeys: String, CodingKey {
            case totalReturnPct = "total_return_pct"
            case maxDrawdownPct = "max_drawdown_pct"
            case sharpe, trades
        }
    }

    private struct Summary: Decodable {
        var portfolio: Headline?
    }

    /// Reads a `runs` row; a summary that is not valid JSON leaves the metrics nil.
    init(_ row: StoredRow) throws(StoreError) {
        id = try row.value("id")
        mode = try row.raw("mode")
        name = try row.value("name")
        status = try row.raw("status")
        portfolioPath = try row.value("portfolio_path")
        inputHash = try row.value("input_hash")
        startedAt = try row.value("started_at")
        finishedAt = try row.value("finished_at")
        dataStart = try row.time("data_start")
        dataEnd = try row.time("data_end")
        tradedStart = try row.value("traded_start", as: Int64?.self).map(Timestamp.init(seconds:))
        tradedEnd = try row.value("traded_end", as: Int64?.self).map(Timestamp.init(seconds:))
        initialEquity = try row.value("initial_equity")
        finalEquity = try row.value("final_equity")
        error = try row.value("error")
        if let json = try row.value("summary_json", as: String?.self) {
            let data = Data(json.utf8)
            let decoder = JSONDecoder()
            let headline =
                (try? decoder.decode(Summary.self, from: data))?.portfolio
                ?? (try? decoder.decode(Headline.self, from: data))
            totalReturnPct = headline?.totalReturnPct
            maxDrawdownPct = headline?.maxDrawdownPct
            sharpe = headline?.sharpe
            trades = headline?.trades
        }
    }
}
