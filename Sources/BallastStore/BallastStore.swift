import Foundation
import GRDB
import Synchronization

/// The SQLite journal of Ballast runs (SPEC §12): one database file per portfolio, written by the
/// engine and read by the inspection commands, possibly at the same time.
///
/// A store wraps one GRDB `DatabasePool` on one file: WAL mode, foreign keys on, one writer
/// connection and concurrent readers, each read seeing one committed snapshot (so a reader never sees
/// part of a batch). The schema is created and upgraded by numbered migrations (`v1`, …) when a
/// store is opened for writing; docs/DATABASE.md describes it.
///
/// Invariants:
/// - a file that is not an SQLite database, or an SQLite database without Ballast's schema, or a
///   database written by a newer Ballast (unknown migrations) is refused before SQLite writes to it,
///   so it is left byte-for-byte unchanged;
/// - a store opened with `openForReading` never creates, migrates or writes the file;
/// - every write method is one transaction: it is written whole or not at all.
///
/// The class is `Sendable`: `DatabasePool` serializes writes and runs reads concurrently. Methods are
/// synchronous and block the calling thread for the duration of their transaction.
public final class BallastStore: Sendable {
    /// The database file's path as given to `open` or `openForReading`.
    public let path: String
    /// True for a store from `openForReading`: its write methods fail.
    public let isReadOnly: Bool
    let pool: DatabasePool
    /// Operator commands submitted through this store (`operatorCommandsVersion()`).
    let commandsSubmitted = Mutex<Int64>(0)

    private init(path: String, pool: DatabasePool, isReadOnly: Bool) {
        self.path = path
        self.pool = pool
        self.isReadOnly = isReadOnly
    }

    /// Opens the database at `path` for writing, creating the file (not its directory) when it is
    /// missing, and migrates it to this build's schema.
    ///
    /// - Throws: `StoreError.notADatabase` (exit 65) when the file is not a Ballast database and
    ///   `StoreError.futureSchema` (exit 65) when a newer Ballast wrote it (both leave the file
    ///   unchanged); `StoreError.io` (exit 1) when SQLite or the file system fails.
    public static func open(path: String) throws(StoreError) -> BallastStore {
        switch try SQLiteFileHeader.inspect(path: path) {
        case .missing, .empty:
            break
        case .incompleteHeader:
            throw .notADatabase(path: path, reason: "file is not a database (shorter than an SQLite header)")
        case .database:
            let status = try StoreSchema.inspect(path: path)
            if !status.unknown.isEmpty {
                throw .futureSchema(path: path, unknownMigrations: status.unknown)
            }
        }
        let pool = try makePool(path: path, readOnly: false)
        do {
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw .wrap(error, path: path, operation: "migrating the database")
        }
        return BallastStore(path: path, pool: pool, isReadOnly: false)
    }

    /// Opens an existing database for the inspection commands. Never creates, migrates or writes it.
    ///
    /// - Throws: `StoreError.missingDatabase` when there is no file at `path` (nothing is created);
    ///   `.noRunYet` (exit 1) for a database being created by a first run: an empty file, one that
    ///   holds only part of the SQLite header, an SQLite file without tables, or Ballast's schema
    ///   partly migrated and without runs; `.notADatabase`, `.futureSchema` or `.outdatedSchema`
    ///   (exit 65) when the file is not a database of this build's schema; `.io` when SQLite fails.
    public static func openForReading(path: String) throws(StoreError) -> BallastStore {
        switch try SQLiteFileHeader.inspect(path: path) {
        case .missing:
            throw .missingDatabase(path: path)
        case .empty, .incompleteHeader:
            throw .noRunYet(path: path)
        case .database:
            let status = try StoreSchema.inspect(path: path)
            if status.isBlank {
                throw .noRunYet(path: path)
            }
            if !status.unknown.isEmpty {
                throw .futureSchema(path: path, unknownMigrations: status.unknown)
            }
            if !status.missing.isEmpty {
                if !status.hasRuns { throw .noRunYet(path: path) }
                throw .outdatedSchema(path: path, missingMigrations: status.missing)
            }
        }
        return BallastStore(path: path, pool: try makePool(path: path, readOnly: true), isReadOnly: true)
    }

    /// Closes the database connections. A writable store first merges the WAL into the database and
    /// truncates it (`PRAGMA wal_checkpoint(TRUNCATE)`), so a cleanly closed database is whole in its
    /// main file. Any later use of the store fails with `StoreError.io`. The connections also close
    /// (without that checkpoint) when the store is released.
    public func close() throws(StoreError) {
        if !isReadOnly { try checkpoint() }
        do {
            try pool.close()
        } catch {
            throw .wrap(error, path: path, operation: "closing the database")
        }
    }

    /// Merges the WAL into the database file and truncates it to zero bytes. A reader in the middle
    /// of a transaction (another process) keeps the frames it reads: the checkpoint then stops short
    /// and SQLite finishes the merge at a later checkpoint.
    public func checkpoint() throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw .wrap(error, path: path, operation: "checkpointing the database")
        }
    }

    /// A pool with foreign keys on and a busy timeout, so that a second writer process waits instead
    /// of failing at once. A writable pool puts the database in WAL mode.
    private static func makePool(path: String, readOnly: Bool) throws(StoreError) -> DatabasePool {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        configuration.label = "Ballast"
        if !readOnly {
            // WAL with synchronous = NORMAL: a commit is durable once the WAL is synced at the next
            // checkpoint; a crash can lose the last transactions but never corrupts the database.
            // 16 KiB pages (new files only; SQLite keeps an existing file's page size): a journaled
            // backtest writes tens of megabytes, and a quarter of the pages is a quarter of the
            // write calls to the WAL and at checkpoints. An 8 MiB page cache holds a chunk's batch
            // without spilling it to the WAL mid-transaction and recycles its pages (a 64 MiB one
            // faulted in a fresh page for every page of a large journal); statement journals (one
            // per multi-row insert) stay in memory.
            configuration.prepareDatabase { db in
                try db.execute(
                    sql: """
                        PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192;
                        PRAGMA temp_store = MEMORY
                        """)
            }
        }
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .wrap(error, path: path, operation: "opening the database")
        }
    }

    /// Runs `body` in one write transaction, mapping any error to a `StoreError`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw .wrap(error, path: path, operation: operation)
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot), mapping any error to a `StoreError`.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw .wrap(error, path: path, operation: operation)
        }
    }
}
