/// Migration `v4`: operator commands (SPEC §16, docs/SERVE.md).
///
/// `operator_commands` holds every `halt`, `resume` and `flatten` a person sent to a live run (by
/// `ballast halt|resume|flatten` or `POST /api/runs/{id}/…` of `ballast serve`): when it was received
/// (wall clock), its target (a strategy id, or NULL for every strategy), its reason and source, and
/// — once the run applied it — the close time of the bar group that applied it (`applied_at`, the
/// engine clock), written in that group's transaction. `reduce_only_events.source` says who changed
/// a reduce-only state: `risk` (the drawdown latches, every row before v4) or `operator`.
enum StoreSchemaV4 {
    static let sql = """
        CREATE TABLE operator_commands (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            received_at TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('halt', 'resume', 'flatten')),
            strategy_id TEXT,
            reason TEXT NOT NULL,
            source TEXT NOT NULL,
            applied_at INTEGER
        );
        CREATE INDEX operator_commands_by_run ON operator_commands(run_id, applied_at);
        ALTER TABLE reduce_only_events ADD COLUMN source TEXT NOT NULL DEFAULT 'risk';
        """
}
