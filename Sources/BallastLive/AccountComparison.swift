import BallastEngine

/// The reconciliation's comparison (SPEC §18): a pure function of what the journal says and what
/// the venue holds.
///
/// Rules (docs/LIVE.md, "Reconciliation at start"):
/// - every base asset of a traded symbol must hold what the journal implies, within `tolerance`
///   (relative, plus 1e-8 absolute): more is a difference too (a holding Ballast does not manage);
/// - the quote asset must hold at least what the journal implies: less is a difference (orders would
///   be sized against money that is not there), more is accepted (a reserve, or fees paid in
///   another asset);
/// - assets that are neither (BNB for fees, other coins) are not compared;
/// - every open order on a traded symbol must be one the journal knows as open, and every order the
///   journal knows as open must still be open at the venue.
/// Differences come out in that order, balances sorted by asset, orders by client id.
public enum AccountComparison {
    /// Relative tolerance of a balance comparison (rounding of decimal strings, float sums).
    public static let tolerance = 1e-6

    public static func differences(journal: JournalAccountState, venue: VenueAccountState) -> [AccountDifference] {
        var differences: [AccountDifference] = []
        let expected = journal.expectedBalances(assets: venue.assets)
        let bases = Set(journal.symbols.compactMap { venue.assets[$0]?.base })
        for asset in expected.keys.sorted() {
            let wanted = expected[asset] ?? 0
            let held = venue.balances[asset] ?? 0
            let slack = 1e-8 + tolerance * max(abs(wanted), abs(held))
            if asset == journal.quoteAsset && !bases.contains(asset) {
                if held < wanted - slack { differences.append(.balance(asset: asset, journal: wanted, venue: held)) }
            } else if bases.contains(asset) {
                if abs(held - wanted) > slack {
                    differences.append(.balance(asset: asset, journal: wanted, venue: held))
                }
            }
        }
        let known = journal.openClientOrderIDs
        let traded = Set(journal.symbols)
        let open = venue.openOrders.filter { traded.contains($0.symbol) }
        for order in open.sorted(by: { $0.clientOrderID < $1.clientOrderID })
        where !known.contains(order.clientOrderID) {
            differences.append(.unknownOpenOrder(order))
        }
        let openAtVenue = Set(open.map(\.clientOrderID))
        for execution in journal.executions.sorted(by: { $0.clientOrderID < $1.clientOrderID })
        where execution.status.isOpen && !openAtVenue.contains(execution.clientOrderID) {
            differences.append(.orderNoLongerOpen(clientOrderID: execution.clientOrderID, symbol: execution.symbol))
        }
        return differences
    }
}
