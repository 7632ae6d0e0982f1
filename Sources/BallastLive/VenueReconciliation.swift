import BallastCore
import BallastEngine
import BallastStore
import Foundation
import Logging

/// The reconciliation at the start of a live run (SPEC §18), fresh or resumed, after the journal is
/// replayed and before anything is sent: reads the venue's balances and open orders, compares them
/// with what the journal says (`AccountComparison`), and stops the run on a difference
/// (`VenueReconciliationError`, exit 1, with the table) unless `adopt` is set, in which case the
/// venue's state is journaled as the new truth (`venue_adoptions`, docs/LIVE.md):
/// - a balance difference becomes an offset added to what the journal implies from then on; no
///   strategy's position changes (Ballast neither trades nor protects the adopted amount);
/// - an open order the journal does not know is cancelled at the venue (an order nobody watches
///   could fill at any time and change the balances under Ballast);
/// - an order the journal saw open gets the venue's final state, recorded in `venue_orders` and
///   handed to the ledger.
///
/// A venue that is not an `AccountReadingVenue` (the paper venue: its state is the journal's) is
/// trivially clean. The run's own orders that the journal had not recorded yet (a crash between
/// the POST and its record) are looked up by their client ids and count as the journal's: the
/// resume records them without posting them again.
public struct VenueReconciliation: Sendable {
    public var venue: any OrderVenue
    public var store: BallastStore
    public var adopt: Bool
    public var wallClock: any WallClock
    public var logger: Logger

    public init(venue: any OrderVenue, store: BallastStore, adopt: Bool, wallClock: any WallClock, logger: Logger) {
        self.venue = venue
        self.store = store
        self.adopt = adopt
        self.wallClock = wallClock
        self.logger = logger
    }

    /// Reconciles `session`'s journal with the venue; returns the differences found (adopted when
    /// `adopt`, else thrown).
    @discardableResult
    public func reconcile(_ session: LiveSession) async throws -> [AccountDifference] {
        guard let account = venue as? any AccountReadingVenue else { return [] }
        let runID = session.runID
        let symbols = await session.tradedSymbols
        // A stop that sold while Ballast was down is the position's exit, journaled before comparing.
        try await session.settleStopsAtStart()
        var executions = try store.venueOrders(runID: runID).map {
            JournalAccountState.Execution($0.order, $0.execution)
        }
        for (_, order) in try await session.unrecordedVenueOrders() {
            guard let known = try await venue.status(clientOrderID: order.clientOrderID, symbol: order.symbol)
            else { continue }
            logger.notice(
                "the venue knows an order the journal had not recorded; it is recorded without posting it again",
                metadata: ["client_order_id": "\(order.clientOrderID)"])
            executions.append(JournalAccountState.Execution(order, known))
        }
        let state = try await account.accountState(symbols: symbols)
        let quote = symbols.first.flatMap { state.assets[$0]?.quote } ?? ""
        let initialBalance = await session.initialBalance
        let offsets = try store.adoptedBalanceOffsets(runID: runID)
        let journal = JournalAccountState(
            initialBalance: initialBalance, quoteAsset: quote, symbols: symbols, executions: executions,
            adoptedOffsets: offsets)
        let differences = AccountComparison.differences(journal: journal, venue: state)
        guard !differences.isEmpty else {
            logger.notice("venue reconciled with the journal: no difference", metadata: ["run": "\(runID)"])
            return []
        }
        guard adopt else { throw VenueReconciliationError.differences(runID: runID, differences) }
        try await adoptVenueState(differences, session: session)
        return differences
    }

    private func adoptVenueState(_ differences: [AccountDifference], session: LiveSession) async throws {
        let runID = session.runID
        let now = Int64(wallClock.now().timeIntervalSince1970)
        var rows: [VenueAdoptionRow] = []
        let journaled = Dictionary(
            try store.venueOrders(runID: runID).map { ($0.order.clientOrderID, $0) }, uniquingKeysWith: { $1 })
        for difference in differences {
            switch difference {
            case .balance(let asset, let journal, let venue):
                rows.append(
                    VenueAdoptionRow(
                        runID: runID, adoptedAt: now, kind: .balance, asset: asset, journal: difference.journal,
                        venue: difference.venue, offset: venue - journal))
            case .unknownOpenOrder(let order):
                let cancelled = try await self.venue.cancel(clientOrderID: order.clientOrderID, symbol: order.symbol)
                rows.append(
                    VenueAdoptionRow(
                        runID: runID, adoptedAt: now, kind: .orderCancelled, clientOrderID: order.clientOrderID,
                        journal: difference.journal, venue: "\(cancelled.status.rawValue) (cancelled at the start)"))
            case .orderNoLongerOpen(let id, let symbol):
                let final = try await self.venue.status(clientOrderID: id, symbol: symbol)
                if let final, var row = journaled[id] {
                    row.execution = final
                    try await session.adoptFinalState(of: row)
                }
                rows.append(
                    VenueAdoptionRow(
                        runID: runID, adoptedAt: now, kind: .orderFinal, clientOrderID: id,
                        journal: difference.journal, venue: final?.status.rawValue ?? "unknown to the venue"))
            }
        }
        try store.recordVenueAdoptions(rows)
        logger.warning(
            "--adopt-venue-state: the venue's state is journaled as the new truth",
            metadata: ["run": "\(runID)", "differences": "\(differences.count)"])
        let table = AccountDifference.table(differences)
        FileHandle.standardError.write(Data("adopted the venue's state for live run \(runID):\n\(table)\n".utf8))
    }
}

/// The venue's account differs from the journal at the start of a live run: nothing was sent.
public enum VenueReconciliationError: BallastFailure, Equatable {
    case differences(runID: Int64, [AccountDifference])

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        switch self {
        case .differences(let runID, let differences):
            "live run \(runID): the venue's account differs from the journal; nothing was sent:\n"
                + AccountDifference.table(differences)
                + "\nFind out why (a manual trade, another program on the account, a deposit); then restore the "
                + "account, or pass --adopt-venue-state to journal the venue's state as the new truth (docs/LIVE.md)"
        }
    }
}
