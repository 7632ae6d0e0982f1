import GRDB

/// The store's numbered schema migrations and the checks made before a database is migrated.
///
/// Versioning policy: migrations are named `v1`, `v2`, … and run in order, each in its own
/// transaction; GRDB records the applied ones in `grdb_migrations`. A shipped migration is never
/// edited. A database that records a migration this build does not know was written by a newer
/// Ballast and is refused before anything is written to it.
enum StoreSchema {
    /// Every migration this build knows, in order.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV1.sql)
        }
        migrator.registerMigration("v2", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV2.sql)
        }
        migrator.registerMigration("v3", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV3.sql)
        }
        migrator.registerMigration("v4", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV4.sql)
        }
        migrator.registerMigration("v5", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV5.sql)
        }
        migrator.registerMigration("v6", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV6.sql)
        }
        migrator.registerMigration("v7", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV7.sql)
        }
        migrator.registerMigration("v8", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV8.sql)
        }
        migrator.registerMigration("v9", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: StoreSchemaV9.sql)
        }
        return migrator
    }()

    /// The identifiers of the known migrations, in order.
    static var knownMigrations: [String] { migrator.migrations }

    /// What an existing database holds, seen through a connection that must not write.
    struct Status: Equatable {
        /// True when the database has no tables at all (a new, empty file).
        var isBlank: Bool
        /// Applied migrations this build does not know, sorted.
        var unknown: [String]
        /// Known migrations not applied yet, in order.
        var missing: [String]
        /// True when the database has a `runs` table with at least one row.
        var hasRuns = false
    }

    /// Reads the migration status of `db` without writing.
    ///
    /// - Throws: `StoreError.notADatabase` for an SQLite database that has tables but no Ballast
    ///   schema; SQLite errors as they are (the caller wraps them).
    static func status(of db: Database, path: String) throws -> Status {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if tables.isEmpty {
            return Status(isBlank: true, unknown: [], missing: knownMigrations)
        }
        guard tables.contains("grdb_migrations") else {
            let listed = tables.prefix(5).joined(separator: ", ")
            throw StoreError.notADatabase(
                path: path, reason: "an SQLite database without Ballast's schema (tables: \(listed))")
        }
        let applied = try migrator.appliedIdentifiers(db)
        let known = Set(knownMigrations)
        let hasRuns =
            try tables.contains("runs") && Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM runs)") == true
        return Status(
            isBlank: false, unknown: applied.subtracting(known).sorted(),
            missing: knownMigrations.filter { !applied.contains($0) }, hasRuns: hasRuns)
    }

    /// Opens an existing database file read-only and returns its status; nothing is written to
    /// the database file.
    static func inspect(path: String) throws(StoreError) -> Status {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "Ballast.inspect"
        // A writer closing its last connection (WAL checkpoint) holds a lock for a moment: wait for
        // it as the store's own connections do, instead of failing with "database is locked".
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try status(of: db, path: path) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notADatabase(path: path, reason: "file is not a database (\(error.message ?? "SQLITE_NOTADB"))")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw .notADatabase(path: path, reason: "the database is corrupt (\(error.message ?? "SQLITE_CORRUPT"))")
        } catch {
            throw .io(path: path, operation: "reading the schema version", message: "\(error)")
        }
    }
}
