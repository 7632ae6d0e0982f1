/// Migration `v1`: the first schema (docs/DATABASE.md describes every table and column).
///
/// A shipped migration is never edited: a later schema change is a new migration (`v2`, …) that
/// alters these tables. Times are INTEGER seconds since the Unix epoch (UTC), except
/// `runs.started_at` and `runs.finished_at`, which are ISO-8601 text of the wall clock.
///
/// The narrow journal tables keyed by a run sequence (orders, fills, positions, trades) are
/// `WITHOUT ROWID`, so each row is stored once, in its primary-key b-tree; the wide ones keep a rowid
/// as SQLite recommends for rows larger than a few hundred bytes.
enum StoreSchemaV1 {
    /// The statements of the migration, run in one transaction.
    static let sql = runs + journal + risk + state

    /// Runs and their strategies.
    static let runs = """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mode TEXT NOT NULL,
            name TEXT NOT NULL,
            portfolio_path TEXT NOT NULL,
            input_hash TEXT NOT NULL,
            config_text TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            data_start INTEGER NOT NULL,
            data_end INTEGER NOT NULL,
            initial_equity REAL NOT NULL,
            final_equity REAL,
            summary_json TEXT,
            error TEXT
        );
        CREATE INDEX runs_by_input_hash ON runs(input_hash);
        CREATE TABLE strategies (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            symbol TEXT NOT NULL,
            timeframe TEXT NOT NULL,
            capital REAL NOT NULL,
            priority INTEGER NOT NULL,
            profile_json TEXT NOT NULL,
            PRIMARY KEY (run_id, id),
            UNIQUE (run_id, position)
        );

        """

    /// Orders, fills, positions, trades and equity snapshots.
    static let journal = """
        CREATE TABLE orders (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            strategy_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('long', 'short')),
            intent TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            decision_seq INTEGER,
            fraction REAL,
            status TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE fills (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            order_seq INTEGER NOT NULL,
            strategy_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
            quantity REAL NOT NULL,
            price REAL NOT NULL,
            fee REAL NOT NULL,
            time INTEGER NOT NULL,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE positions (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            fill_seq INTEGER NOT NULL,
            strategy_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            time INTEGER NOT NULL,
            side TEXT CHECK (side IN ('long', 'short')),
            quantity REAL NOT NULL,
            entry_price REAL,
            stop_loss REAL,
            take_profit REAL,
            PRIMARY KEY (run_id, fill_seq)
        ) WITHOUT ROWID;
        CREATE TABLE trades (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            strategy_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('long', 'short')),
            entry_time INTEGER NOT NULL,
            exit_time INTEGER NOT NULL,
            entry_price REAL NOT NULL,
            exit_price REAL NOT NULL,
            quantity REAL NOT NULL,
            pnl REAL NOT NULL,
            return_fraction REAL NOT NULL,
            exit_reason TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX trades_by_strategy ON trades(run_id, strategy_id, exit_time);
        CREATE TABLE account_snapshots (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            time INTEGER NOT NULL,
            scope TEXT NOT NULL,
            equity REAL NOT NULL,
            peak REAL NOT NULL,
            drawdown REAL NOT NULL,
            gross_exposure REAL NOT NULL,
            realized_pnl REAL NOT NULL
        );
        CREATE INDEX account_snapshots_by_scope ON account_snapshots(run_id, scope, time);

        """

    /// Risk decisions, adjustments, performance metrics and reduce-only events.
    static let risk = """
        CREATE TABLE risk_decisions (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            time INTEGER NOT NULL,
            bar_time INTEGER NOT NULL,
            strategy_id TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('long', 'short')),
            sized REAL NOT NULL,
            throttled REAL NOT NULL,
            bounded REAL NOT NULL,
            strategy_daily REAL NOT NULL,
            portfolio REAL NOT NULL,
            after_max_position REAL NOT NULL,
            after_daily_risk REAL NOT NULL,
            after_correlation REAL NOT NULL,
            after_cash REAL NOT NULL,
            approved_fraction REAL NOT NULL,
            approved_sleeve_fraction REAL NOT NULL,
            binding_limit TEXT NOT NULL,
            position_size_factor REAL NOT NULL,
            stop_loss_tightening REAL NOT NULL,
            daily_risk_factor REAL NOT NULL,
            primary_reason TEXT NOT NULL,
            correlation_group TEXT,
            correlation_exposure REAL,
            correlation_cap REAL,
            correlation_requested REAL,
            correlation_allowed REAL,
            correlation_reason TEXT,
            portfolio_equity REAL NOT NULL,
            sleeve_equity REAL NOT NULL,
            PRIMARY KEY (run_id, seq)
        );
        CREATE INDEX risk_decisions_by_strategy ON risk_decisions(run_id, strategy_id, time);
        CREATE TABLE risk_adjustments (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            strategy_id TEXT NOT NULL,
            time INTEGER NOT NULL,
            component TEXT NOT NULL,
            reason TEXT NOT NULL,
            previous_reason TEXT NOT NULL,
            tier_before INTEGER,
            tier_after INTEGER,
            position_size_factor_original REAL NOT NULL,
            position_size_factor_adjusted REAL NOT NULL,
            stop_loss_tightening_original REAL NOT NULL,
            stop_loss_tightening_adjusted REAL NOT NULL,
            daily_risk_factor_original REAL NOT NULL,
            daily_risk_factor_adjusted REAL NOT NULL,
            primary_reason_before TEXT NOT NULL,
            primary_reason_after TEXT NOT NULL,
            active_reasons TEXT NOT NULL,
            component_size_factor_before REAL,
            component_size_factor_after REAL,
            component_tightening_before REAL,
            component_tightening_after REAL,
            component_daily_factor_before REAL,
            component_daily_factor_after REAL,
            drawdown REAL NOT NULL,
            recovery REAL,
            trough REAL,
            peak REAL NOT NULL,
            score REAL,
            win_rate REAL,
            profit_factor REAL,
            trade_count INTEGER NOT NULL,
            volatility REAL,
            ended_at INTEGER,
            duration_seconds INTEGER,
            trades_under INTEGER,
            pnl_under REAL,
            PRIMARY KEY (run_id, seq)
        );
        CREATE INDEX risk_adjustments_by_strategy ON risk_adjustments(run_id, strategy_id, time);
        CREATE TABLE dynamic_performance_metrics (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            strategy_id TEXT NOT NULL,
            time INTEGER NOT NULL,
            trigger_kind TEXT NOT NULL,
            win_rate REAL,
            profit_factor REAL,
            sharpe REAL,
            drawdown REAL NOT NULL,
            volatility REAL,
            consecutive_wins INTEGER NOT NULL,
            consecutive_losses INTEGER NOT NULL,
            trade_count INTEGER NOT NULL,
            position_size_factor REAL NOT NULL,
            stop_loss_tightening REAL NOT NULL,
            daily_risk_factor REAL NOT NULL,
            primary_reason TEXT NOT NULL,
            drawdown_tier INTEGER,
            active_reasons TEXT NOT NULL,
            score REAL,
            recovery REAL,
            trough REAL,
            peak REAL NOT NULL
        );
        CREATE INDEX dynamic_performance_metrics_by_strategy
            ON dynamic_performance_metrics(run_id, strategy_id, time);
        CREATE TABLE reduce_only_events (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            time INTEGER NOT NULL,
            strategy_id TEXT,
            entered INTEGER NOT NULL CHECK (entered IN (0, 1)),
            drawdown REAL NOT NULL,
            max_drawdown REAL NOT NULL
        );
        CREATE INDEX reduce_only_events_by_strategy ON reduce_only_events(run_id, strategy_id, time);

        """
}
