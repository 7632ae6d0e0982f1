import GRDB
import GRDBSQLite

/// Binds values to consecutive parameters of one prepared statement, then executes it once.
///
/// GRDB's `Statement.execute(arguments:)` boxes every value in an existential and converts it to a
/// `DatabaseValue` before binding; a generic parameter pack over a binding protocol still went
/// through value witnesses per value. For the millions of values of a journaled backtest both cost
/// a third of the write time, so each `put` overload is one concrete `sqlite3_bind_*` call: REAL,
/// INTEGER (Bool as 0/1), TEXT (copied into a `TextArena`, bound without a further copy), NULL for
/// nil.
///
/// Invariants: put exactly as many values as the statement has parameters before `execute`
/// (checked); the row lives until `execute` returns, so the texts it bound stay valid while the
/// statement runs. After `execute` the statement's text bindings point at released memory: the
/// statement must be bound in full again before its next step (which `execute` checks).
struct SQLiteRow {
    private let handle: OpaquePointer
    private let texts = TextArena()
    private var index: Int32 = 0
    private var failure = SQLITE_OK

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    @inline(__always)
    mutating func put(_ value: Double) {
        index += 1
        record(sqlite3_bind_double(handle, index, value))
    }

    @inline(__always)
    mutating func put(_ value: Int64) {
        index += 1
        record(sqlite3_bind_int64(handle, index, value))
    }

    @inline(__always)
    mutating func put(_ value: Int) {
        put(Int64(value))
    }

    @inline(__always)
    mutating func put(_ value: Bool) {
        put(Int64(value ? 1 : 0))
    }

    @inline(__always)
    mutating func put(_ value: String) {
        index += 1
        let (pointer, count) = texts.copy(value)
        // A nil destructor is SQLITE_STATIC: SQLite reads the text where it is, until the step.
        record(sqlite3_bind_text(handle, index, pointer, count, nil))
    }

    /// An enum as its raw text (`Side`, `OrderIntent`, `PerformanceTrigger`, …): the journal stores
    /// enums by their raw values only.
    @inline(__always)
    mutating func put<Value: RawRepresentable>(_ value: Value) where Value.RawValue == String {
        put(value.rawValue)
    }

    @inline(__always)
    mutating func put<Value: RawRepresentable>(_ value: Value?) where Value.RawValue == String {
        if let value { put(value.rawValue) } else { putNull() }
    }

    @inline(__always)
    mutating func put(_ value: Double?) {
        if let value { put(value) } else { putNull() }
    }

    @inline(__always)
    mutating func put(_ value: Int64?) {
        if let value { put(value) } else { putNull() }
    }

    @inline(__always)
    mutating func put(_ value: Int?) {
        if let value { put(value) } else { putNull() }
    }

    @inline(__always)
    mutating func put(_ value: Bool?) {
        if let value { put(value) } else { putNull() }
    }

    @inline(__always)
    mutating func put(_ value: String?) {
        if let value { put(value) } else { putNull() }
    }

    @inline(__always)
    private mutating func putNull() {
        index += 1
        record(sqlite3_bind_null(handle, index))
    }

    @inline(__always)
    private mutating func record(_ code: Int32) {
        if code != SQLITE_OK && failure == SQLITE_OK { failure = code }
    }

    /// Steps the statement once and resets it.
    ///
    /// - Throws: a GRDB `DatabaseError` with SQLite's extended result code and message (for example a
    ///   constraint violation), or `SQLITE_RANGE` when not exactly `expecting` values were bound.
    func execute(_ statement: Statement, in db: Database, expecting expected: Int32) throws {
        defer { sqlite3_reset(handle) }
        guard failure == SQLITE_OK, index == expected else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: failure == SQLITE_OK ? SQLITE_RANGE : failure),
                message: "bound \(index) values to \(expected) parameters", sql: statement.sql)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let connection = db.sqliteConnection
            let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
        }
    }
}
