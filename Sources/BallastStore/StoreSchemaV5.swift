/// Migration `v5`: parameter sweeps (SPEC §17, docs/DATABASE.md).
///
/// `sweeps` has one row per sweep, keyed by its sweep id (a hash of the sweep file, the portfolio
/// file and the data, as `RunIdentity` hashes a run), so the same sweep run again finds its row and
/// resumes. `sweep_variants` has one row per **done** variant (`finished` or `skipped`): a variant
/// without a row has not run, which is all that resuming needs. Each finished variant keeps every
/// portfolio metric of SPEC §14 in its own column (for SQL), the same metrics as JSON
/// (`metrics_json`, what the sweep prints) and the whole JSON summary of its run with every
/// strategy's metrics (`summary_json`).
enum StoreSchemaV5 {
    static let sql = """
        CREATE TABLE sweeps (
            id TEXT PRIMARY KEY NOT NULL,
            sweep_path TEXT NOT NULL,
            portfolio_path TEXT NOT NULL,
            sweep_text TEXT NOT NULL,
            objective TEXT NOT NULL,
            mode TEXT NOT NULL,
            variant_count INTEGER NOT NULL CHECK (variant_count >= 0),
            created_at TEXT NOT NULL,
            finished_at TEXT
        );

        CREATE TABLE sweep_variants (
            sweep_id TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
            variant INTEGER NOT NULL CHECK (variant >= 0),
            params_json TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('finished', 'skipped')),
            reason TEXT,
            objective_value REAL,
            total_return_pct REAL,
            cagr_pct REAL,
            sharpe REAL,
            sortino REAL,
            calmar REAL,
            max_drawdown_pct REAL,
            win_rate_pct REAL,
            profit_factor REAL,
            expectancy_pct REAL,
            sqn REAL,
            exposure_pct REAL,
            trades INTEGER,
            final_equity REAL,
            metrics_json TEXT,
            summary_json TEXT,
            PRIMARY KEY (sweep_id, variant)
        );
        """
}
