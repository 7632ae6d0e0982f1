import Foundation
import GRDB

/// Tells cheaply whether anything was committed to a journal since the last look, so that a reader
/// (the dashboard API of `ballast serve`) can answer from a cache between two commits.
///
/// The probe owns one read-only connection of its own and asks it `PRAGMA data_version` (through a
/// cached statement, without a transaction): SQLite changes that number on this connection whenever
/// another connection, in this process or another, commits to the file, and never otherwise. The
/// value means nothing by itself and is not comparable with another probe's: compare only values of
/// the same probe.
///
/// Invariant (what makes a cache keyed by it correct): an answer computed from a read that started
/// after `version()` returned `v` is the journal's current state for as long as `version()` still
/// returns `v`.
public final class JournalChangeProbe: Sendable {
    /// The database file's path.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens the probe's connection on an existing database, read-only (it never writes the file).
    ///
    /// - Throws: `StoreError.io` when SQLite cannot open the file.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "Ballast change probe"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .wrap(error, path: path, operation: "opening the database")
        }
    }

    /// The connection's `PRAGMA data_version`: equal to the previous call's value exactly when no
    /// other connection committed to the database in between.
    ///
    /// - Throws: `StoreError.io` when SQLite fails.
    public func version() throws(StoreError) -> Int64 {
        do {
            return try queue.inDatabase { db in
                try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
        } catch {
            throw .wrap(error, path: path, operation: "reading the database's data version")
        }
    }
}
