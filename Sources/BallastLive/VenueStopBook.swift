import BallastEngine
import BallastStore

/// What a live run with `stops = "venue"` knows of its stop orders, rebuilt from `venue_orders` on a
/// restart (docs/LIVE.md, "Protective stops at the venue").
///
/// Keys: a stop order's key is `s<strategy>-<entry signal time>-<version>` (its client id
/// `<prefix>-<key>`, at most 36 characters): the version grows with each move, so a restart
/// re-derives the same ids. A stop that filled carries the key of the position's exit it is booked
/// as (`exitKey`); the ledger fills that exit at the stop's execution, combined with the market
/// order of what the stop did not sell (`combined`).
///
/// Invariant: a value; `init(rows:)` and `fillExecutions(rows:)` are pure functions of the journal.
struct VenueStopBook: Sendable {
    /// The open stop order of each strategy (registration index).
    var resting: [Int: VenueOrderRow] = [:]
    /// The most recent stop order of each strategy, whatever its state.
    var latest: [Int: VenueOrderRow] = [:]
    /// The highest version recorded per stop base (`s<strategy>-<entry time>`).
    var versions: [String: Int] = [:]
    /// Stop executions by the key of the exit they are booked as.
    var cover: [String: VenueExecution] = [:]
    /// The signal time of each strategy's latest filled entry.
    var entryTimes: [Int: Int64] = [:]

    init() {}

    init(rows: [VenueOrderRow]) {
        for row in rows { record(row) }
    }

    /// Takes one journaled row into account (rows in the order they were first recorded).
    mutating func record(_ row: VenueOrderRow) {
        if row.order.isStop, let key = Self.stopKey(row.key) {
            let base = "s\(key.strategy)-\(key.entryTime)"
            versions[base] = max(versions[base] ?? 0, key.version)
            let current = latest[key.strategy].flatMap { Self.stopKey($0.key) }
            if current.map({ !key.isOlder(than: $0) }) ?? true { latest[key.strategy] = row }
            if row.execution.status.isOpen {
                resting[key.strategy] = row
            } else if resting[key.strategy]?.key == row.key {
                resting[key.strategy] = nil
            }
            if let exitKey = row.exitKey, row.execution.executedQuantity > 0 { cover[exitKey] = row.execution }
        } else if row.key.hasPrefix("e"), row.execution.executedQuantity > 0, let entry = Self.orderKey(row.key) {
            entryTimes[entry.strategy] = entry.time
        }
    }

    /// The key of version `version` of strategy `strategy`'s stop for the entry signalled at `entryTime`.
    static func key(strategy: Int, entryTime: Int64, version: Int) -> String {
        "s\(strategy)-\(entryTime)-\(version)"
    }

    /// The parts of a stop key, nil when `key` is not one.
    static func stopKey(_ key: String) -> StopKey? {
        guard key.hasPrefix("s") else { return nil }
        let parts = key.dropFirst().split(separator: "-")
        guard parts.count == 3, let strategy = Int(parts[0]), let time = Int64(parts[1]), let version = Int(parts[2])
        else { return nil }
        return StopKey(strategy: strategy, entryTime: time, version: version)
    }

    /// The strategy and time of a pending order part's key (`e0-1700000000`, `x1-…`).
    static func orderKey(_ key: String) -> (strategy: Int, time: Int64)? {
        let parts = key.dropFirst().split(separator: "-")
        guard parts.count == 2, let strategy = Int(parts[0]), let time = Int64(parts[1]) else { return nil }
        return (strategy, time)
    }

    /// The ledger's execution of an exit: the stop's (when it sold part or all of the position) and
    /// the market order's for the rest, combined — quantities and commissions summed, the price
    /// their quantity-weighted average; the market order's status when there is one.
    static func combined(stop: VenueExecution?, market: VenueExecution?) -> VenueExecution? {
        guard let stop, stop.executedQuantity > 0 else { return market }
        guard var result = market else { return stop }
        let quantity = stop.executedQuantity + result.executedQuantity
        let notional =
            stop.executedQuantity * (stop.averagePrice ?? 0) + result.executedQuantity * (result.averagePrice ?? 0)
        result.executedQuantity = quantity
        result.averagePrice = notional / quantity
        result.commission += stop.commission
        return result
    }

    /// The executions the ledger fills pending orders at, by order key: every market order's, with
    /// the executions of the stops booked as exits combined into their exit's (what `VenueFills`
    /// holds; a restart rebuilds it from here).
    static func fillExecutions(rows: [VenueOrderRow]) -> [String: VenueExecution] {
        var market: [String: VenueExecution] = [:]
        var stops: [String: VenueExecution] = [:]
        for row in rows {
            if !row.order.isStop {
                market[row.key] = row.execution
            } else if let exitKey = row.exitKey, row.execution.executedQuantity > 0 {
                stops[exitKey] = row.execution
            }
        }
        for (exitKey, stop) in stops { market[exitKey] = combined(stop: stop, market: market[exitKey]) }
        return market
    }

    /// The exits booked at a stop that filled while the ledger had no order pending (`x…` exit keys):
    /// a replay asks for them again after the same bar group.
    static func replayedExits(rows: [VenueOrderRow]) -> [(strategy: Int, time: Int64)] {
        rows.compactMap { row in
            guard row.order.isStop, row.execution.executedQuantity > 0, let exitKey = row.exitKey,
                exitKey.hasPrefix("x")
            else { return nil }
            return orderKey(exitKey)
        }
    }

    /// A stop key's parts.
    struct StopKey: Equatable {
        var strategy: Int
        var entryTime: Int64
        var version: Int

        func isOlder(than other: StopKey) -> Bool {
            (entryTime, version) < (other.entryTime, other.version)
        }
    }
}
