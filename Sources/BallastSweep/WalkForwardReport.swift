import BallastReports
import Foundation

/// How `ballast sweep` prints a walk-forward: a table of windows and the stitched result, or the
/// `"walk_forward"` object of its JSON:
/// `{"train", "test", "step", "windows": [{"train_start", "test_start", "test_end", "choice",
/// "in_sample", "out_of_sample", "finished", "skipped"}], "out_of_sample": {metrics},
/// "equity": [[time, equity], …]}` (times in epoch seconds, day-end equity).
public struct WalkForwardReport: Encodable, Sendable {
    public var walkForward: WalkForward
    public var run: WalkForwardRun

    public init(walkForward: WalkForward, run: WalkForwardRun) {
        self.walkForward = walkForward
        self.run = run
    }

    enum CodingKeys: String, CodingKey {
        case train, test, step, windows, equity
        case outOfSample = "out_of_sample"
    }

    struct WindowJSON: Encodable {
        var result: WalkForwardRun.WindowResult

        enum CodingKeys: String, CodingKey {
            case choice, finished, skipped
            case trainStart = "train_start"
            case testStart = "test_start"
            case testEnd = "test_end"
            case inSample = "in_sample"
            case outOfSample = "out_of_sample"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(result.window.trainStart.iso8601, forKey: .trainStart)
            try container.encode(result.window.testStart.iso8601, forKey: .testStart)
            try container.encode(result.window.testEnd.iso8601, forKey: .testEnd)
            let choice = result.choice.map { params in
                Dictionary(params.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            try container.encode(choice, forKey: .choice)
            try container.encode(result.inSample, forKey: .inSample)
            try container.encode(result.outOfSample, forKey: .outOfSample)
            try container.encode(result.finished, forKey: .finished)
            try container.encode(result.skipped, forKey: .skipped)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(walkForward.train.description, forKey: .train)
        try container.encode(walkForward.test.description, forKey: .test)
        try container.encode(walkForward.step.description, forKey: .step)
        try container.encode(run.windows.map(WindowJSON.init), forKey: .windows)
        try container.encode(run.stitched, forKey: .outOfSample)
        try container.encode(run.stitchedEquity.map { [Double($0.time.seconds), $0.equity] }, forKey: .equity)
    }

    /// One line per window (its choice, in- and out-of-sample return and Sharpe), then the stitched
    /// out-of-sample metrics.
    public func render(objective: SweepObjective) -> String {
        let keys = run.windows.first { $0.choice != nil }?.choice?.map(\.key) ?? []
        var columns = [
            TableFormatter.Column(title: "train from", alignment: .left),
            TableFormatter.Column(title: "test from", alignment: .left),
            TableFormatter.Column(title: "test to", alignment: .left),
        ]
        columns += keys.map { TableFormatter.Column(title: $0, alignment: .right) }
        columns += [
            .init(title: "IS \(objective.name)", alignment: .right), .init(title: "IS return %", alignment: .right),
            .init(title: "OOS \(objective.name)", alignment: .right), .init(title: "OOS return %", alignment: .right),
        ]
        if objective.key != .sharpe { columns.append(.init(title: "OOS sharpe", alignment: .right)) }
        let rows = run.windows.map { window -> [String] in
            let day = { (time: String) in String(time.prefix(10)) }
            var row = [
                day(window.window.trainStart.iso8601), day(window.window.testStart.iso8601),
                day(window.window.testEnd.iso8601),
            ]
            row += keys.indices.map { window.choice?[$0].value.description ?? "—" }
            row += [
                TableFormatter.fixed(window.inSample.flatMap(objective.value(of:)), digits: 4),
                TableFormatter.fixed(window.inSample?.totalReturnPct, digits: 2),
                TableFormatter.fixed(window.outOfSample.flatMap(objective.value(of:)), digits: 4),
                TableFormatter.fixed(window.outOfSample?.totalReturnPct, digits: 2),
            ]
            if objective.key != .sharpe { row.append(TableFormatter.fixed(window.outOfSample?.sharpe, digits: 3)) }
            return row
        }
        var text = "\nWalk-forward: train \(walkForward.train), test \(walkForward.test), step \(walkForward.step)\n"
        text += TableFormatter(columns: columns).render(rows: rows)
        if let stitched = run.stitched {
            text += "Out of sample, stitched: return \(TableFormatter.fixed(stitched.totalReturnPct, digits: 2)) %, "
            text += "CAGR \(TableFormatter.fixed(stitched.cagrPct, digits: 2)) %, "
            text += "max drawdown \(TableFormatter.fixed(stitched.maxDrawdownPct, digits: 2)) %, "
            text += "Sharpe \(TableFormatter.fixed(stitched.sharpe, digits: 3)), trades \(stitched.trades), "
            text += "final equity \(TableFormatter.fixed(stitched.finalEquity, digits: 2))\n"
        }
        return text
    }
}
