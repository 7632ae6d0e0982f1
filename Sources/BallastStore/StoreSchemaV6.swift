/// Migration `v6`: why a reduce-only event happened (issue 13, SPEC §15).
///
/// `reason` is `max_drawdown` for the drawdown latches every earlier event recorded, and
/// `strategy_failed` when a live run halted a process strategy that exited, hung or broke the
/// protocol; `message` says what it did (NULL for drawdown events, whose `drawdown` and
/// `max_drawdown` say it). A `strategy_failed` event records 0 for both.
enum StoreSchemaV6 {
    static let sql = """
        ALTER TABLE reduce_only_events ADD COLUMN reason TEXT NOT NULL DEFAULT 'max_drawdown';
        ALTER TABLE reduce_only_events ADD COLUMN message TEXT;
        """
}
