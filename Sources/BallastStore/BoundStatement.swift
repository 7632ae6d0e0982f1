import GRDB
import GRDBSQLite

/// A cached GRDB statement executed once per call with values bound through the SQLite C API.
///
/// `Statement.execute(arguments:)` boxes every value in an existential and converts it to a
/// `DatabaseValue` before binding; for the hundreds of thousands of rows of a backtest that was most
/// of the write time. `run(_:)` takes the values as a parameter pack of concrete types and binds each
/// with the matching `sqlite3_bind_*` call (see `SQLiteParameter`). Many-row inserts use
/// `BulkInsert`; this type serves statements executed row by row (UPDATE).
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

    /// Binds `values` to the parameters in order, executes the statement and resets it.
    ///
    /// - Throws: a GRDB `DatabaseError` with SQLite's extended result code and message, or
    ///   `SQLITE_RANGE` when the number of values is wrong.
    func run<each Value: SQLiteParameter>(_ values: repeat each Value) throws {
        var row = SQLiteRow(statement.sqliteStatement)
        row.bind(repeat each values)
        try row.execute(statement, in: db, expecting: parameterCount)
    }
}
