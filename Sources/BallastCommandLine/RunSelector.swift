import ArgumentParser
import BallastStore

/// `--run`: a run's number in the journal (the `run` column of `ballast runs`), or its `run_id`
/// (`bt-…` for a backtest, as in the JSON summary and the `run_id` column of `ballast runs`;
/// any prefix that only one run_id in the database starts with). Several runs of the same inputs
/// share a run_id: it selects the latest of them.
enum RunSelector: ExpressibleByArgument, Equatable {
    case number(Int64)
    case runID(String)

    init?(argument: String) {
        if let number = Int64(argument) {
            self = .number(number)
        } else if !argument.isEmpty {
            self = .runID(argument)
        } else {
            return nil
        }
    }

    /// The run this selects in `runs` (every run of the database, oldest first).
    ///
    /// - Throws: `StoreError.unknownRun` for a number that is no run; `InspectionError` for a
    ///   run_id that no run has, or a prefix of several different run_ids.
    func resolve(in runs: [RunRow], path: String) throws -> RunRow {
        switch self {
        case .number(let number):
            guard let run = runs.first(where: { $0.id == number }) else {
                throw StoreError.unknownRun(path: path, runID: number)
            }
            return run
        case .runID(let prefix):
            let matching = runs.filter { $0.inputHash.hasPrefix(prefix) }
            let distinct = Set(matching.map(\.inputHash)).sorted()
            guard let latest = matching.last else {
                throw InspectionError(message: "\(path): no run with run_id \(prefix); `ballast runs` lists them")
            }
            guard distinct.count == 1 else {
                throw InspectionError(
                    message: "\(path): --run \(prefix) matches several run_ids (\(distinct.joined(separator: ", "))); "
                        + "give more of it, or the run number")
            }
            return latest
        }
    }
}

/// How every command names a run: `run 3 (bt-1de95f0c2a7b3e41)`, its number in the journal and
/// its run_id (the hash of its inputs, `run_id` of the JSON summary); `--run` accepts either.
/// A run that is not journaled (`--no-db`) has only its run_id.
struct RunName: CustomStringConvertible {
    var number: Int64?
    var runID: String

    var description: String {
        number.map { "run \($0) (\(runID))" } ?? "run_id \(runID)"
    }
}

extension RunRow {
    /// The run's name as every command prints it.
    var runName: RunName { RunName(number: id, runID: inputHash) }
}
