import BallastEngine
import BallastStore

extension LiveSession {
    /// The symbols the portfolio trades, in series order, each once.
    public var tradedSymbols: [String] {
        var seen: Set<String> = []
        return (portfolio?.setup.series ?? []).map(\.symbol).filter { seen.insert($0).inserted }
    }

    /// The portfolio's `initial_balance`.
    public var initialBalance: Double { portfolio?.setup.initialBalance ?? 0 }

    /// The orders the pending orders need that `venue_orders` does not record (client ids
    /// `<prefix>-<key>`): after a crash between a POST and its record the venue may know them.
    public func unrecordedVenueOrders() throws -> [(key: String, order: VenueOrder)] {
        guard portfolio?.usesVenueFills == true, let intents = portfolio?.venueIntents() else { return [] }
        let recorded = Set(try store.venueOrders(runID: runID).map(\.key))
        return intents.filter { !recorded.contains($0.key) }.map { intent in
            (
                intent.key,
                VenueOrder(
                    clientOrderID: "\(clientPrefix)-\(intent.key)", symbol: intent.symbol, action: intent.action,
                    quantity: intent.quantity, referencePrice: intent.referencePrice)
            )
        }
    }

    /// Records a venue's final answer for a journaled order (adopted at start) and hands it to the
    /// ledger, as `sendIntents` does for a fresh answer.
    public func adoptFinalState(of row: VenueOrderRow) throws {
        try store.recordVenueOrder(row)
        portfolio?.recordVenueFill(key: row.key, execution: row.execution)
    }
}

extension LiveSession {
    /// After `rebuild`: with a venue whose account can be read, the reconciliation (and then
    /// `sendPending`) runs when the first bar group arrives, before it is handled, or before a
    /// finish — inside the running service group, so a SIGTERM while the venue cannot be reached
    /// stops the run cleanly. With the paper venue there is nothing to reconcile: `sendPending` runs
    /// now, as before.
    public func reconcileBeforeSending(_ reconciliation: VenueReconciliation) async throws {
        if venue is any AccountReadingVenue {
            pendingReconciliation = reconciliation
        } else {
            try await sendPending()
        }
    }

    /// Runs the pending reconciliation once; a difference throws (nothing sent) and the run fails.
    func reconcileIfPending() async throws {
        guard let reconciliation = pendingReconciliation else { return }
        try await reconciliation.reconcile(self)
        pendingReconciliation = nil
        try await sendPending()
    }
}
