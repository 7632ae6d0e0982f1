import BallastReports
import Foundation
import GRDB

/// A sweep's row in `sweeps` (docs/DATABASE.md).
public struct SweepRecord: Sendable, Equatable {
    /// The sweep id: equal for sweeps of the same sweep file, portfolio file and data.
    public var id: String
    public var sweepPath: String
    public var portfolioPath: String
    public var sweepText: String
    public var objective: String
    /// `grid` or `random`.
    public var mode: String
    public var variantCount: Int
    /// Wall-clock ISO-8601 of the first start, and of the moment every variant was done (nil before).
    public var createdAt: String
    public var finishedAt: String?

    public init(
        id: String, sweepPath: String, portfolioPath: String, sweepText: String, objective: String, mode: String,
        variantCount: Int, createdAt: String = "", finishedAt: String? = nil
    ) {
        self.id = id
        self.sweepPath = sweepPath
        self.portfolioPath = portfolioPath
        self.sweepText = sweepText
        self.objective = objective
        self.mode = mode
        self.variantCount = variantCount
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}

/// One done variant's row in `sweep_variants`.
///
/// Invariant: `status` is `finished` (with `metrics` and `summaryJSON`) or `skipped` (with `reason`).
public struct SweepVariantRecord: Sendable, Equatable {
    public var variant: Int
    /// `{"KEY": value, …}` with sorted keys.
    public var paramsJSON: String
    public var status: String
    public var reason: String?
    /// The objective's value, nil when skipped or undefined.
    public var objectiveValue: Double?
    /// The portfolio's metrics (SPEC §14).
    public var metrics: PerformanceMetrics?
    /// The variant run's whole JSON summary (SPEC §14), every strategy's metrics included.
    public var summaryJSON: String?

    public init(
        variant: Int, paramsJSON: String, status: String, reason: String? = nil, objectiveValue: Double? = nil,
        metrics: PerformanceMetrics? = nil, summaryJSON: String? = nil
    ) {
        self.variant = variant
        self.paramsJSON = paramsJSON
        self.status = status
        self.reason = reason
        self.objectiveValue = objectiveValue
        self.metrics = metrics
        self.summaryJSON = summaryJSON
    }
}

extension SweepVariantRecord {
    /// A `sweep_variants` or `walk_forward_variants` row (`variant`, `params_json`, `status`,
    /// `reason`, `objective_value`, `metrics_json`, `summary_json`) of the journal at `path`;
    /// `kind` names the row in an error.
    ///
    /// - Throws: `StoreError.invalidData` when its metrics JSON does not decode.
    init(row: Row, path: String, of kind: String) throws(StoreError) {
        let metricsJSON: String? = row["metrics_json"]
        do {
            metrics = try metricsJSON.map { try JSONDecoder().decode(PerformanceMetrics.self, from: Data($0.utf8)) }
        } catch {
            throw StoreError.invalidData(path: path, reason: "\(kind) metrics: \(error)")
        }
        variant = row["variant"]
        paramsJSON = row["params_json"]
        status = row["status"]
        reason = row["reason"]
        objectiveValue = row["objective_value"]
        summaryJSON = row["summary_json"]
    }
}
