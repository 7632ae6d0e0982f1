import GRDB

extension BallastStore {
    /// Journals what `--adopt-venue-state` adopted, in one transaction.
    public func recordVenueAdoptions(_ rows: [VenueAdoptionRow]) throws(StoreError) {
        guard !rows.isEmpty else { return }
        try write("recording the venue state adopted for run \(rows[0].runID)") { db in
            for row in rows {
                try db.execute(
                    sql: """
                        INSERT INTO venue_adoptions (run_id, adopted_at, kind, asset, client_order_id, journal, venue,
                            offset)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        row.runID, row.adoptedAt, row.kind.rawValue, row.asset, row.clientOrderID, row.journal,
                        row.venue, row.offset,
                    ])
            }
        }
    }

    /// The balance offsets adopted for run `runID`, summed per asset.
    public func adoptedBalanceOffsets(runID: Int64) throws(StoreError) -> [String: Double] {
        try read("reading the venue state adopted for run \(runID)") { db in
            var offsets: [String: Double] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT asset, SUM(offset) AS total FROM venue_adoptions
                    WHERE run_id = ? AND kind = 'balance' AND asset IS NOT NULL GROUP BY asset
                    """,
                arguments: [runID])
            {
                offsets[row["asset"]] = row["total"]
            }
            return offsets
        }
    }
}
