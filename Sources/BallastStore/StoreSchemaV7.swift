/// Migration `v7`: walk-forward sweeps are journaled and resume (issue 15, SPEC §17).
///
/// `walk_forward_variants` has one row per **done** variant of one train window, keyed by the
/// sweep, the window's number (from 0, in time order) and the variant: the same record as
/// `sweep_variants`. `walk_forward_windows` has one row per **done** window: its dates (epoch
/// seconds), the chosen variant (NULL when no variant finished on the train window) and, when a
/// choice ran on the test window, that run's result as JSON (`test_json`: its metrics, day-end
/// portfolio equity, trades, annualization and initial balance: everything the stitched curve
/// needs). A row is written only after everything it says is done, so a window without a row is
/// resumed from its train variants, and a variant without a row has not run.
enum StoreSchemaV7 {
    static let sql = """
        CREATE TABLE walk_forward_variants (
            sweep_id TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
            window_index INTEGER NOT NULL CHECK (window_index >= 0),
            variant INTEGER NOT NULL CHECK (variant >= 0),
            params_json TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('finished', 'skipped')),
            reason TEXT,
            objective_value REAL,
            metrics_json TEXT,
            summary_json TEXT,
            PRIMARY KEY (sweep_id, window_index, variant)
        );

        CREATE TABLE walk_forward_windows (
            sweep_id TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
            window_index INTEGER NOT NULL CHECK (window_index >= 0),
            train_start INTEGER NOT NULL,
            test_start INTEGER NOT NULL,
            test_end INTEGER NOT NULL,
            chosen_variant INTEGER,
            test_json TEXT,
            PRIMARY KEY (sweep_id, window_index)
        );
        """
}
