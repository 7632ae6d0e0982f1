import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Synchronization
import Testing

@testable import BallastServe

/// The answers `ballast serve` keeps between two commits of the journal (issue 14, "Size and
/// speed"): the same bytes as a fresh read, no read while nothing was committed, and a new answer as
/// soon as another connection commits (a cache that served the old one after a commit fails here).
@Suite("ballast serve: budgets and commit answers cached between commits of the journal")
struct ServeAnswerCacheTests {
    /// The demo backtest's journal (run 1, finished).
    static func demoJournal() async throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let portfolio = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2013-01-01")
        let db = directory.path("demo.sqlite")
        let (status, _) = try await BallastProcess.running(["backtest", portfolio, "--db", db])
        #expect(status == 0)
        return (directory, db)
    }

    /// A commit by another connection, as a live run's next bar group is: every sleeve gains 1.
    static func commitElsewhere(_ db: String) throws {
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: "UPDATE strategy_state SET sleeve_equity = sleeve_equity + 1, time = time + 60")
        }
    }

    @Test("the cached budgets and commit equal a fresh read, and change after another connection commits")
    func cachedEqualsFreshAcrossCommits() async throws {
        let (directory, db) = try await Self.demoJournal()
        defer { directory.remove() }
        let store = try BallastStore.openForReading(path: db)
        let cached = DashboardReader(store: store, probe: try JournalChangeProbe(path: db))
        let fresh = DashboardReader(store: store)

        let budgets = try cached.budgets(runID: 1)
        let commit = try cached.commit(runID: 1)
        #expect(budgets == (try fresh.budgets(runID: 1)))
        #expect(try cached.budgets(runID: 1) == budgets)
        #expect(try cached.commit(runID: 1) == commit)

        try Self.commitElsewhere(db)
        let after = try cached.budgets(runID: 1)
        #expect(after != budgets, "a stale answer after a commit")
        #expect(after == (try fresh.budgets(runID: 1)))
        #expect(try cached.commit(runID: 1) != commit)
        #expect(try cached.commit(runID: 1) == (try fresh.commit(runID: 1)))
        // An unknown run is still refused, not cached as an answer.
        #expect(throws: StoreError.self) { try cached.budgets(runID: 42) }
    }

    @Test("between two commits the journal is not read again; after a commit it is, once")
    func readsOncePerCommit() async throws {
        let (directory, db) = try await Self.demoJournal()
        defer { directory.remove() }
        let store = try BallastStore.openForReading(path: db)
        let cache = JournalAnswerCache(probe: try JournalChangeProbe(path: db))
        let reads = Mutex(0)
        let key = JournalAnswerCache.Key(endpoint: "budgets", runID: 1)
        func answer() throws -> Data {
            try cache.answer(key) {
                reads.withLock { $0 += 1 }
                return try DashboardReader.json(try store.budgets(runID: 1))
            }
        }
        let first = try answer()
        for _ in 0..<5 { #expect(try answer() == first) }
        #expect(reads.withLock { $0 } == 1)
        try Self.commitElsewhere(db)
        let second = try answer()
        #expect(second != first)
        #expect(try answer() == second)
        #expect(reads.withLock { $0 } == 2)
    }
}
