import BallastCore
import BallastRisk
import GRDB

extension BallastStore {
    /// The strategies live run `runID` halted after they failed (reduce-only events with reason
    /// `strategy_failed`), by id, with the time of the first such event.
    public func failedStrategies(runID: Int64) throws(StoreError) -> [String: Int64] {
        try read("reading the failed strategies of run \(runID)") { db in
            var failed: [String: Int64] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT strategy_id, min(time) AS time FROM reduce_only_events
                    WHERE run_id = ? AND reason = ? AND strategy_id IS NOT NULL GROUP BY strategy_id
                    """,
                arguments: [runID, ReduceOnlyEvent.strategyFailed])
            for row in rows { failed[row["strategy_id"]] = row["time"] }
            return failed
        }
    }
}
