/// Migration `v3`: drops the `(run_id, strategy_id, time)` index of `risk_decisions`.
///
/// No query of Ballast used it (decisions are read in `seq` order, through the primary key, with
/// or without a strategy filter, and SQLite's planner chose the primary key for every one of them),
/// while every decision paid for it on insert: about a fifth of the decisions' write time, the
/// largest table of a journaled backtest. Reading one strategy's decisions of a 115,000-decision
/// run takes 42 ms with or without it; its last 20, 1 ms.
enum StoreSchemaV3 {
    static let sql = """
        DROP INDEX IF EXISTS risk_decisions_by_strategy;
        """
}
