import BallastCore
import BallastTestKit
import Foundation
import GRDB
import Testing

/// Bad input through the real `ballast` executable (issue 11: items 1, 6, 10, 11, 13): exit codes,
/// what reaches the terminal, and what the journal records.
@Suite("ballast on bad input: NUL bytes, long headers, hostile ids, directories, sitting out")
struct InputRejectionProcessTests {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    static func ballast(_ arguments: [String]) async throws -> Outcome {
        let child = try BallastProcess(arguments)
        var lines: [String] = []
        while let line = await child.nextLine() { lines.append(line) }
        let status = await child.finished()
        return Outcome(status: status, output: lines.joined(separator: "\n"), errors: child.standardError)
    }

    /// The demo portfolio on its real data from 2008 to 2009 (GOOGL's data starts in May 2009).
    static func demo(in directory: TemporaryDirectory) throws -> String {
        try DemoPortfolioFixture.write(in: directory, from: "2008-01-01", to: "2010-01-01")
    }

    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { PrintableText.needsEscape($0) && $0 != "\n" }
    }

    @Test("a NUL byte before the third strategy of the demo: validate and backtest exit 78 naming the line")
    func nulByteInDemo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.demo(in: directory)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let third = try #require(text.range(of: "# Mean reversion"))
        text.insert(contentsOf: "# \u{0}\n", at: third.lowerBound)
        try directory.write("demo.toml", text)
        let line = text[..<third.lowerBound].filter { $0 == "\n" }.count + 1
        let validate = try await Self.ballast(["validate", path])
        #expect(validate.status == 78)
        #expect(validate.errors.contains("demo.toml:\(line): column 3: NUL byte (0x00)"))
        #expect(!validate.output.contains("ok"))
        let backtest = try await Self.ballast(["backtest", path, "--no-db"])
        #expect(backtest.status == 78)
    }

    @Test("--from/--to before GOOGL's data: the GOOGL strategies sit out, said on stderr, stdout and the journal")
    func sittingOut() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.demo(in: directory)
        let database = directory.path("j.sqlite")
        let run = try await Self.ballast([
            "backtest", path, "--from", "2008-01-01", "--to", "2008-12-31", "--db", database,
        ])
        #expect(run.status == 0, "\(run.errors)")
        for id in ["momentum-googl", "breakout-googl"] {
            #expect(run.errors.contains("note: strategy \"\(id)\" sits out: no GOOGL bars between --from and --to"))
        }
        #expect(!run.errors.contains("spx\" sits out"))
        #expect(
            run.output.contains(
                "Sitting out (no bars in the range; their capital stays in cash): momentum-googl, breakout-googl"))
        let queue = try DatabaseQueue(path: database)
        let (summary, strategies, status) = try await queue.read { db in
            (
                try String.fetchOne(db, sql: "SELECT summary_json FROM runs") ?? "",
                try String.fetchAll(db, sql: "SELECT id FROM strategies ORDER BY position"),
                try String.fetchOne(db, sql: "SELECT status FROM runs")
            )
        }
        #expect(status == "finished")
        #expect(strategies.count == 5)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        let rows = try #require(object["strategies"] as? [[String: Any]])
        let idle = rows.filter { $0["sitting_out"] as? Bool == true }.compactMap { $0["id"] as? String }
        #expect(idle == ["momentum-googl", "breakout-googl"])
        for row in rows where row["sitting_out"] != nil {
            #expect(row["trades"] as? Int == 0)
            #expect(row["total_return_pct"] as? Double == 0)
        }
        // Before any strategy's data: bad data, as before.
        let none = try await Self.ballast(["backtest", path, "--from", "2001-01-01", "--to", "2001-12-31", "--no-db"])
        #expect(none.status == 65)
        #expect(none.errors.contains("no bars between --from and --to"))
    }

    @Test("a strategy id with escape and bell characters is a configuration error that prints no control character")
    func hostileID() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.demo(in: directory)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "id = \"trend-spx\"", with: "id = \"x\\u001B[2J\\u0007\"")
        try directory.write("demo.toml", text)
        let run = try await Self.ballast(["validate", path])
        #expect(run.status == 78)
        #expect(
            run.errors.contains("demo.toml:28: strategies[0].id: \"x\\u{1B}[2J\\u{7}\" has '\\u{1B}' at character 2"))
        #expect(!Self.hasControlCharacters(run.errors))
    }

    @Test("a data path that is a directory names its key (exit 78, like a missing data file)")
    func dataDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.demo(in: directory)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "data = \"GOOGL-1d.csv\"\npriority = 2", with: "data = \".\"\npriority = 2")
        try directory.write("demo.toml", text)
        let run = try await Self.ballast(["backtest", path, "--no-db"])
        #expect(run.status == 78)
        #expect(run.errors.contains(": strategies[1].data: is a directory, not a data file: "))
    }

    @Test("a data file whose first line is 8 MB without a line end: exit 65 with a short message")
    func hugeHeader() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.demo(in: directory)
        try Data(count: 8 << 20).write(to: directory.url.appendingPathComponent("data/GOOGL-1d.csv"))
        // Standard error goes to a file: were it megabytes, a pipe read only at the end would block.
        let errorFile = directory.url.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = BallastProcess.executable
        process.arguments = ["validate", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let status = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result { () throws -> Int32 in
                        try process.run()
                        process.waitUntilExit()
                        return process.terminationStatus
                    })
            }
        }
        let errors = try String(contentsOf: errorFile, encoding: .utf8)
        #expect(status == 65)
        #expect(errors.count < 500)
        #expect(errors.contains("GOOGL-1d.csv:1: the first line is not a CSV header"))
        #expect(!Self.hasControlCharacters(errors))
    }
}
