import BallastCore
import GRDB

extension BallastStore {
    /// One journaled change of a strategy's feed halt (a reduce-only event with source `feed`).
    public struct FeedHealthChange: Sendable, Equatable {
        /// The event's time: the clock of the bar group that applied it (its close time − 1 s).
        public var time: Int64
        public var strategyID: String
        /// True: entries halted from that group on; false: allowed again.
        public var entered: Bool
    }

    /// The feed-health changes live run `runID` journaled, in the order written.
    public func feedHealthChanges(runID: Int64) throws(StoreError) -> [FeedHealthChange] {
        try read("reading the feed-health changes of run \(runID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT time, strategy_id, entered FROM reduce_only_events
                    WHERE run_id = ? AND source = 'feed' AND strategy_id IS NOT NULL ORDER BY id
                    """,
                arguments: [runID]
            ).map { row in
                FeedHealthChange(time: row["time"], strategyID: row["strategy_id"], entered: row["entered"])
            }
        }
    }
}
