import BallastCore
import BallastEngine
import BallastReports

/// `ballast equity`'s rows are the engine's snapshot records (one type for the journal and the
/// reader); the name stays for readers of the store API.
public typealias EquityRow = AccountSnapshotRecord

/// `ballast trades`' rows are the engine's trade records; the name stays for readers of the store API.
public typealias TradeRow = TradeRecord

extension AccountSnapshotRecord {
    /// Reads an `account_snapshots` row.
    init(_ row: StoredRow) throws(StoreError) {
        self.init(
            time: try row.time("time"), scope: try row.value("scope"), equity: try row.value("equity"),
            peak: try row.value("peak"), drawdown: try row.value("drawdown"),
            grossExposure: try row.value("gross_exposure"), realizedPnL: try row.value("realized_pnl"))
    }
}

extension TradeRecord {
    /// Reads a `trades` row. A row that breaks a `TradeOutcome` invariant (a non-positive price or
    /// quantity, a non-finite value, an exit before its entry) is `StoreError.invalidData`, never a
    /// trap; `return_fraction` is derived again from the row's P&L and entry notional, as the engine
    /// derived the stored one.
    init(_ row: StoredRow) throws(StoreError) {
        let entryTime = try row.time("entry_time")
        let exitTime = try row.time("exit_time")
        let entryPrice: Double = try row.value("entry_price")
        let exitPrice: Double = try row.value("exit_price")
        let quantity: Double = try row.value("quantity")
        let pnl: Double = try row.value("pnl")
        let valid =
            entryPrice.isFinite && entryPrice > 0 && quantity.isFinite && quantity > 0 && exitPrice.isFinite
            && pnl.isFinite && entryTime <= exitTime
        guard valid else {
            throw .invalidData(
                path: row.path,
                reason: "trades: trade \(try row.value("seq", as: Int64.self)) has a non-positive price or quantity, "
                    + "a non-finite value or an exit before its entry")
        }
        self.init(
            seq: try row.value("seq"), strategyID: try row.value("strategy_id"), symbol: try row.value("symbol"),
            trade: TradeOutcome(
                entryTime: entryTime, exitTime: exitTime, side: try row.raw("side"), entryPrice: entryPrice,
                exitPrice: exitPrice, quantity: quantity, pnl: pnl, exitReason: try row.raw("exit_reason")))
    }
}
