import Foundation

/// Where `backtest` and `live` journal a run: `--db`, else `ballast.sqlite` beside the portfolio
/// file (docs/DATABASE.md).
struct JournalPath {
    /// The database file that `--db` (or its absence) names for `portfolio`.
    static func path(option: String?, portfolio: String) -> String {
        option
            ?? URL(fileURLWithPath: portfolio).deletingLastPathComponent().appendingPathComponent("ballast.sqlite").path
    }

    /// The database as an output to check before the run.
    let output: OutputPath

    /// nil when no `--db` is given and the portfolio file does not exist: the missing portfolio is
    /// the error to report then, not the directory beside it.
    ///
    /// - Parameter alternatives: how to avoid the default, said when it cannot be written.
    init?(option: String?, portfolio: String, alternatives: String = "choose another with --db") {
        let path = Self.path(option: option, portfolio: portfolio)
        if let option {
            output = OutputPath(option: "--db", path: option)
        } else {
            guard FileManager.default.fileExists(atPath: portfolio) else { return nil }
            output = OutputPath(
                option: "the journal database beside the portfolio file,", path: path, hint: alternatives)
        }
    }
}
