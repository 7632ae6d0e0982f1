import BallastCore
import BallastStore
import BallastTestKit
import Foundation
import Testing

/// Issue 14, item 3: the journal through time on the command line — `budgets --at`, `trades`,
/// `equity` and `runs --compare`, run as the real executable against the demo's journal.
@Suite("The journal through time: budgets --at, trades, equity, runs --compare (issue 14, item 3)", .serialized)
struct JournalHistoryCommandTests {
    /// The demo backtest (real data 2009-05-22 .. 2010-06-01) journaled into a temporary database.
    static func demoJournal() async throws -> (TemporaryDirectory, String, String) {
        let directory = try TemporaryDirectory()
        let portfolio = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2010-06-01")
        let db = directory.path("demo.sqlite")
        let backtest = try await BallastRun.run(["backtest", portfolio, "--db", db])
        #expect(backtest.status == 0, "\(backtest.errors)")
        return (directory, portfolio, db)
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    /// A JSON number equals a Double up to the last bits that a JSON round trip may change.
    static func same(_ value: Any?, _ expected: Double?) -> Bool {
        guard let expected else { return value == nil }
        guard let number = value as? Double else { return false }
        return abs(number - expected) <= 1e-12 * max(1, abs(expected))
    }

    /// The records of an RFC 4180 text without quoted line breaks (Ballast's CSV has none).
    static func records(_ csv: String) -> [String] {
        var lines = csv.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test("trades: table, JSON and CSV carry the journal's trades; --strategy filters; bad input is refused")
    func trades() async throws {
        let (directory, _, db) = try await Self.demoJournal()
        defer { directory.remove() }
        let store = try BallastStore.openForReading(path: db)
        let runID = try #require(try store.latestRunID())
        let journal = try store.trades(runID: runID)
        #expect(!journal.isEmpty)
        let run = try #require(try store.runs().last)
        #expect(run.trades == journal.count)

        let json = try await BallastRun.run(["trades", "--db", db, "--json"])
        #expect(json.status == 0)
        let rows = try #require(try Self.json(json.output) as? [[String: Any]])
        #expect(rows.count == journal.count)
        #expect(rows.first?["strategy_id"] as? String == journal.first?.strategyID)
        #expect(Self.same(rows.first?["pnl"], journal.first?.pnl))
        #expect(rows.last?["exit_time"] as? Int64 == journal.last?.exitTime.seconds)

        let csv = try await BallastRun.run(["trades", "--db", db, "--csv"])
        #expect(csv.status == 0)
        let records = Self.records(csv.output)
        #expect(
            records.first
                == "seq,strategy_id,symbol,side,entry_time,exit_time,entry_price,exit_price,quantity,pnl,"
                + "return_fraction,exit_reason")
        #expect(records.count == journal.count + 1)
        let first = try #require(journal.first)
        #expect(
            records[1]
                == "\(first.seq),\(first.strategyID),\(first.symbol),\(first.side.rawValue),\(first.entryTime.iso8601),"
                + "\(first.exitTime.iso8601),\(first.entryPrice),\(first.exitPrice),\(first.quantity),\(first.pnl),"
                + "\(first.returnFraction),\(first.exitReason.rawValue)")

        let table = try await BallastRun.run(["trades", "--db", db])
        #expect(table.output.hasPrefix("Trades of run 1 (bt-"))
        #expect(table.output.contains("exit reason"))

        let filtered = try await BallastRun.run(["trades", "--db", db, "--json", "--strategy", "trend-spx"])
        let trend = try #require(try Self.json(filtered.output) as? [[String: Any]])
        #expect(trend.count == journal.filter { $0.strategyID == "trend-spx" }.count)
        #expect(trend.allSatisfy { $0["strategy_id"] as? String == "trend-spx" })

        let unknown = try await BallastRun.run(["trades", "--db", db, "--strategy", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("has no strategy 'nope'"))
        #expect(try await BallastRun.run(["trades", "--db", db, "--json", "--csv"]).status == 64)
        #expect(try await BallastRun.run(["trades", "--db", db, "--run", "9"]).status == 1)
    }

    @Test("equity: the portfolio's and every sleeve's snapshots; the last portfolio row is the final equity")
    func equity() async throws {
        let (directory, _, db) = try await Self.demoJournal()
        defer { directory.remove() }
        let store = try BallastStore.openForReading(path: db)
        let run = try #require(try store.runs().last)
        let json = try await BallastRun.run(["equity", "--db", db, "--json"])
        #expect(json.status == 0)
        let rows = try #require(try Self.json(json.output) as? [[String: Any]])
        let scopes = Set(rows.compactMap { $0["scope"] as? String })
        #expect(scopes == Set(["portfolio"] + ReportCommandTests.demoStrategies))
        let portfolio = rows.filter { $0["scope"] as? String == "portfolio" }
        #expect(Self.same(portfolio.last?["equity"], run.finalEquity))
        // One portfolio snapshot per UTC day traded (daily data: one per bar), in time order.
        let times = portfolio.compactMap { $0["time"] as? Int64 }
        #expect(times == times.sorted())
        // Snapshots are taken at a bar's close (its last second), the engine clock.
        #expect(times.first == run.tradedStart.map { $0.seconds + 86_399 })
        #expect(times.last == run.tradedEnd.map { $0.seconds + 86_399 })

        let sleeve = try await BallastRun.run(["equity", "--db", db, "--csv", "--strategy", "momentum-googl"])
        #expect(sleeve.status == 0)
        let records = Self.records(sleeve.output)
        #expect(records.first == "time,scope,equity,peak,drawdown,gross_exposure,realized_pnl")
        let journal = try store.equity(runID: run.id, scope: "momentum-googl")
        #expect(records.count == journal.count + 1)
        #expect(records.dropFirst().allSatisfy { $0.split(separator: ",")[1] == "momentum-googl" })
        let last = try #require(journal.last)
        #expect(
            records.last?.hasSuffix(",\(last.equity),\(last.peak),\(last.drawdown),0.0,\(last.realizedPnL)") == true)

        let table = try await BallastRun.run(["equity", "--db", db])
        #expect(table.output.hasPrefix("Equity of run 1 (bt-"))
        #expect(try await BallastRun.run(["equity", "--db", db, "--strategy", "nope"]).status == 1)
        #expect(try await BallastRun.run(["equity", "--db", db, "--csv", "--json"]).status == 64)
    }

    @Test("CSV quotes and escapes a hostile symbol: comma, double quote and an escape character")
    func hostileCSV() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let portfolio = try directory.write(
            "p.toml",
            InspectionCommandTests.portfolio.replacingOccurrences(
                of: "symbol = \"AAA\"", with: "symbol = \"A,\\\"B\\\"\\u001b[31m\""))
        try directory.write("AAA.csv", TextFixtures.dailyCSV(count: 50))
        let db = directory.path("h.sqlite")
        let backtest = try await BallastRun.run(["backtest", portfolio, "--db", db])
        #expect(backtest.status == 0, "\(backtest.errors)")
        for command in ["trades", "equity"] {
            let csv = try await BallastRun.run([command, "--db", db, "--csv"])
            #expect(csv.status == 0)
            #expect(!csv.output.contains("\u{1B}"))
            if command == "trades" {
                let records = Self.records(csv.output)
                #expect(records.count > 1)
                #expect(records.dropFirst().allSatisfy { $0.contains(",\"A,\"\"B\"\"\\u{1B}[31m\",") })
            }
        }
        let table = try await BallastRun.run(["trades", "--db", db])
        #expect(!table.output.contains("\u{1B}"))
    }

    @Test("budgets --at the last bar equals plain budgets; an earlier time gives that day's journaled values")
    func budgetsAt() async throws {
        let (directory, _, db) = try await Self.demoJournal()
        defer { directory.remove() }
        let store = try BallastStore.openForReading(path: db)
        let run = try #require(try store.runs().last)
        let start = try #require(run.tradedStart)
        let current = try store.budgets(runID: run.id)
        // The run's last bar group closes at the last second of its last bar: what plain budgets show.
        let end = try #require(current.first?.asOf)
        let lastLabel = try #require(run.tradedEnd)
        #expect(end.seconds == lastLabel.seconds + 86_399)
        let atEnd = try await BallastRun.run(["budgets", "--db", db, "--json", "--at", end.iso8601])
        #expect(atEnd.status == 0, "\(atEnd.errors)")
        let past = try #require(try Self.json(atEnd.output) as? [[String: Any]])
        #expect(past.map { $0["strategy_id"] as? String } == current.map(\.strategyID))
        for (row, budget) in zip(past, current) {
            #expect(row["as_of"] as? Int64 == budget.asOf.seconds, "\(budget.strategyID)")
            #expect(Self.same(row["sleeve_equity"], budget.sleeveEquity), "\(budget.strategyID)")
            #expect(Self.same(row["sleeve_peak"], budget.sleevePeak), "\(budget.strategyID)")
            #expect(Self.same(row["sleeve_drawdown"], budget.sleeveDrawdown), "\(budget.strategyID)")
            #expect(Self.same(row["realized_pnl"], budget.realizedPnL), "\(budget.strategyID)")
            #expect(Self.same(row["capital"], budget.capital), "\(budget.strategyID)")
            #expect(Self.same(row["position_size_factor"], budget.positionSizeFactor), "\(budget.strategyID)")
            #expect(Self.same(row["stop_loss_tightening"], budget.stopLossTightening), "\(budget.strategyID)")
            #expect(Self.same(row["daily_risk_factor"], budget.dailyRiskFactor), "\(budget.strategyID)")
            #expect(row["primary_reason"] as? String == budget.primaryReason.rawValue, "\(budget.strategyID)")
            #expect(row["drawdown_tier"] as? Int == budget.drawdownTier, "\(budget.strategyID)")
            #expect(row["position_side"] as? String == budget.positionSide?.rawValue, "\(budget.strategyID)")
            #expect(Self.same(row["position_quantity"], budget.positionQuantity), "\(budget.strategyID)")
            #expect(row["strategy_reduce_only"] as? Bool == budget.strategyReduceOnly, "\(budget.strategyID)")
            #expect(row["portfolio_reduce_only"] as? Bool == budget.portfolioReduceOnly, "\(budget.strategyID)")
        }

        // A day in the middle. Sleeve snapshots carry the label (open) time of the day's last bar; the
        // state they record is the one after that bar closed (its last second). From that close until
        // the next bar closes, every sleeve's values are that snapshot's.
        let sleeve = try store.equity(runID: run.id, scope: "trend-spx")
        let middle = sleeve[sleeve.count / 2]
        let previous = sleeve[sleeve.count / 2 - 1]
        let closed = middle.time.adding(seconds: 86_399)
        for (time, expected) in [(closed, middle), (closed.adding(seconds: 3_600), middle), (middle.time, previous)] {
            let answer = try await BallastRun.run(["budgets", "--db", db, "--json", "--at", time.iso8601])
            #expect(answer.status == 0)
            let rows = try #require(try Self.json(answer.output) as? [[String: Any]])
            let trend = try #require(rows.first { $0["strategy_id"] as? String == "trend-spx" })
            #expect(trend["as_of"] as? Int64 == expected.time.seconds + 86_399)
            #expect(Self.same(trend["sleeve_equity"], expected.equity))
            #expect(Self.same(trend["sleeve_peak"], expected.peak))
            #expect(Self.same(trend["realized_pnl"], expected.realizedPnL))
            let portfolio = try #require(
                try store.equity(runID: run.id, scope: "portfolio").last {
                    $0.time.seconds <= expected.time.seconds + 86_399
                })
            #expect(Self.same(trend["portfolio_equity"], portfolio.equity))
        }
        let day = String(middle.time.iso8601.prefix(10))
        let table = try await BallastRun.run(["budgets", "--db", db, "--at", day])
        #expect(table.status == 0)
        #expect(table.output.hasPrefix("Budgets of run 1 (bt-"))
        #expect(table.output.contains("as they stood at \(day)T00:00:00Z"))

        for outside in [start.adding(seconds: -1), end.adding(seconds: 1)] {
            let refused = try await BallastRun.run(["budgets", "--db", db, "--at", outside.iso8601])
            #expect(refused.status == 64)
            #expect(refused.errors.contains("from \(start.iso8601) (its first bar's open) to \(end.iso8601)"))
        }
        #expect(try await BallastRun.run(["budgets", "--db", db, "--at", "yesterday"]).status == 64)
    }

    @Test("runs --compare: both runs' metrics side by side with B − A; bad input is refused")
    func compare() async throws {
        let (directory, portfolio, db) = try await Self.demoJournal()
        defer { directory.remove() }
        let second = try await BallastRun.run(["backtest", portfolio, "--db", db, "--from", "2009-09-01"])
        #expect(second.status == 0, "\(second.errors)")
        let store = try BallastStore.openForReading(path: db)
        var summaries: [[String: Any]] = []
        for id: Int64 in [1, 2] {
            let text = try #require(try store.summaryJSON(runID: id))
            summaries.append(try #require(try Self.json(text) as? [String: Any]))
        }
        let answer = try await BallastRun.run(["runs", "--db", db, "--compare", "1", "2", "--json"])
        #expect(answer.status == 0, "\(answer.errors)")
        let comparison = try #require(try Self.json(answer.output) as? [String: Any])
        #expect((comparison["a"] as? [String: Any])?["run"] as? Int == 1)
        #expect((comparison["b"] as? [String: Any])?["run"] as? Int == 2)
        let metrics = try #require(comparison["portfolio"] as? [[String: Any]])
        let total = try #require(metrics.first { $0["metric"] as? String == "total_return_pct" })
        let a = try #require((summaries[0]["portfolio"] as? [String: Any])?["total_return_pct"] as? Double)
        let b = try #require((summaries[1]["portfolio"] as? [String: Any])?["total_return_pct"] as? Double)
        #expect(Self.same(total["a"], a))
        #expect(Self.same(total["b"], b))
        #expect(Self.same(total["difference"], b - a))
        #expect(a != b)
        let strategies = try #require(comparison["strategies"] as? [[String: Any]])
        #expect(strategies.map { $0["id"] as? String } == ReportCommandTests.demoStrategies)
        let trades = try #require(
            (strategies[0]["metrics"] as? [[String: Any]])?.first { $0["metric"] as? String == "trades" })
        let firstTrades = (summaries[0]["strategies"] as? [[String: Any]])?.first?["trades"] as? Double
        #expect(Self.same(trades["a"], firstTrades))

        let table = try await BallastRun.run(["runs", "--db", db, "--compare", "1", "2"])
        #expect(table.output.hasPrefix("Comparing run 1 (bt-"))
        #expect(table.output.contains("strategy trend-spx"))
        #expect(try await BallastRun.run(["runs", "--db", db, "--compare", "1"]).status == 64)
        #expect(try await BallastRun.run(["runs", "--db", db, "--compare", "1", "7"]).status == 1)
    }
}
