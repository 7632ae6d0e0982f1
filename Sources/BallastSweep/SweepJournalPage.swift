import BallastStore
import Foundation

/// A journaled sweep as the page of `ballast report --sweep ID` (docs/SWEEPS.md): `SweepHTML`'s
/// ranked table and heatmap, and a walk-forward's section, rebuilt from the `sweeps` row (the sweep
/// file's text, from which the plan is derived again), the `sweep_variants` rows and the
/// `walk_forward_windows`/`walk_forward_variants` rows, without the portfolio or its data.
///
/// A pure function of the journal's rows and the chosen axes: the same rows give the same bytes, and
/// a sweep journaled in part (interrupted, or one shard) shows the variants done so far.
public struct SweepJournalPage: Sendable {
    public let record: SweepRecord
    public let plan: SweepPlan
    public let ranking: SweepRanking
    /// The walk-forward's section, as far as the journal holds its windows; nil without one.
    public let walkForward: WalkForwardReport?

    /// The page of sweep `record` from `store`: its variants and, for a walk-forward sweep, its
    /// journaled windows.
    ///
    /// - Throws: `ConfigurationError` when the stored sweep text no longer parses; `StoreError`.
    public init(record: SweepRecord, store: BallastStore) throws {
        let sweep = try SweepFile.parse(text: record.sweepText, path: record.sweepPath)
        self.record = record
        let plan = SweepPlan(axes: sweep.axes, mode: sweep.mode)
        self.plan = plan
        ranking = SweepRanking(
            sweepID: record.id, objective: sweep.objective, plan: plan,
            records: try store.sweepVariants(sweepID: record.id))
        if let settings = sweep.walkForward,
            let run = try WalkForwardRun.journaled(
                sweepID: record.id, objective: sweep.objective, plan: plan, store: store)
        {
            walkForward = WalkForwardReport(walkForward: settings, run: run)
        } else {
            walkForward = nil
        }
    }

    /// The page, its heatmap over axes `x` (across) and `y` (down) chosen by key.
    ///
    /// - Throws: `SweepAxisChoiceError` for a key that is not an axis of the sweep, the same key
    ///   twice, or a choice of axes for a sweep of fewer than two.
    public func render(x: String? = nil, y: String? = nil) throws(SweepAxisChoiceError) -> String {
        SweepHTML(
            ranking: ranking, plan: plan, axes: try Self.heatmapAxes(of: plan, x: x, y: y), walkForward: walkForward
        )
        .render()
    }

    /// The heatmap's (row, column) axis indices: `y` down and `x` across; by default the first axis
    /// down and the second across (as `ballast sweep --html`), and when only one is given the other
    /// is the first remaining axis.
    public static func heatmapAxes(
        of plan: SweepPlan, x: String?, y: String?
    ) throws(SweepAxisChoiceError) -> (Int, Int) {
        let keys = plan.axes.map(\.key)
        func index(_ key: String, _ option: String) throws(SweepAxisChoiceError) -> Int {
            guard let found = keys.firstIndex(of: key) else {
                throw SweepAxisChoiceError(
                    message: "\(option) \(key): the sweep has no such axis; its axes: \(keys.joined(separator: ", "))")
            }
            return found
        }
        guard keys.count >= 2 else {
            if x != nil || y != nil {
                throw SweepAxisChoiceError(
                    message: "--x/--y choose the heatmap's axes, and this sweep has \(keys.count) axis "
                        + "(\(keys.joined(separator: ", "))): a heatmap needs two")
            }
            return (0, 1)
        }
        let row = try y.map { key throws(SweepAxisChoiceError) in try index(key, "--y") }
        let column = try x.map { key throws(SweepAxisChoiceError) in try index(key, "--x") }
        if let row, let column, row == column {
            throw SweepAxisChoiceError(message: "--x and --y name the same axis '\(keys[row])'; choose two")
        }
        let rowIndex = row ?? keys.indices.first { $0 != column }!
        let columnIndex = column ?? keys.indices.first { $0 != rowIndex }!
        return (rowIndex, columnIndex)
    }
}

/// A heatmap axis that the sweep does not have (exit 1, as an unknown strategy filter).
public struct SweepAxisChoiceError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public var description: String { message }
}
