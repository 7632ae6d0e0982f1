import BallastCore
import BallastEngine
import BallastStore
import BallastTestKit
import Foundation
import Testing

@Suite("Row types print as JSON with the database's column names")
struct StoreRowJSONTests {
    typealias F = StoreFixtures

    /// The top-level keys of `value` encoded as JSON with sorted keys, and the value decoded back.
    static func keys<T: Codable & Equatable>(of value: T) throws -> (keys: [String], roundTrip: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (object.keys.sorted(), try JSONDecoder().decode(T.self, from: data))
    }

    @Test("budgets and runs encode snake_case keys and decode back equal; decisions and adjustments encode flat")
    func snakeCaseKeys() throws {
        try StoreRoundTripTests.withRun { store, runID, _ in
            try store.append(try F.fullBatch(), runID: runID)
            try store.finishRun(
                runID, finishedAt: F.finished, finalEquity: 11_250, summaryJSON: StoreRoundTripTests.summary)

            let decision = try #require(try store.decisions(runID: runID).first)
            // Encoded only (nothing reads it back): the engine's `RiskDecision` lies flat, by column name.
            let decisionData = try JSONEncoder().encode(decision)
            let decisionObject = try #require(
                try JSONSerialization.jsonObject(with: decisionData) as? [String: Any])
            #expect(
                Set(decisionObject.keys) == [
                    "run_id", "seq", "time", "bar_time", "strategy_id", "symbol", "side", "sized", "throttled",
                    "bounded", "strategy_daily", "portfolio", "after_max_position", "after_daily_risk",
                    "after_correlation", "after_cash", "approved_fraction", "approved_sleeve_fraction",
                    "binding_limit", "position_size_factor", "stop_loss_tightening", "daily_risk_factor",
                    "primary_reason", "correlation_group", "correlation_exposure", "correlation_cap",
                    "correlation_requested", "correlation_allowed", "correlation_reason", "portfolio_equity",
                    "sleeve_equity",
                ])
            #expect(decisionObject["seq"] as? Int == decision.decision.sequence)
            #expect(decisionObject["correlation_reason"] as? String == decision.decision.correlation?.reason)

            let adjustment = try #require(try store.adjustments(runID: runID).first)
            // Encoded only (nothing reads it back): the engine's `RiskInputs` lie flat, by column name.
            let adjustmentData = try JSONEncoder().encode(adjustment)
            let adjustmentKeys = try #require(
                try JSONSerialization.jsonObject(with: adjustmentData) as? [String: Any]
            ).keys
            for key in ["position_size_factor_original", "pnl_under", "drawdown", "peak", "trade_count"] {
                #expect(adjustmentKeys.contains(key), "\(key)")
            }
            #expect(!adjustmentKeys.contains("inputs"))

            let budget = try #require(try store.budgets(runID: runID).first)
            let budgetJSON = try Self.keys(of: budget)
            #expect(budgetJSON.roundTrip == budget)
            #expect(budgetJSON.keys.contains("strategy_daily_left_in_force"))
            #expect(budgetJSON.keys.contains("active_components"))

            let run = try #require(try store.runs().first)
            let runJSON = try Self.keys(of: run)
            #expect(runJSON.roundTrip == run)
            #expect(runJSON.keys.contains("total_return_pct") && runJSON.keys.contains("data_start"))
            #expect(runJSON.keys.allSatisfy { $0 == $0.lowercased() })
        }
    }
}
