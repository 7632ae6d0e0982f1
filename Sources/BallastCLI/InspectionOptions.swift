import ArgumentParser
import BallastStore
import Foundation

/// Options shared by the inspection commands: which database, which run, tables or JSON.
struct InspectionOptions: ParsableArguments {
    @Option(help: "The journal database (default: ./ballast.sqlite; a backtest writes beside its portfolio file).")
    var db = "ballast.sqlite"

    @Option(help: "The run id (default: the latest run that is finished or running).")
    var run: Int64?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// Opens the database read-only (never creating or migrating it).
    func openStore() throws -> BallastStore {
        try BallastStore.openForReading(path: db)
    }

    /// The requested run, or the latest one; a database without runs is an error.
    func runID(in store: BallastStore) throws -> Int64 {
        if let run { return run }
        guard let latest = try store.latestRunID() else {
            throw InspectionError(message: "\(db) has no runs yet; run `ballast backtest` first")
        }
        return latest
    }

    /// Prints rows as a JSON array with sorted keys.
    func printJSON<Row: Encodable>(_ rows: [Row]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(rows))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// A failure of an inspection command that is not the store's (exit 1).
struct InspectionError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
