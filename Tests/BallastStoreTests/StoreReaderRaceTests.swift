import BallastCore
import BallastTestKit
import Foundation
import GRDB
import Testing

@testable import BallastStore

/// Issue 11, item 13: a reader that opens a database while its first run is still creating it gets
/// "no run yet" (exit 1), not "not a Ballast database" (exit 65); files that are not Ballast
/// databases are still refused as before. Also: SQLite's failures read as plain sentences.
@Suite("Reading a database that is being created; plain SQLite messages (issue 11, item 13)")
struct StoreReaderRaceTests {
    static func expectNoRunYet(_ path: String) {
        #expect(throws: StoreError.noRunYet(path: path)) { try BallastStore.openForReading(path: path) }
        #expect(StoreError.noRunYet(path: path).exitStatus == .failure)
    }

    @Test("an empty file, or one holding only the start of the SQLite header, has no run yet")
    func emptyOrIncompleteFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        Self.expectNoRunYet(try directory.write("empty.sqlite", ""))
        Self.expectNoRunYet(try directory.write("start.sqlite", "SQLite for"))
        // Something else that is short is still not a database.
        let short = try directory.write("short.sqlite", "short")
        #expect(throws: StoreError.self) { try BallastStore.openForReading(path: short) }
        do {
            _ = try BallastStore.openForReading(path: short)
        } catch {
            #expect(error.exitStatus == .badData)
        }
        // A writer still refuses an incomplete header, leaving it as it was.
        let start = directory.path("start.sqlite")
        #expect(throws: StoreError.self) { try BallastStore.open(path: start) }
        #expect(try String(contentsOfFile: start, encoding: .utf8) == "SQLite for")
    }

    @Test("an SQLite file without tables, or with Ballast's schema half migrated and no run, has no run yet")
    func blankOrHalfMigrated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let blank = directory.path("blank.sqlite")
        let queue = try DatabaseQueue(path: blank)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x); DROP TABLE t") }
        try queue.close()
        Self.expectNoRunYet(blank)

        let half = directory.path("half.sqlite")
        let halfQueue = try DatabaseQueue(path: half)
        try StoreSchema.migrator.migrate(halfQueue, upTo: "v1")
        try halfQueue.close()
        Self.expectNoRunYet(half)

        // The same half-migrated schema with a run in it is an older Ballast's database, as before.
        let older = directory.path("older.sqlite")
        let olderQueue = try DatabaseQueue(path: older)
        try StoreSchema.migrator.migrate(olderQueue, upTo: "v1")
        try olderQueue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (mode, name, portfolio_path, input_hash, config_text, status, started_at,
                        data_start, data_end, initial_equity)
                    VALUES ('backtest', 'x', 'p.toml', 'bt-0', '', 'finished', '2025-01-01T00:00:00Z', 0, 0, 1)
                    """)
        }
        try olderQueue.close()
        #expect(
            throws: StoreError.outdatedSchema(
                path: older, missingMigrations: ["v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"])
        ) {
            try BallastStore.openForReading(path: older)
        }
    }

    @Test("a foreign SQLite database is still not a Ballast database (exit 65)")
    func foreignDatabase() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE contacts (name TEXT)") }
        try queue.close()
        #expect {
            try BallastStore.openForReading(path: path)
        } throws: { error in
            guard case .notADatabase = error as? StoreError else { return false }
            return true
        }
    }

    @Test(
        "SQLite's failures are plain sentences, without the SQL GRDB quotes",
        arguments: [
            (ResultCode.SQLITE_READONLY, "read-only"), (.SQLITE_CANTOPEN, "cannot be opened"),
            (.SQLITE_FULL, "disk is full"), (.SQLITE_PERM, "permission denied"),
        ])
    func plainSQLiteMessages(code: ResultCode, phrase: String) {
        let error = DatabaseError(
            resultCode: code, message: "attempt to write a readonly database",
            sql: "CREATE TABLE grdb_issue_102 (id INTEGER PRIMARY KEY); DROP TABLE grdb_issue_102")
        let wrapped = StoreError.wrap(error, path: "/x/ballast.sqlite", operation: "opening the database")
        #expect(wrapped.description.hasPrefix("/x/ballast.sqlite: opening the database failed: "))
        #expect(wrapped.description.contains(phrase))
        #expect(!wrapped.description.contains("grdb_issue_102"))
        #expect(!wrapped.description.contains("CREATE TABLE"))
    }
}
