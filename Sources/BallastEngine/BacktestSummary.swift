import BallastCore
import BallastReports
import Foundation

/// The JSON summary of SPEC §14:
/// `{"run_id", "portfolio": {metrics}, "strategies": [{"id", "symbol", metrics…, "risk": {…}}]}`.
///
/// Encoded with sorted keys and explicit nulls, so the same run gives byte-identical JSON.
public struct BacktestSummary: Encodable, Sendable {
    public var runID: String
    public var portfolio: PerformanceMetrics
    public var strategies: [Strategy]

    /// One strategy's line: its metrics flattened beside its id and symbol, and its risk counters.
    public struct Strategy: Encodable, Sendable {
        public var id: String
        public var symbol: String
        public var metrics: PerformanceMetrics
        public var risk: Risk
        /// The strategy had no bars in the run's range (docs/BACKTEST.md); encoded as
        /// `"sitting_out": true` only then, so other runs' JSON is unchanged.
        public var sitsOut = false

        enum CodingKeys: String, CodingKey {
            case id, symbol, risk
            case sitsOut = "sitting_out"
        }

        public func encode(to encoder: any Encoder) throws {
            try metrics.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(symbol, forKey: .symbol)
            try container.encode(risk, forKey: .risk)
            if sitsOut { try container.encode(true, forKey: .sitsOut) }
        }
    }

    /// A strategy's risk counters over the run.
    public struct Risk: Encodable, Sendable {
        public var adjustments: Int
        public var decisions: Int
        public var denied: Int
        public var minPositionSizeFactor: Double

        enum CodingKeys: String, CodingKey {
            case adjustments, decisions, denied
            case minPositionSizeFactor = "min_position_size_factor"
        }
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case portfolio, strategies
    }

    public init(result: BacktestResult) {
        runID = result.runID
        portfolio = result.portfolio
        strategies = result.strategies.map {
            Strategy(
                id: $0.id, symbol: $0.symbol, metrics: $0.metrics,
                risk: Risk(
                    adjustments: $0.adjustments.count, decisions: $0.decisions, denied: $0.denied,
                    minPositionSizeFactor: $0.minPositionSizeFactor), sitsOut: $0.sitsOut)
        }
    }

    /// The summary as compact JSON with sorted keys.
    public func jsonData() throws -> Data {
        try PerformanceMetrics.jsonEncoder().encode(self)
    }
}
