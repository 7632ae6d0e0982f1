import Foundation
import GRDB

/// Reads a journal another process is writing, from a test: read-only, waiting at most a second for
/// a writer's lock, never failing (a file or table not there yet reads as empty).
enum JournalPeek {
    /// `SELECT COUNT(*)` of a table, 0 while the file or the table is not there yet.
    static func count(_ table: String, in path: String) -> Int {
        guard FileManager.default.fileExists(atPath: path),
            let queue = try? DatabaseQueue(
                path: path,
                configuration: { () -> Configuration in
                    var configuration = Configuration()
                    configuration.readonly = true
                    configuration.busyMode = .timeout(1)
                    return configuration
                }())
        else { return 0 }
        defer { try? queue.close() }
        return (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") }) ?? 0
    }
}
