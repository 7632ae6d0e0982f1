import BallastEngine
import BallastStore
import Logging

/// Protective stops at the venue (`[execution] stops = "venue"`, issue 16 item 3, docs/LIVE.md): each
/// long position's stop-loss also rests at the venue as a stop order, at decision time, right after
/// a bar group commits.
///
/// Invariants: a position is never sold twice — its exit cancels the stop first and sends only what
/// the stop did not sell; a stop's every state is journaled in `venue_orders` before it is used; a
/// stop that filled books the position's exit at its execution (reason `stop_loss` or
/// `trailing_stop`) through the pending-order path the kernel's own stop uses, so a replay books the
/// same exit at the same price and time.
extension LiveSession {
    /// Each group: a resting stop the venue no longer lists open is looked up; when it sold while the
    /// ledger holds the position with no order pending, the position's exit is booked at its
    /// execution. A stop gone without a fill (cancelled by someone) is dropped with a warning and
    /// placed again by `placeStops`.
    func checkRestingStops() async throws {
        guard !stopBook.resting.isEmpty else { return }
        let symbols = Set(stopBook.resting.values.map(\.order.symbol)).sorted()
        let open = Set(try await venue.openOrders(symbols: symbols).map(\.clientOrderID))
        for (strategy, row) in stopBook.resting.sorted(by: { $0.key < $1.key })
        where !open.contains(row.order.clientOrderID) {
            guard let now = try await venue.status(clientOrderID: row.order.clientOrderID, symbol: row.order.symbol)
            else { continue }
            try settle(row, strategy: strategy, execution: now)
        }
    }

    /// Records a stop's new state. One that sold books the position's exit at its execution when the
    /// ledger awaits it (no order pending; a pending exit cancels the stop and takes its fill itself).
    /// Returns true when an exit was asked for.
    @discardableResult
    func settle(_ row: VenueOrderRow, strategy: Int, execution: VenueExecution) throws -> Bool {
        var updated = row
        updated.execution = execution
        var booked = false
        if execution.executedQuantity > 0 {
            guard portfolio?.awaitsVenueStopExit(strategy: strategy) == true,
                let exitKey = portfolio?.requestVenueStopExit(strategy: strategy)
            else { return false }
            updated.exitKey = exitKey
            stopBook.cover[exitKey] = execution
            booked = true
            logger.notice(
                "a protective stop sold at the venue: the position's exit is booked at its execution",
                metadata: [
                    "order": "\(row.order.clientOrderID)", "executed": "\(execution.executedQuantity)",
                    "price": "\(execution.averagePrice ?? 0)", "exit": "\(exitKey)",
                ])
        } else if !execution.status.isOpen {
            logger.warning(
                "a protective stop is gone at the venue without a fill: the position is unprotected; placing it again",
                metadata: ["order": "\(row.order.clientOrderID)", "status": "\(execution.status.rawValue)"])
        }
        try store.recordVenueOrder(updated)
        stopBook.record(updated)
        return booked
    }

    /// Before an exit is sent: cancels its position's resting stop. Returns what the stop sold (its
    /// execution, recorded under the exit's key), nil when it sold nothing. Throws when the venue
    /// cannot be reached: the exit then waits (it could sell twice).
    func cancelStop(beforeExit intent: VenueIntent) async throws -> VenueExecution? {
        if let row = stopBook.resting[intent.strategy] {
            let answer = try await venue.cancel(clientOrderID: row.order.clientOrderID, symbol: row.order.symbol)
            guard !answer.status.isOpen else {
                throw VenueStopError.notCancelled(clientOrderID: row.order.clientOrderID, status: answer.status)
            }
            var updated = row
            updated.execution = answer
            if answer.executedQuantity > 0 { updated.exitKey = intent.key }
            try store.recordVenueOrder(updated)
            stopBook.record(updated)
            if answer.executedQuantity > 0 {
                logger.notice(
                    "the position's stop had sold before its exit: only the rest is sent",
                    metadata: [
                        "stop": "\(row.order.clientOrderID)", "executed": "\(answer.executedQuantity)",
                        "exit": "\(intent.key)",
                    ])
            }
        }
        return stopBook.cover[intent.key]
    }

    /// Places each wanted stop the venue does not hold (`LivePortfolio.venueStopTargets`) and moves
    /// the ones whose level or quantity changed (cancel, then the next version); cancels the stops no
    /// position wants. Returns true when a cancel found a stop that had sold (its exit is then asked
    /// for, and sent by the caller).
    func placeStops() async throws -> Bool {
        guard let targets = portfolio?.venueStopTargets() else { return false }
        let wanted = Dictionary(targets.map { ($0.strategy, $0) }, uniquingKeysWith: { $1 })
        var exitsAsked = false
        for strategy in Set(wanted.keys).union(stopBook.resting.keys).sorted() {
            var target = wanted[strategy]
            if var wanting = target {
                wanting.entryTime = wanting.entryTime ?? stopBook.entryTimes[strategy] ?? 0
                stopBook.entryTimes[strategy] = wanting.entryTime
                target = wanting
            }
            if let target, let current = stopBook.latest[strategy], Self.holds(current, target) { continue }
            if let resting = stopBook.resting[strategy] {
                let answer: VenueExecution
                do {
                    answer = try await venue.cancel(
                        clientOrderID: resting.order.clientOrderID, symbol: resting.order.symbol)
                } catch let error where !(error is CancellationError) && !Task.isCancelled {
                    logger.error(
                        "a protective stop could not be moved; it is tried again next bar group",
                        metadata: ["order": "\(resting.order.clientOrderID)", "error": "\(error)"])
                    continue
                }
                if try settle(resting, strategy: strategy, execution: answer) {
                    exitsAsked = true
                    continue
                }
                if answer.executedQuantity > 0 { continue }
            }
            guard let target else { continue }
            if let gone = stopBook.latest[strategy], stopBook.resting[strategy] == nil,
                gone.execution.status == .canceled || gone.execution.status == .expired,
                gone.execution.executedQuantity == 0, VenueStopBook.stopKey(gone.key)?.entryTime == target.entryTime
            {
                logger.warning(
                    "the position's stop was cancelled at the venue by someone else: placing it again",
                    metadata: ["previous": "\(gone.order.clientOrderID)"])
            }
            try await place(target, strategy: strategy)
        }
        return exitsAsked
    }

    /// True when `row` is the stop `target` wants: open (or refused by the venue: not retried at the
    /// same level) at the same entry, quantity and level.
    static func holds(_ row: VenueOrderRow, _ target: VenueStopTarget) -> Bool {
        guard row.execution.status.isOpen || row.execution.status == .rejected,
            let key = VenueStopBook.stopKey(row.key), key.entryTime == target.entryTime,
            let stop = row.order.stopPrice
        else { return false }
        return abs(row.order.quantity - target.quantity) <= 1e-9 * target.quantity
            && abs(stop - target.stopPrice) <= 1e-12 * target.stopPrice
    }

    /// Places the next version of strategy `strategy`'s stop and records it. A venue failure is
    /// logged (the next bar group tries the same client id again: nothing is placed twice).
    private func place(_ target: VenueStopTarget, strategy: Int) async throws {
        let entryTime = target.entryTime ?? 0
        let version = (stopBook.versions["s\(strategy)-\(entryTime)"] ?? 0) + 1
        let key = VenueStopBook.key(strategy: strategy, entryTime: entryTime, version: version)
        let order = VenueOrder(
            clientOrderID: "\(clientPrefix)-\(key)", symbol: target.symbol, action: .sell, quantity: target.quantity,
            referencePrice: target.stopPrice, stopPrice: target.stopPrice)
        let strategyID = portfolio?.setup.strategies[strategy].id ?? ""
        let answer: VenueExecution
        do {
            answer = try await venue.submit(order)
        } catch let error where !(error is CancellationError) && !Task.isCancelled {
            logger.error(
                "a protective stop could not be placed; it is tried again next bar group",
                metadata: ["order": "\(order.clientOrderID)", "error": "\(error)"])
            return
        }
        if answer.status == .rejected {
            logger.warning(
                "the venue refused a protective stop: Ballast's own stop still runs on each closed bar",
                metadata: ["order": "\(order.clientOrderID)", "reason": "\(answer.reason ?? "")"])
        }
        let row = VenueOrderRow(
            runID: runID, venue: venue.name, key: key, fillSeq: nil, strategyID: strategyID, order: order,
            execution: answer)
        try store.recordVenueOrder(row)
        stopBook.record(row)
        if answer.executedQuantity > 0 { try settle(row, strategy: strategy, execution: answer) }
    }

    /// At a start, before the reconciliation compares: each stop the journal saw open is looked up;
    /// one that sold while Ballast was down is recorded and books the position's exit (so its
    /// execution counts on the journal's side). One gone without a fill is left to the comparison
    /// (a difference: the position was unprotected).
    public func settleStopsAtStart() async throws {
        guard portfolio?.restsStopsAtVenue == true else { return }
        stopBook = VenueStopBook(rows: try store.venueOrders(runID: runID))
        for (strategy, row) in stopBook.resting.sorted(by: { $0.key < $1.key }) {
            guard let now = try await venue.status(clientOrderID: row.order.clientOrderID, symbol: row.order.symbol),
                now.executedQuantity > 0
            else { continue }
            try settle(row, strategy: strategy, execution: now)
        }
    }
}

/// A stop order the venue did not cancel when asked.
enum VenueStopError: Error, CustomStringConvertible {
    case notCancelled(clientOrderID: String, status: VenueOrderStatus)

    var description: String {
        switch self {
        case .notCancelled(let id, let status):
            "the venue did not cancel stop \(id): it answered \(status.rawValue)"
        }
    }
}
