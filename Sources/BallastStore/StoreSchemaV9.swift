/// Migration `v9`: protective stops at the venue (`[execution] stops = "venue"`, issue 16 item 3).
///
/// `venue_orders` gains `stop_price` (set for a stop order: the ledger's stop level it was placed
/// at; NULL for a market order) and `exit_key` (set on a stop order that filled: the order key of
/// the position's exit its execution is booked as, e.g. `x0-1700000000`; NULL otherwise). A stop
/// order's `order_key` is `s<strategy>-<entry signal time>-<version>`.
enum StoreSchemaV9 {
    static let sql = """
        ALTER TABLE venue_orders ADD COLUMN stop_price REAL;
        ALTER TABLE venue_orders ADD COLUMN exit_key TEXT;
        """
}
