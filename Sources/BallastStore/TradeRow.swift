import BallastCore

/// One closed round trip (`trades`), as `ballast trades` prints it. JSON keys are the table's
/// column names; times are epoch seconds (the engine clock).
public struct TradeRow: Sendable, Codable, Equatable {
    /// The trade's number in the run (from 1, in the order trades closed).
    public var seq: Int64
    /// The strategy that traded.
    public var strategyID: String
    /// The traded symbol.
    public var symbol: String
    /// The position's side.
    public var side: Side
    /// The entry fill's time.
    public var entryTime: Timestamp
    /// The exit fill's time.
    public var exitTime: Timestamp
    /// The entry fill's price, slippage included.
    public var entryPrice: Double
    /// The exit fill's price, slippage included.
    public var exitPrice: Double
    /// The quantity traded (> 0).
    public var quantity: Double
    /// Net of both fills' fees, account currency.
    public var pnl: Double
    /// pnl / entry notional.
    public var returnFraction: Double
    /// Why the position closed (its raw value in JSON and CSV: `signal`, `stop_loss`, …).
    public var exitReason: ExitReason

    /// The JSON keys and CSV columns, in CSV column order.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case seq
        case strategyID = "strategy_id"
        case symbol, side
        case entryTime = "entry_time"
        case exitTime = "exit_time"
        case entryPrice = "entry_price"
        case exitPrice = "exit_price"
        case quantity, pnl
        case returnFraction = "return_fraction"
        case exitReason = "exit_reason"
    }

    /// Reads a `trades` row.
    init(_ row: StoredRow) throws(StoreError) {
        seq = try row.value("seq")
        strategyID = try row.value("strategy_id")
        symbol = try row.value("symbol")
        side = try row.raw("side")
        entryTime = try row.time("entry_time")
        exitTime = try row.time("exit_time")
        entryPrice = try row.value("entry_price")
        exitPrice = try row.value("exit_price")
        quantity = try row.value("quantity")
        pnl = try row.value("pnl")
        returnFraction = try row.value("return_fraction")
        exitReason = try row.raw("exit_reason")
    }
}
