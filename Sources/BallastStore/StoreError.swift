import BallastCore

/// Why the store could not open, read or write a database. Every case names the database path.
///
/// Exit statuses (SPEC §13): a file that is not a Ballast database, a database written by a newer
/// Ballast, an older schema opened for reading and stored values this build cannot read are bad data
/// (`.badData`, 65); everything else (a missing file, I/O and SQLite errors, an unknown run, a run
/// that is no longer running, an inconsistent batch) is `.failure` (1).
public enum StoreError: BallastFailure, Equatable {
    /// The file exists but is not an SQLite database, or is an SQLite database without Ballast's
    /// schema. The file was not modified.
    case notADatabase(path: String, reason: String)
    /// The database has schema migrations this build does not know: it was written by a newer
    /// Ballast. The file was not modified.
    case futureSchema(path: String, unknownMigrations: [String])
    /// The database lacks migrations this build needs and was opened for reading, which never
    /// migrates.
    case outdatedSchema(path: String, missingMigrations: [String])
    /// `openForReading` found no file at the path.
    case missingDatabase(path: String)
    /// `openForReading` found a database with no run to read yet: an empty file, an SQLite file
    /// with no tables, or a Ballast schema still being migrated with no run in it (a reader that
    /// races the first run creating the database).
    case noRunYet(path: String)
    /// No run with this id exists in the database.
    case unknownRun(path: String, runID: Int64)
    /// The run exists but is `finished` or `failed`, so it cannot be written to or ended again.
    case runNotRunning(path: String, runID: Int64, status: String)
    /// A batch contradicts what is stored (for example the end of an adjustment that was never
    /// written); nothing of the batch was written.
    case inconsistentBatch(path: String, runID: Int64, reason: String)
    /// A stored value this build cannot interpret (an unknown enum value, invalid JSON).
    case invalidData(path: String, reason: String)
    /// SQLite or the file system failed while doing `operation`.
    case io(path: String, operation: String, message: String)

    /// The database path the error is about.
    public var path: String {
        switch self {
        case .notADatabase(let path, _), .futureSchema(let path, _), .outdatedSchema(let path, _),
            .missingDatabase(let path), .noRunYet(let path), .unknownRun(let path, _), .runNotRunning(let path, _, _),
            .inconsistentBatch(let path, _, _), .invalidData(let path, _), .io(let path, _, _):
            return path
        }
    }

    /// `.badData` (65) for files that are not (this version's) Ballast databases and unreadable
    /// stored values, `.failure` (1) otherwise.
    public var exitStatus: ExitStatus {
        switch self {
        case .notADatabase, .futureSchema, .outdatedSchema, .invalidData: .badData
        case .missingDatabase, .noRunYet, .unknownRun, .runNotRunning, .inconsistentBatch, .io: .failure
        }
    }

    /// A one-line message for a user, starting with the path.
    public var description: String {
        switch self {
        case .notADatabase(let path, let reason):
            return "\(path): not a Ballast database: \(reason); the file was left unchanged"
        case .futureSchema(let path, let unknown):
            return "\(path): written by a newer version of Ballast (unknown schema migrations: "
                + "\(unknown.joined(separator: ", "))); upgrade Ballast to open it; the file was left unchanged"
        case .outdatedSchema(let path, let missing):
            return "\(path): written by an older version of Ballast (missing schema migrations: "
                + "\(missing.joined(separator: ", "))); run a backtest with --db \(path) to upgrade it"
        case .missingDatabase(let path):
            return "no database at \(path); run a backtest with --db first"
        case .noRunYet(let path):
            return "\(path): no run yet (the database is new, or its first run is still starting); "
                + "run `ballast backtest` or `ballast live` with it first"
        case .unknownRun(let path, let runID):
            return "\(path): no run with id \(runID)"
        case .runNotRunning(let path, let runID, let status):
            return "\(path): run \(runID) is \(status), not running"
        case .inconsistentBatch(let path, let runID, let reason):
            return "\(path): run \(runID): batch not written: \(reason)"
        case .invalidData(let path, let reason):
            return "\(path): unreadable stored data: \(reason)"
        case .io(let path, let operation, let message):
            return "\(path): \(operation) failed: \(message)"
        }
    }

    /// `error` as a store error: kept when it already is one, else wrapped as `.io` with a plain
    /// message (`plainMessage(for:)`).
    static func wrap(_ error: any Error, path: String, operation: String) -> StoreError {
        if let store = error as? StoreError { return store }
        return .io(path: path, operation: operation, message: plainMessage(for: error))
    }
}
