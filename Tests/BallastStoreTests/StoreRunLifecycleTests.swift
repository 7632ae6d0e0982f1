import BallastCore
import BallastEngine
import BallastRisk
import BallastStore
import BallastTestKit
import Foundation
import Testing

@Suite("Run lifecycle, filters and refused writes")
struct StoreRunLifecycleTests {
    typealias F = StoreFixtures

    @Test("failRun marks the run failed; a failed run is never latest and cannot finish or take batches")
    func failRun() throws {
        try StoreRoundTripTests.withRun { store, runID, path in
            try store.append(try F.fullBatch(), runID: runID)
            try store.failRun(runID, finishedAt: F.finished, error: "data error in GOOG.csv")
            let runs = try store.runs()
            let run = try #require(runs.first)
            #expect(run.status == .failed && run.error == "data error in GOOG.csv")
            #expect(run.finishedAt == "2025-01-02T04:04:05Z" && run.finalEquity == nil && run.totalReturnPct == nil)
            let latest = try store.latestRunID()
            #expect(latest == nil)
            let decisions = try store.decisions(runID: runID)
            #expect(decisions.count == 3)
            let notRunning = StoreError.runNotRunning(path: path, runID: runID, status: "failed")
            #expect(throws: notRunning) {
                try store.finishRun(runID, finishedAt: F.finished, finalEquity: 1, summaryJSON: "{}")
            }
            #expect(throws: notRunning) { try store.append(JournalBatch(), runID: runID) }
            #expect(throws: notRunning) { try store.failRun(runID, finishedAt: F.finished, error: "again") }
        }
    }

    @Test("latestRunID is the newest running or finished run")
    func latestRun() throws {
        try StoreRoundTripTests.withRun { store, first, _ in
            try store.finishRun(first, finishedAt: F.finished, finalEquity: 10_100, summaryJSON: "not json")
            let second = try store.beginRun(F.header(name: "second"), startedAt: F.started)
            var latest = try store.latestRunID()
            #expect(latest == second)
            try store.failRun(second, finishedAt: F.finished, error: "stopped")
            latest = try store.latestRunID()
            #expect(latest == first)
            let runs = try store.runs()
            #expect(runs.map(\.name) == ["demo", "second"])
            #expect(runs[0].finalEquity == 10_100 && runs[0].sharpe == nil)
            let third = try store.beginRun(F.header(name: "third"), startedAt: F.started)
            latest = try store.latestRunID()
            #expect(latest == third)
        }
    }

    static let filters: [(String?, BindingLimit?, Int?, [Int])] = [
        (nil, nil, nil, [1, 2, 3, 4, 5, 6]),
        ("trend", nil, nil, [1, 3, 5]),
        (nil, .maxDailyRisk, nil, [1, 2, 3]),
        ("revert", .maxDailyRisk, nil, [2]),
        (nil, nil, 2, [5, 6]),
        ("trend", nil, 2, [3, 5]),
        (nil, .cash, nil, []),
        (nil, nil, 0, []),
    ]

    @Test("decisions filter by strategy and binding limit; limit keeps the last N, newest last", arguments: filters)
    func decisionFilters(strategy: String?, binding: BindingLimit?, limit: Int?, expected: [Int]) throws {
        try StoreRoundTripTests.withRun { store, runID, _ in
            var batch = JournalBatch()
            batch.decisions = try (1...6).map { seq in
                try F.decision(
                    seq: seq, strategy: seq % 2 == 1 ? "trend" : "revert",
                    binding: seq <= 3 ? .maxDailyRisk : .correlation)
            }
            try store.append(batch, runID: runID)
            let rows = try store.decisions(runID: runID, strategy: strategy, binding: binding, limit: limit)
            #expect(rows.map(\.decision.sequence) == expected)
        }
    }

    @Test(
        "reading a run that does not exist is a clear error",
        arguments: ["budgets", "decisions", "adjustments", "riskState"])
    func unknownRun(reader: String) throws {
        try StoreRoundTripTests.withRun { store, runID, path in
            let missing = runID + 1
            #expect(throws: StoreError.unknownRun(path: path, runID: missing)) {
                switch reader {
                case "budgets": _ = try store.budgets(runID: missing)
                case "decisions": _ = try store.decisions(runID: missing)
                case "adjustments": _ = try store.adjustments(runID: missing)
                default: _ = try store.riskState(runID: missing)
                }
            }
            let error = StoreError.unknownRun(path: path, runID: missing)
            #expect(error.description == "\(path): no run with id \(missing)")
            #expect(error.exitStatus == .failure)
        }
    }

    @Test("a run without a journaled state has no budgets yet")
    func budgetsBeforeFirstBatch() throws {
        try StoreRoundTripTests.withRun { store, runID, _ in
            let budgets = try store.budgets(runID: runID)
            let book = try store.riskState(runID: runID)
            #expect(budgets.isEmpty)
            #expect(book == nil)
        }
    }

    @Test("a batch that fails midway writes nothing")
    func batchIsAtomic() throws {
        try StoreRoundTripTests.withRun { store, runID, path in
            var good = JournalBatch()
            good.fills = [F.fill(seq: 1)]
            good.positions = [F.position(fillSeq: 1)]
            try store.append(good, runID: runID)

            var duplicate = JournalBatch()
            duplicate.decisions = [try F.decision(seq: 1)]
            duplicate.fills = [F.fill(seq: 2), F.fill(seq: 1)]
            #expect(throws: StoreError.self) { try store.append(duplicate, runID: runID) }
            var decisions = try store.decisions(runID: runID)
            #expect(decisions.isEmpty)

            var stranger = JournalBatch()
            stranger.decisions = [try F.decision(seq: 1)]
            stranger.strategyStates = [try F.state(strategy: "ghost")]
            #expect {
                try store.append(stranger, runID: runID)
            } throws: { error in
                guard case .inconsistentBatch(let errorPath, _, let reason) = error as? StoreError else { return false }
                return errorPath == path && reason.contains("ghost")
            }
            decisions = try store.decisions(runID: runID)
            #expect(decisions.isEmpty)
        }
    }

    @Test("every error names the path; bad files exit 65, the rest 1")
    func errorStatuses() {
        let path = "/tmp/x.sqlite"
        let cases: [(StoreError, BallastCore.ExitStatus)] = [
            (.notADatabase(path: path, reason: "r"), .badData),
            (.futureSchema(path: path, unknownMigrations: ["v9"]), .badData),
            (.outdatedSchema(path: path, missingMigrations: ["v2"]), .badData),
            (.invalidData(path: path, reason: "r"), .badData),
            (.missingDatabase(path: path), .failure),
            (.unknownRun(path: path, runID: 3), .failure),
            (.runNotRunning(path: path, runID: 3, status: "finished"), .failure),
            (.inconsistentBatch(path: path, runID: 3, reason: "r"), .failure),
            (.io(path: path, operation: "o", message: "m"), .failure),
        ]
        for (error, status) in cases {
            #expect(error.exitStatus == status)
            #expect(error.description.contains(path))
            #expect(error.path == path)
        }
    }
}
