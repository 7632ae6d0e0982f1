import Foundation

/// Where the inspection commands look for a journal database when `--db` is not given:
/// `./ballast.sqlite`, else the one `ballast.sqlite` in a directory just below the current one
/// (hidden directories skipped) — after the README's demo, `portfolios/ballast.sqlite`, which
/// the backtest writes beside its portfolio file. Several of them is an error that lists them;
/// none is an error that says where it looked.
enum DatabaseLocator {
    static let fileName = "ballast.sqlite"

    /// A database found, and whether it was found one directory down (so the command says which).
    struct Found: Equatable {
        var path: String
        var isBelow: Bool
    }

    /// Looks in `directory` (the current directory by default).
    static func locate(in directory: String = FileManager.default.currentDirectoryPath) throws -> Found {
        let manager = FileManager.default
        let here = (directory as NSString).appendingPathComponent(fileName)
        if manager.fileExists(atPath: here) { return Found(path: relative(fileName, in: directory), isBelow: false) }
        let children = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
        let below = children.sorted().filter { child in
            var isDirectory: ObjCBool = false
            let candidate = (directory as NSString).appendingPathComponent(child)
            return !child.hasPrefix(".") && manager.fileExists(atPath: candidate, isDirectory: &isDirectory)
                && isDirectory.boolValue
                && manager.fileExists(atPath: (candidate as NSString).appendingPathComponent(fileName))
        }
        .map { relative(($0 as NSString).appendingPathComponent(fileName), in: directory) }
        switch below.count {
        case 1:
            return Found(path: below[0], isBelow: true)
        case 0:
            throw InspectionError(
                message: "no journal database found: looked for \(fileName) in \(directory) and in the directories "
                    + "just below it; pass --db PATH (a backtest writes \(fileName) beside its portfolio file, "
                    + "e.g. portfolios/\(fileName))")
        default:
            throw InspectionError(
                message:
                    "no \(fileName) in \(directory), and several just below it (\(below.joined(separator: ", "))); "
                    + "choose one with --db")
        }
    }

    /// `name` as a path for messages: relative when `directory` is the current directory.
    private static func relative(_ name: String, in directory: String) -> String {
        directory == FileManager.default.currentDirectoryPath
            ? name : (directory as NSString).appendingPathComponent(name)
    }
}
