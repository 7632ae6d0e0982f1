/// Migration `v8`: what `ballast live --adopt-venue-state` adopted from the venue at a start
/// (issue 16 item 1, SPEC §18).
///
/// One row per difference adopted: `kind` is `balance` (then `asset` and `offset` = venue −
/// journal, added from then on to what the journal implies that asset holds), `order_cancelled`
/// (an open order the journal did not know, cancelled at the venue) or `order_final` (an order the
/// journal saw open, with the final state the venue reported, also written to `venue_orders`).
/// `journal` and `venue` are the table's texts; `adopted_at` the wall clock, in seconds.
enum StoreSchemaV8 {
    static let sql = """
        CREATE TABLE venue_adoptions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            adopted_at INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('balance', 'order_cancelled', 'order_final')),
            asset TEXT,
            client_order_id TEXT,
            journal TEXT NOT NULL,
            venue TEXT NOT NULL,
            offset REAL NOT NULL DEFAULT 0
        );
        CREATE INDEX venue_adoptions_run ON venue_adoptions (run_id);
        """
}
