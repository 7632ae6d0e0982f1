import GRDB
import GRDBSQLite

/// Inserts many records into one table with multi-row `INSERT … VALUES (…), (…), …` statements of
/// up to `maximumRows` rows, bound through the SQLite C API (see `SQLiteRow` for why).
///
/// One multi-row statement opens the table's and indexes' cursors and checks the foreign key's
/// parent once for all its rows, which saved about a fifth of the write time of a mixed batch
/// compared with one statement per row. Record counts are split into power-of-two chunks (64, 32, …,
/// 1), so each table uses at most seven distinct cached statements.
///
/// Invariants: use it only inside a GRDB write transaction; `bind` must `put` exactly one value per
/// column for each record (checked).
struct BulkInsert {
    /// The most rows one statement inserts (fewer when the statement would exceed SQLite's limit on
    /// the number of parameters).
    static let maximumRows = 64

    private let db: Database
    private let head: String
    private let placeholders: String
    private let columnCount: Int32
    private let maximumRows: Int

    /// An insert into `table` of `columns`, optionally with the conflict clause `OR REPLACE`.
    init(_ db: Database, into table: String, columns: [String], orReplace: Bool = false) {
        self.db = db
        columnCount = Int32(columns.count)
        head =
            "INSERT \(orReplace ? "OR REPLACE " : "")INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let limit = db.sqliteConnection.map { Int(sqlite3_limit($0, SQLITE_LIMIT_VARIABLE_NUMBER, -1)) } ?? 999
        var rows = Self.maximumRows
        while rows > 1 && rows * columns.count > limit { rows /= 2 }
        maximumRows = rows
    }

    /// Inserts `records` in order; `bind` binds one record's values to the row.
    func callAsFunction<Record>(_ records: [Record], bind: (inout SQLiteRow, Record) -> Void) throws {
        var start = records.startIndex
        var statements: [Int: Statement] = [:]
        while start < records.endIndex {
            var rows = maximumRows
            while rows > records.endIndex - start { rows /= 2 }
            let statement = try statements[rows] ?? makeStatement(rows: rows)
            statements[rows] = statement
            var row = SQLiteRow(statement.sqliteStatement)
            for record in records[start..<(start + rows)] { bind(&row, record) }
            try row.execute(statement, in: db, expecting: columnCount * Int32(rows))
            start += rows
        }
    }

    private func makeStatement(rows: Int) throws -> Statement {
        try db.cachedStatement(sql: head + Array(repeating: placeholders, count: rows).joined(separator: ","))
    }
}
