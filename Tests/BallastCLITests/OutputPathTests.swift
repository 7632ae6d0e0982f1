import BallastTestKit
import Foundation
import Testing

@testable import BallastCommandLine

/// Issue 11, item 7: every output path is checked before anything runs; one that cannot be written
/// is a usage error (exit 64) naming the option and the path, and nothing is journaled or created.
@Suite("Output paths are checked before a command runs (issue 11, item 7)")
struct OutputPathTests {
    static func prepared() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = try directory.write("p.toml", CommandLineTests.portfolio)
        try directory.write("AAA.csv", TextFixtures.dailyCSV(count: 50))
        return (directory, path)
    }

    @Test("backtest --report into a missing directory: exit 64, a plain message, no run journaled")
    func reportInMissingDirectory() async throws {
        let (directory, portfolio) = try Self.prepared()
        defer { directory.remove() }
        let report = directory.path("missing/r.json")
        let run = try await BallastRun.run(["backtest", portfolio, "--report", report])
        #expect(run.status == 64)
        #expect(run.errors.contains("--report \(report): the directory \(directory.path("missing")) does not exist"))
        #expect(!run.errors.contains("NSCocoaErrorDomain"))
        #expect(run.output.isEmpty)
        #expect(!directory.exists("ballast.sqlite") && !directory.exists("ballast.sqlite-wal"))
    }

    @Test(
        "every output option of every command is checked: missing directory, a directory, a file as directory",
        arguments: [
            ["backtest", "{p}", "--report", "{d}/none/r.json"],
            ["backtest", "{p}", "--report", "{d}"],
            ["backtest", "{p}", "--db", "{d}/none/j.sqlite"],
            ["backtest", "{p}", "--db", "{d}/AAA.csv/j.sqlite"],
            ["live", "{p}", "--db", "{d}/none/j.sqlite"],
            ["live", "{p}", "--latency-report", "{d}/none/l.json"],
            ["generate-bars", "--bars", "10", "--output", "{d}/none/bars.csv"],
            ["generate-bars", "--bars", "10", "--output", "{d}"],
        ])
    func everyOutputOption(_ template: [String]) async throws {
        let (directory, portfolio) = try Self.prepared()
        defer { directory.remove() }
        let root = directory.url.path
        let arguments = template.map {
            $0.replacingOccurrences(of: "{p}", with: portfolio).replacingOccurrences(of: "{d}", with: root)
        }
        let option = try #require(template.first { $0.hasPrefix("--") && $0 != "--bars" })
        let path = try #require(arguments.last)
        #expect(await CommandLineTests.exitCode(arguments) == 64)
        let run = try await BallastRun.run(arguments)
        #expect(run.status == 64)
        #expect(run.errors.contains("\(option) \(path): "), "\(run.errors)")
        #expect(!directory.exists("ballast.sqlite"))
        #expect(!directory.exists("none"))
    }

    @Test("the default journal beside the portfolio is checked too, and a missing portfolio is still exit 78")
    func defaultJournal() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The portfolio's own error comes first when the portfolio file does not exist.
        #expect(await CommandLineTests.exitCode(["backtest", directory.path("none/p.toml")]) != 64)
        #expect(!directory.exists("none"))
    }

    @Test(
        "a path that even root cannot create a file in (/proc) is refused before the run",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/self"), "Linux only"))
    func procIsNotWritable() async throws {
        let (directory, portfolio) = try Self.prepared()
        defer { directory.remove() }
        #expect(OutputPath(option: "--report", path: "/proc/ballast-report.json").problem() != nil)
        let run = try await BallastRun.run(["backtest", portfolio, "--report", "/proc/ballast-report.json"])
        #expect(run.status == 64)
        #expect(run.errors.contains("--report /proc/ballast-report.json: cannot create a file there"))
        #expect(!directory.exists("ballast.sqlite"))
    }

    @Test("the check leaves no trace: a new path is not created, an existing file keeps its bytes and time")
    func checkLeavesNoTrace() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(OutputPath(option: "--report", path: directory.path("new.json")).problem() == nil)
        #expect(!directory.exists("new.json"))
        let existing = try directory.write("old.json", "{\"kept\": true}")
        let before = try FileManager.default.attributesOfItem(atPath: existing)[.modificationDate] as? Date
        #expect(OutputPath(option: "--report", path: existing).problem() == nil)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "{\"kept\": true}")
        #expect(try FileManager.default.attributesOfItem(atPath: existing)[.modificationDate] as? Date == before)
        #expect(OutputPath(option: "--output", path: "/dev/null", needsDirectory: false).problem() == nil)
    }

    @Test("a good --report still works, and the run is journaled with it")
    func goodReport() async throws {
        let (directory, portfolio) = try Self.prepared()
        defer { directory.remove() }
        let run = try await BallastRun.run(["backtest", portfolio, "--report", directory.path("r.json")])
        #expect(run.status == 0)
        #expect(directory.exists("r.json") && directory.exists("ballast.sqlite"))
    }
}
