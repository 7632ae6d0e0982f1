import ArgumentParser
import BallastReports
import BallastStore
import Foundation

/// Options shared by the inspection commands: which database, which run, tables or JSON.
struct InspectionOptions: ParsableArguments {
    @Option(
        help: """
            The journal database (default: ./ballast.sqlite, else the one ballast.sqlite in a directory just \
            below the current one, such as portfolios/ballast.sqlite after the README's demo).
            """)
    var db: String?

    @Option(
        help: """
            The run: its number or its run_id (bt-…, a prefix will do), both as `ballast runs` lists them \
            (default: the latest run that is finished or running).
            """)
    var run: RunSelector?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// Opens the database read-only (never creating or migrating it): `--db`, else the one
    /// `DatabaseLocator` finds, named on stderr when it is not `./ballast.sqlite`.
    func openStore() throws -> BallastStore { try Self.openStore(db: db) }

    /// `openStore()` for a command with its own `--db` option (nil: found as described there).
    static func openStore(db: String?) throws -> BallastStore {
        if let db { return try BallastStore.openForReading(path: db) }
        let found = try DatabaseLocator.locate()
        if found.isBelow { printError("reading \(found.path) (no ./\(DatabaseLocator.fileName); --db chooses)") }
        return try BallastStore.openForReading(path: found.path)
    }

    /// The requested run, or the latest one that is finished or running; a database without runs
    /// is an error (`StoreError.noRunYet`).
    func selectedRun(in store: BallastStore) throws -> RunRow { try Self.selectedRun(run, in: store) }

    /// `selectedRun(in:)` for a command with its own `--run` option.
    static func selectedRun(_ run: RunSelector?, in store: BallastStore) throws -> RunRow {
        let runs = try store.runs()
        if let run { return try run.resolve(in: runs, path: store.path) }
        if let latest = try store.latestRunID(), let row = runs.last(where: { $0.id == latest }) { return row }
        guard runs.isEmpty else {
            throw InspectionError(
                message:
                    "\(store.path): every run failed (\(runs.count)); choose one with --run (`ballast runs` lists them)"
            )
        }
        throw StoreError.noRunYet(path: store.path)
    }

    /// Throws unless `strategy` (when given) is one of the run's strategies: a filter that can
    /// match nothing is a mistake to say, not an empty table.
    func requireStrategy(_ strategy: String?, of run: RunRow, in store: BallastStore) throws {
        guard let strategy else { return }
        let ids = try store.strategyIDs(runID: run.id)
        guard ids.contains(strategy) else {
            throw InspectionError(
                message: "\(store.path): \(run.runName) has no strategy '\(strategy)'; its strategies: "
                    + ids.joined(separator: ", "))
        }
    }

    /// A usage error (exit 64) when both `--json` and `--csv` are given.
    static func validateFormat(json: Bool, csv: Bool) throws {
        if json && csv { throw ValidationError("--json and --csv exclude each other; choose one") }
    }

    /// Prints `rows` as JSON (`--json`) or as CSV (`csv`, with `header` and one `csvRow` a row) and
    /// returns true; returns false, printing nothing, when the command should print its table.
    func printedAsData<Row: Encodable>(
        _ rows: [Row], csv: Bool, header: [String], csvRow: (Row) -> [String]
    ) throws -> Bool {
        if json {
            try printJSON(rows)
            return true
        }
        guard csv else { return false }
        print(CSVFormatter(header: header).render(rows: rows.map(csvRow)), terminator: "")
        return true
    }

    /// Prints rows as a JSON array (or one value as a JSON object) with sorted keys.
    func printJSON<Value: Encodable>(_ rows: Value) throws {
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
