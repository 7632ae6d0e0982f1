/// Migration `v2`: what a live run needs to resume exactly and to deal with a venue.
///
/// - `live_bars`: every bar a live run processed, written in the same transaction as the journal
///   of its bar group. A restart rebuilds the run's state by replaying them (the engine is a pure
///   function of its bars) and checks the result against the committed `risk_state`.
/// - `venue_orders`: each order sent to a venue, by its deterministic client order id (unique, so
///   an order is never recorded, nor sent, twice), with the venue's answer. `order_key` is its key in
///   the run: `f<fill seq>` for the paper venue (which mirrors ledger fills), `x…`/`e…` for the exit
///   and entry parts of a pending order sent to an external venue (whose executions the ledger
///   fills at; a restart replays them).
enum StoreSchemaV2 {
    static let sql = """
        CREATE TABLE live_bars (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            series INTEGER NOT NULL,
            time INTEGER NOT NULL,
            close_time INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            timeframe TEXT NOT NULL,
            open REAL NOT NULL,
            high REAL NOT NULL,
            low REAL NOT NULL,
            close REAL NOT NULL,
            volume REAL NOT NULL,
            PRIMARY KEY (run_id, series, time)
        ) WITHOUT ROWID;
        CREATE TABLE venue_orders (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            client_order_id TEXT NOT NULL PRIMARY KEY,
            venue TEXT NOT NULL,
            order_key TEXT NOT NULL,
            fill_seq INTEGER,
            strategy_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('buy', 'sell')),
            quantity REAL NOT NULL,
            reference_price REAL,
            status TEXT NOT NULL,
            executed_quantity REAL NOT NULL,
            average_price REAL,
            commission REAL NOT NULL,
            reason TEXT,
            UNIQUE (run_id, order_key)
        );
        CREATE INDEX venue_orders_by_fill ON venue_orders(run_id, fill_seq);
        """
}
