import BallastCore

/// One equity snapshot (`account_snapshots`), as `ballast equity` prints it: the portfolio's
/// (`scope = "portfolio"`) or one sleeve's (`scope` = the strategy id) equity at the last bar of a
/// UTC day or at the end of the run. JSON keys are the table's column names; `time` is epoch
/// seconds (the engine clock).
public struct EquityRow: Sendable, Codable, Equatable {
    /// The snapshot's time: a sleeve's, the open time of the day's last bar; the portfolio's, the
    /// close of that bar group (its last second). Both record the state after the bar closed.
    public var time: Timestamp
    /// `portfolio` or a strategy id.
    public var scope: String
    /// Equity marked to market, account currency.
    public var equity: Double
    /// The running maximum of `equity`.
    public var peak: Double
    /// (peak − equity) / peak.
    public var drawdown: Double
    /// Σ |position notional| / equity.
    public var grossExposure: Double
    /// Realized P&L so far, account currency.
    public var realizedPnL: Double

    /// The JSON keys and CSV columns, in CSV column order.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case time, scope, equity, peak, drawdown
        case grossExposure = "gross_exposure"
        case realizedPnL = "realized_pnl"
    }

    /// Reads an `account_snapshots` row.
    init(_ row: StoredRow) throws(StoreError) {
        time = try row.time("time")
        scope = try row.value("scope")
        equity = try row.value("equity")
        peak = try row.value("peak")
        drawdown = try row.value("drawdown")
        grossExposure = try row.value("gross_exposure")
        realizedPnL = try row.value("realized_pnl")
    }
}
