import BallastCore
import BallastEngine
import BallastReports
import BallastStore
import Foundation

/// Runs variants of a sweep, at most `jobs` at a time (a task group topped up as variants finish),
/// on the shared series of a ``VariantBuilder``. Each done variant is handed to `done` as soon as it
/// is done, in completion order; its record depends only on the variant, never on `jobs` or the
/// order, so the results are the same for any number of workers.
public struct SweepRunner: Sendable {
    public let builder: VariantBuilder
    public let plan: SweepPlan
    public let objective: SweepObjective
    /// Prefixes each variant run's id (`<sweep id>/<variant>`).
    public let sweepID: String
    /// The signals of the strategies no axis changes, computed once for all of this runner's variants.
    let fixedSignals: FixedSignalCache
    /// The daily-volatility columns of the data, computed once for all of this runner's variants.
    let volatility = SharedVolatilityColumns()

    public init(builder: VariantBuilder, plan: SweepPlan, objective: SweepObjective, sweepID: String) {
        self.builder = builder
        self.plan = plan
        self.objective = objective
        self.sweepID = sweepID
        fixedSignals = FixedSignalCache(fixedIDs: builder.fixedStrategyIDs)
    }

    /// Runs `variants` on `jobs` workers (at least 1), within `window` when given.
    public func run(
        _ variants: [PlannedVariant], jobs: Int, window: Range<Timestamp>? = nil,
        done: @escaping @Sendable (SweepVariantRecord) async throws -> Void
    ) async throws {
        let runner = self
        try await withThrowingTaskGroup(of: SweepVariantRecord.self) { group in
            var next = 0
            while next < min(max(1, jobs), variants.count) {
                let variant = variants[next]
                group.addTask { try await runner.record(of: variant, window: window) }
                next += 1
            }
            while let record = try await group.next() {
                try await done(record)
                if next < variants.count {
                    let variant = variants[next]
                    group.addTask { try await runner.record(of: variant, window: window) }
                    next += 1
                }
            }
        }
    }

    /// Runs one variant: `skipped` with the reason when its portfolio is invalid, else `finished`
    /// with its metrics and JSON summary.
    public func record(of variant: PlannedVariant, window: Range<Timestamp>? = nil) async throws -> SweepVariantRecord {
        let params = try Self.paramsJSON(plan.params(of: variant))
        switch builder.setup(for: variant.values, window: window) {
        case .failure(let skip):
            return SweepVariantRecord(
                variant: variant.index, paramsJSON: params, status: "skipped", reason: skip.reason)
        case .success(let setup):
            let known = await fixedSignals.signals(of: setup, window: window)
            let result = try await PortfolioBacktester(setup: setup, knownSignals: known, sharedVolatility: volatility)
                .run(
                    runID: "\(sweepID)/\(variant.index)", keepsDecisions: false)
            let summary = try BacktestSummary(result: result).jsonData()
            return SweepVariantRecord(
                variant: variant.index, paramsJSON: params, status: "finished",
                objectiveValue: objective.value(of: result.portfolio), metrics: result.portfolio,
                summaryJSON: String(decoding: summary, as: UTF8.self))
        }
    }

    /// `{"KEY": value, …}` with sorted keys.
    public static func paramsJSON(_ params: [(key: String, value: SweepValue)]) throws -> String {
        let object = Dictionary(params.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        return String(decoding: try PerformanceMetrics.jsonEncoder().encode(object), as: UTF8.self)
    }
}
