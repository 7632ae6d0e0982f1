import BallastReports
import BallastStore
import Foundation

/// A sweep's done variants ranked by its objective (maximised), as `ballast sweep` prints them.
///
/// Order: finished variants with a defined objective, highest first (ties by variant number);
/// then finished ones whose objective is undefined; then skipped ones; each group by variant
/// number. Built only from the plan and stored records, so an interrupted-and-resumed sweep, a
/// sweep on any number of workers and a merge of shards rank the same, byte for byte.
public struct SweepRanking: Sendable {
    public struct Entry: Sendable {
        public var params: [(key: String, value: SweepValue)]
        public var record: SweepVariantRecord
    }

    public var sweepID: String
    public var objective: SweepObjective
    public var entries: [Entry]

    public init(sweepID: String, objective: SweepObjective, plan: SweepPlan, records: [SweepVariantRecord]) {
        self.sweepID = sweepID
        self.objective = objective
        let byIndex = Dictionary(plan.variants.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        entries = records.compactMap { record in
            byIndex[record.variant].map { Entry(params: plan.params(of: $0), record: record) }
        }.sorted { Self.ranksBefore($0.record, $1.record) }
    }

    static func ranksBefore(_ lhs: SweepVariantRecord, _ rhs: SweepVariantRecord) -> Bool {
        func group(_ record: SweepVariantRecord) -> Int {
            record.status != "finished" ? 2 : record.objectiveValue == nil ? 1 : 0
        }
        let (left, right) = (group(lhs), group(rhs))
        if left != right { return left < right }
        if let a = lhs.objectiveValue, let b = rhs.objectiveValue, a != b { return a > b }
        return lhs.variant < rhs.variant
    }

    /// The best variant: the first, when it finished.
    public var best: Entry? { entries.first.flatMap { $0.record.status == "finished" ? $0 : nil } }

    /// `{"sweep_id", "objective", "best": {…}, "variants": [{"params", "status", "metrics"}]}` best
    /// first; a skipped variant has `"metrics": null` and a `"reason"`. With a walk-forward, its
    /// object follows under `"walk_forward"`.
    public func jsonData(walkForward: WalkForwardReport? = nil) throws -> Data {
        try PerformanceMetrics.jsonEncoder().encode(
            JSONOutput(
                sweepID: sweepID, objective: objective.name, best: best.map(JSONVariant.init),
                variants: entries.map(JSONVariant.init), walkForward: walkForward))
    }

    struct JSONOutput: Encodable {
        var sweepID: String
        var objective: String
        var best: JSONVariant?
        var variants: [JSONVariant]
        var walkForward: WalkForwardReport?

        enum CodingKeys: String, CodingKey {
            case sweepID = "sweep_id"
            case walkForward = "walk_forward"
            case objective, best, variants
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sweepID, forKey: .sweepID)
            try container.encode(objective, forKey: .objective)
            try container.encode(best, forKey: .best)
            try container.encode(variants, forKey: .variants)
            if let walkForward { try container.encode(walkForward, forKey: .walkForward) }
        }
    }

    struct JSONVariant: Encodable {
        var entry: Entry

        init(_ entry: Entry) { self.entry = entry }

        enum CodingKeys: String, CodingKey { case params, status, metrics, reason }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let params = Dictionary(entry.params.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            try container.encode(params, forKey: .params)
            try container.encode(entry.record.status, forKey: .status)
            try container.encode(entry.record.metrics, forKey: .metrics)
            if let reason = entry.record.reason { try container.encode(reason, forKey: .reason) }
        }
    }

    /// The ranked table: rank, one column per axis, status, the objective and the headline metrics;
    /// a skipped variant shows its reason.
    public func render() -> String {
        let axisKeys = entries.first?.params.map(\.key) ?? []
        // The headline metrics beside the objective, without repeating it.
        let headline: [(title: String, key: PerformanceMetrics.CodingKeys, digits: Int)] = [
            ("return %", .totalReturnPct, 2), ("max dd %", .maxDrawdownPct, 2), ("sharpe", .sharpe, 3),
            ("trades", .trades, 0),
        ].filter { $0.key != objective.key }
        var columns = [TableFormatter.Column(title: "rank", alignment: .right)]
        columns += axisKeys.map { TableFormatter.Column(title: $0, alignment: .right) }
        columns += [.init(title: "status", alignment: .left), .init(title: objective.name, alignment: .right)]
        columns += headline.map { TableFormatter.Column(title: $0.title, alignment: .right) }
        columns.append(.init(title: "reason", alignment: .left))
        let rows = entries.enumerated().map { rank, entry -> [String] in
            let metrics = entry.record.metrics
            let values = headline.map { column in
                TableFormatter.fixed(
                    metrics.flatMap { SweepObjective(key: column.key).value(of: $0) }, digits: column.digits)
            }
            return ["\(rank + 1)"] + entry.params.map(\.value.description) + [
                entry.record.status, TableFormatter.fixed(entry.record.objectiveValue, digits: 4),
            ] + values + [entry.record.reason ?? ""]
        }
        let finished = entries.filter { $0.record.status == "finished" }.count
        return "Sweep \(sweepID): \(entries.count) variants, \(finished) finished, "
            + "\(entries.count - finished) skipped; objective \(objective.name) (maximised)\n"
            + TableFormatter(columns: columns).render(rows: rows)
    }
}
