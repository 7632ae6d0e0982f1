import GRDB
import GRDBSQLite

/// A cached GRDB statement executed once per call with values bound through the SQLite C API
/// (`SQLiteRow`, which says why). Many-row inserts use `BulkInsert`; this type serves statements
/// executed row by row (UPDATE, upserts of one row).
///
/// Invariants: use it only inside a GRDB write transaction on the connection that prepared the
/// statement, for statements that return no rows, with exactly as many values as the statement has
/// parameters (checked).
struct BoundStatement {
    private let db: Database
    private let statement: Statement
    private let parameterCount: Int32

    /// Wraps the connection's cached statement for `sql`.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        parameterCount = sqlite3_bind_parameter_count(statement.sqliteStatement)
    }

    /// Lets `bind` put the parameters in order, executes the statement and resets it.
    ///
    /// - Throws: a GRDB `DatabaseError` with SQLite's extended result code and message, or
    ///   `SQLITE_RANGE` when the number of values is wrong.
    func run(_ bind: (inout SQLiteRow) -> Void) throws {
        var row = SQLiteRow(statement.sqliteStatement)
        bind(&row)
        try row.execute(statement, in: db, expecting: parameterCount)
    }
}
