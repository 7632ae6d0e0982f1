import BallastReports
import BallastStore
import Foundation

/// `ballast runs --compare A B`: the SPEC §14 metrics of two finished runs side by side, for the
/// portfolio and for every strategy id both runs have, with `difference` = B − A (nil when either
/// value is undefined). Metrics are read from each run's journaled JSON summary.
struct RunComparison: Encodable, Equatable {
    /// One metric of both runs.
    struct Metric: Encodable, Equatable {
        var metric: String
        var a: Double?
        var b: Double?
        var difference: Double?
    }

    /// A strategy both runs have.
    struct Strategy: Encodable, Equatable {
        var id: String
        var metrics: [Metric]
    }

    /// A compared run: its number and run_id.
    struct Run: Encodable, Equatable {
        var run: Int64
        var runID: String

        enum CodingKeys: String, CodingKey {
            case run
            case runID = "run_id"
        }
    }

    var a: Run
    var b: Run
    var portfolio: [Metric]
    var strategies: [Strategy]

    /// The metrics of SPEC §14, in its order.
    static let metricNames = [
        "total_return_pct", "cagr_pct", "sharpe", "sortino", "calmar", "max_drawdown_pct", "win_rate_pct",
        "profit_factor", "expectancy_pct", "sqn", "exposure_pct", "trades", "final_equity",
        "buy_and_hold_return_pct",
    ]

    /// Compares two runs of `store`; a run without a summary (running or failed) is an error.
    init(_ first: RunRow, _ second: RunRow, in store: BallastStore) throws {
        let left = try Self.summary(first, in: store)
        let right = try Self.summary(second, in: store)
        a = Run(run: first.id, runID: first.inputHash)
        b = Run(run: second.id, runID: second.inputHash)
        portfolio = Self.metrics(
            left.portfolio, right.portfolio,
            names: Self.metricNames.filter {
                $0 != "buy_and_hold_return_pct"
            })
        strategies = left.strategies.compactMap { strategy in
            guard let other = right.strategies.first(where: { $0.id == strategy.id }) else { return nil }
            return Strategy(
                id: strategy.id, metrics: Self.metrics(strategy.values, other.values, names: Self.metricNames))
        }
    }

    /// The numbers of a summary: the portfolio's, and each strategy's by id (other values skipped).
    private struct Summary: Decodable {
        var portfolio: Numbers
        var strategies: [Numbers]
    }

    /// The numeric members of a JSON object; `id` when it is a string.
    private struct Numbers: Decodable {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        var id: String?
        var values: [String: Double] = [:]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            id = try? container.decode(String.self, forKey: Key(stringValue: "id"))
            for key in container.allKeys {
                if let number = try? container.decode(Double.self, forKey: key) { values[key.stringValue] = number }
            }
        }
    }

    private static func summary(_ run: RunRow, in store: BallastStore) throws -> (
        portfolio: [String: Double], strategies: [(id: String, values: [String: Double])]
    ) {
        guard let json = try store.summaryJSON(runID: run.id),
            let summary = try? JSONDecoder().decode(Summary.self, from: Data(json.utf8))
        else {
            throw InspectionError(
                message:
                    "\(store.path): \(run.runName) is \(run.status.rawValue) and has no metrics; compare finished runs")
        }
        return (
            summary.portfolio.values,
            summary.strategies.compactMap { entry in entry.id.map { (id: $0, values: entry.values) } }
        )
    }

    private static func metrics(_ left: [String: Double], _ right: [String: Double], names: [String]) -> [Metric] {
        names.map { name in
            let (a, b) = (left[name], right[name])
            return Metric(metric: name, a: a, b: b, difference: a.flatMap { a in b.map { $0 - a } })
        }
    }

    /// The comparison as tables: the portfolio's, then one per strategy both runs have.
    func render() -> String {
        var text = "Comparing run \(a.run) (\(a.runID)) = A with run \(b.run) (\(b.runID)) = B; difference = B − A\n"
        let table = TableFormatter(columns: [
            .init(title: "metric", alignment: .left), .init(title: "A", alignment: .right),
            .init(title: "B", alignment: .right), .init(title: "B − A", alignment: .right),
        ])
        func rows(_ metrics: [Metric]) -> [[String]] {
            metrics.map {
                [
                    $0.metric, TableFormatter.fixed($0.a, digits: 4), TableFormatter.fixed($0.b, digits: 4),
                    TableFormatter.fixed($0.difference, digits: 4),
                ]
            }
        }
        text += "\nportfolio\n" + table.render(rows: rows(portfolio))
        for strategy in strategies {
            text += "\nstrategy \(strategy.id)\n" + table.render(rows: rows(strategy.metrics))
        }
        return text
    }
}
