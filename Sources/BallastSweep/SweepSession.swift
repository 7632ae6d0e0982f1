import BallastConfig
import BallastCore
import BallastEngine
import BallastStore
import Foundation
import Synchronization

/// One sweep, ready to run: the sweep file, the base portfolio and its data (loaded once), the
/// checked axes, the plan and the sweep id. Making one checks everything (exit 78 or 65) before
/// anything runs or is written.
public struct SweepSession: Sendable {
    public let sweep: SweepFile
    public let portfolio: PortfolioFile
    public let builder: VariantBuilder
    public let plan: SweepPlan
    public let sweepID: String

    /// Loads and checks a sweep file, its portfolio and the data.
    public static func prepare(sweepPath: String) throws -> SweepSession {
        try prepare(sweep: SweepFile.load(path: sweepPath))
    }

    /// Loads and checks the portfolio and data of a parsed sweep file.
    public static func prepare(sweep: SweepFile) throws -> SweepSession {
        let gridCount = SweepPlan.gridCount(of: sweep.axes)
        if case .grid = sweep.mode, gridCount > SweepPlan.maximumVariants {
            throw ConfigurationError(
                file: sweep.path, text: sweep.text,
                issues: [
                    ConfigIssue(
                        keyPath: "axes",
                        reason: "the grid has \(gridCount) variants, more than \(SweepPlan.maximumVariants); "
                            + "use mode = \"random\" with samples and seed")
                ])
        }
        let portfolio = try PortfolioFile.load(path: sweep.portfolioPath)
        let builder = try VariantBuilder(sweep: sweep, portfolio: portfolio)
        let plan = SweepPlan(axes: sweep.axes, mode: sweep.mode)
        return SweepSession(
            sweep: sweep, portfolio: portfolio, builder: builder, plan: plan,
            sweepID: RunIdentity.sweepID(sweepText: sweep.text, portfolio: portfolio))
    }

    /// The runner of this sweep's variants.
    public var runner: SweepRunner {
        SweepRunner(builder: builder, plan: plan, objective: sweep.objective, sweepID: sweepID)
    }

    /// The `sweeps` row of this sweep.
    public var record: SweepRecord {
        SweepRecord(
            id: sweepID, sweepPath: sweep.path, portfolioPath: sweep.portfolioPath, sweepText: sweep.text,
            objective: sweep.objective.name, mode: sweep.mode.name, variantCount: plan.variants.count)
    }

    /// Runs the variants of `selection` (default: all) that `store` does not hold yet, each recorded
    /// in the store as soon as it is done (so a killed sweep loses at most the variants running),
    /// and returns the ranking of every done variant of the selection.
    ///
    /// - Parameter progress: called after each variant with (done, total) of the selection.
    public func run(
        store: BallastStore, jobs: Int, selection: [PlannedVariant]? = nil, wallClock: any WallClock,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> SweepRanking {
        let selection = selection ?? plan.variants
        _ = try store.beginSweep(record, at: wallClock.now())
        let done = Set(try store.sweepVariants(sweepID: sweepID).map(\.variant))
        let pending = selection.filter { !done.contains($0.index) }
        let counter = DoneCounter(done: selection.count - pending.count)
        progress?(counter.value, selection.count)
        let sweepID = self.sweepID
        let total = selection.count
        try await runner.run(pending, jobs: jobs) { record in
            try store.recordSweepVariants([record], sweepID: sweepID)
            progress?(counter.increment(), total)
        }
        let wanted = Set(selection.map(\.index))
        let records = try store.sweepVariants(sweepID: sweepID).filter { wanted.contains($0.variant) }
        if records.count == plan.variants.count { try store.finishSweep(sweepID, at: wallClock.now()) }
        return SweepRanking(sweepID: sweepID, objective: sweep.objective, plan: plan, records: records)
    }
}

/// A counter shared by the completion handler of a sweep's task group.
final class DoneCounter: Sendable {
    private let count: Mutex<Int>

    init(done: Int) { count = Mutex(done) }

    var value: Int { count.withLock { $0 } }

    func increment() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }
}
