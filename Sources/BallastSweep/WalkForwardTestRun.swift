import BallastCore
import BallastReports
import Foundation

/// The chosen variant's run on one walk-forward test window: everything the stitched out-of-sample
/// curve and metrics need, so a journaled window is never run again (it is `test_json` of
/// `walk_forward_windows`, docs/DATABASE.md).
///
/// Invariant: `equity` is the run's own day-end portfolio equity (not yet scaled to the stitched
/// curve), in time order, on a run that started with `initialBalance`.
public struct WalkForwardTestRun: Sendable, Equatable, Codable {
    /// The portfolio metrics of the run.
    public var metrics: PerformanceMetrics
    public var initialBalance: Double
    public var equity: [Point]
    public var trades: [TradeOutcome]
    public var annualization: Annualization

    enum CodingKeys: String, CodingKey {
        case metrics, equity, trades, annualization
        case initialBalance = "initial_balance"
    }

    /// One day-end snapshot of the portfolio's equity.
    public struct Point: Sendable, Equatable, Codable {
        public var time: Timestamp
        public var equity: Double
    }

    /// The JSON stored in the journal (sorted keys, so equal runs store equal text).
    public func jsonText() throws -> String {
        String(decoding: try PerformanceMetrics.jsonEncoder().encode(self), as: UTF8.self)
    }

    /// Reads `jsonText()` back.
    public static func decode(_ text: String) throws -> WalkForwardTestRun {
        try JSONDecoder().decode(WalkForwardTestRun.self, from: Data(text.utf8))
    }
}
