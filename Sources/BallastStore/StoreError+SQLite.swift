import GRDB

extension StoreError {
    /// What SQLite's failure means for a user, without the SQL statement GRDB quotes (an unwritable
    /// database used to surface as "… while executing `CREATE TABLE grdb_issue_102 …`"). Errors
    /// that are not SQLite's keep their own description.
    static func plainMessage(for error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        switch error.resultCode {
        case .SQLITE_READONLY:
            return "the database cannot be written (the file, its directory or the file system is read-only); "
                + "check the permissions or choose another path"
        case .SQLITE_CANTOPEN:
            return "the database file cannot be opened or created (is its directory missing or read-only?)"
        case .SQLITE_PERM, .SQLITE_AUTH:
            return "permission denied"
        case .SQLITE_FULL:
            return "the disk is full"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "the database is busy (another process holds a lock on it)"
        default:
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
    }
}
