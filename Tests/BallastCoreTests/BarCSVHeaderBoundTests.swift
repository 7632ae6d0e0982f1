import BallastCore
import Dispatch
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A wrong header is rejected from a bounded prefix, and its message quotes only a short escaped
/// excerpt (issue 11, item 6: a 2 GiB file of zeros once wrote 2.1 GB to stderr).
@Suite("BarCSVLoader: a wrong header is rejected from a bounded prefix with a short message")
struct BarCSVHeaderBoundTests {
    /// `count` bytes repeating `pattern` (built with a plain loop: fast enough in a debug build).
    static func repeated(_ pattern: [UInt8], count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = pattern[index % pattern.count] }
            initialized = count
        }
    }

    /// A first line of `count` bytes repeating `pattern`, without a line end. Only the pattern is
    /// an argument (a test argument is described in the test's record: 4 MB of it would be slow).
    struct LongLine: Sendable, CustomTestStringConvertible {
        let pattern: [UInt8]
        let count: Int
        let testDescription: String
    }

    static let longLines = [
        LongLine(pattern: [0], count: 4 << 20, testDescription: "4 MB of zeros"),
        LongLine(pattern: Array("x,".utf8), count: 4 << 20, testDescription: "4 MB of x,"),
        LongLine(pattern: Array("\u{1B}[2J\u{07}".utf8), count: 4 << 20, testDescription: "4 MB of escapes"),
    ]

    @Test("a first line without a line end in 64 KiB is rejected with a short, escaped message", arguments: longLines)
    func longFirstLine(_ line: LongLine) throws {
        let bytes = Self.repeated(line.pattern, count: line.count)
        let error = try TemporaryFile.with(bytes: bytes, name: "big.csv") { path -> DataError? in
            do throws(DataError) {
                _ = try BarCSVLoader(symbol: "X", timeframe: .oneDay).load(path: path)
                return nil
            } catch {
                return error
            }
        }
        let rejected = try #require(error)
        #expect(rejected.line == 1)
        #expect(rejected.exitStatus == .badData)
        #expect(rejected.description.count < 400)
        #expect(rejected.description.contains("no line end within its first 65536 bytes"))
        #expect(!rejected.description.unicodeScalars.contains { PrintableText.needsEscape($0) })
    }

    @Test("parsing text in memory applies the same bound")
    func longFirstLineInMemory() {
        let text = String(repeating: "timestamp", count: 1 << 17)
        let error = #expect(throws: DataError.self) {
            try BarCSVLoader(symbol: "X", timeframe: .oneDay).parse(text: text, fileName: "m.csv")
        }
        #expect((error?.description.count ?? .max) < 400)
    }

    /// Set by the writer thread, read after it has signalled that it is done.
    final class WriterOutcome: @unchecked Sendable {
        var timedOut = false
    }

    @Test("a pipe that never ends is rejected after its first bytes, without waiting for its end")
    func endlessPipe() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-fifo-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(path, 0o600) == 0)
        let loaded = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let outcome = WriterOutcome()
        DispatchQueue.global().async {
            let descriptor = open(path, O_WRONLY)  // waits for the loader to open the pipe
            // 64 KiB and then one atomic 4 KiB write: more than the loader needs to judge the
            // header, and no byte is written after it can have stopped reading.
            let first = [UInt8](repeating: UInt8(ascii: "x"), count: 65_536)
            let second = [UInt8](repeating: UInt8(ascii: "x"), count: 4_096)
            _ = first.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            _ = second.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            // Keep the pipe open (no end of file) until the loader has returned, or give up.
            outcome.timedOut = loaded.wait(timeout: .now() + 15) == .timedOut
            close(descriptor)
            writerDone.signal()
        }
        var rejection: DataError?
        do throws(DataError) {
            _ = try BarCSVLoader(symbol: "X", timeframe: .oneDay).load(path: path)
        } catch {
            rejection = error
        }
        loaded.signal()
        writerDone.wait()
        #expect(!outcome.timedOut, "the loader waited for the end of the pipe")
        #expect(rejection?.line == 1)
        #expect((rejection?.description.count ?? .max) < 400)
    }

    @Test("a wide header (one ignored column of 60,000 characters) still loads")
    func wideHeaderLoads() throws {
        let text =
            "timestamp,open,high,low,close,volume,\(String(repeating: "n", count: 60_000))\n"
            + "2024-01-01T00:00:00Z,100,101,99,100.5,10,\n2024-01-02T00:00:00Z,100,101,99,100.5,10,\n"
        #expect(try TemporaryFile.load(text).count == 2)
    }

    @Test("header names and fields are quoted escaped and short")
    func escapedQuotes() throws {
        let header = try #require(
            try TemporaryFile.rejection("timestamp,open,high,low,\u{1B}[31mclose\u{07}\n2024-01-01,1,1,1,1\n"))
        #expect(header.reason.contains("'\\u{1B}[31mclose\\u{7}'"))
        let long = String(repeating: "c", count: 500)
        let wide = try #require(try TemporaryFile.rejection("timestamp,open,high,low,\(long)\n2024-01-01,1,1,1,1\n"))
        #expect(wide.description.count < 200)
        let field = try #require(
            try TemporaryFile.rejection(
                "timestamp,open,high,low,close\n2024-01-01,1,1,1,\u{1B}]0;pwned\u{07}\(long)\n"))
        #expect(field.line == 2)
        #expect(field.reason.hasPrefix("cannot parse number '\\u{1B}]0;pwned\\u{7}ccc"))
        #expect(field.reason.count < 80)
        #expect(!field.description.unicodeScalars.contains { PrintableText.needsEscape($0) })
    }
}
