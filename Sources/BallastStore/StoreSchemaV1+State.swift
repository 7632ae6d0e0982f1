extension StoreSchemaV1 {
    /// The latest state of every strategy and of the shared book, and the `budgets` view over them.
    static let state = """
        CREATE TABLE strategy_state (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            strategy_id TEXT NOT NULL,
            time INTEGER NOT NULL,
            capital REAL NOT NULL,
            sleeve_equity REAL NOT NULL,
            sleeve_peak REAL NOT NULL,
            sleeve_drawdown REAL NOT NULL,
            strategy_daily_used REAL NOT NULL,
            strategy_daily_cap REAL,
            strategy_daily_left REAL,
            portfolio_daily_used REAL NOT NULL,
            portfolio_daily_left REAL,
            open_exposure_portfolio REAL NOT NULL,
            open_exposure_sleeve REAL NOT NULL,
            correlated_exposure REAL NOT NULL,
            correlation_headroom REAL NOT NULL,
            strategy_reduce_only INTEGER NOT NULL CHECK (strategy_reduce_only IN (0, 1)),
            portfolio_reduce_only INTEGER NOT NULL CHECK (portfolio_reduce_only IN (0, 1)),
            position_size_factor REAL NOT NULL,
            stop_loss_tightening REAL NOT NULL,
            daily_risk_factor REAL NOT NULL,
            primary_reason TEXT NOT NULL,
            drawdown_tier INTEGER,
            active_reasons TEXT NOT NULL,
            drawdown REAL NOT NULL,
            recovery REAL,
            trough REAL,
            peak REAL NOT NULL,
            score REAL,
            win_rate REAL,
            profit_factor REAL,
            trade_count INTEGER NOT NULL,
            volatility REAL,
            realized_pnl REAL NOT NULL,
            position_side TEXT CHECK (position_side IN ('long', 'short')),
            position_quantity REAL NOT NULL,
            PRIMARY KEY (run_id, strategy_id),
            FOREIGN KEY (run_id, strategy_id) REFERENCES strategies(run_id, id) ON DELETE CASCADE
        );
        CREATE TABLE risk_state (
            run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            state_json TEXT NOT NULL
        );
        CREATE VIEW budgets AS
        SELECT
            s.run_id AS run_id,
            r.status AS run_status,
            st.id AS strategy_id,
            st.position AS position,
            st.kind AS kind,
            st.symbol AS symbol,
            s.time AS as_of,
            s.capital AS capital,
            s.capital * r.initial_equity AS sleeve_initial_equity,
            s.sleeve_equity AS sleeve_equity,
            s.sleeve_peak AS sleeve_peak,
            s.sleeve_drawdown AS sleeve_drawdown,
            s.drawdown_tier AS drawdown_tier,
            s.primary_reason AS primary_reason,
            s.active_reasons AS active_reasons,
            s.position_size_factor AS position_size_factor,
            s.stop_loss_tightening AS stop_loss_tightening,
            s.daily_risk_factor AS daily_risk_factor,
            s.open_exposure_portfolio AS open_exposure_portfolio,
            s.open_exposure_sleeve AS open_exposure_sleeve,
            s.strategy_daily_used AS strategy_daily_used,
            s.strategy_daily_cap AS strategy_daily_cap,
            s.strategy_daily_left AS strategy_daily_left,
            s.strategy_daily_cap * s.daily_risk_factor AS strategy_daily_cap_in_force,
            max(0.0, s.strategy_daily_cap * s.daily_risk_factor - s.strategy_daily_used)
                AS strategy_daily_left_in_force,
            s.portfolio_daily_used AS portfolio_daily_used,
            s.portfolio_daily_left AS portfolio_daily_left,
            s.correlated_exposure AS correlated_exposure,
            s.correlation_headroom AS correlation_headroom,
            s.strategy_reduce_only AS strategy_reduce_only,
            s.portfolio_reduce_only AS portfolio_reduce_only,
            s.position_side AS position_side,
            s.position_quantity AS position_quantity,
            s.realized_pnl AS realized_pnl
        FROM strategy_state s
        JOIN strategies st ON st.run_id = s.run_id AND st.id = s.strategy_id
        JOIN runs r ON r.id = s.run_id;
        """
}
