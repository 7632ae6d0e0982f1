import ArgumentParser
import BallastCore
import BallastTestKit
import Foundation
import Testing

@testable import BallastCommandLine

/// Issue 11, item 13: `generate-bars` refuses a size whose output cannot fit the free disk of the
/// output's file system (exit 64, nothing written), and stops cleanly on a full disk (exit 1, a
/// plain message, the partial file removed).
@Suite("generate-bars: sizes that cannot fit, and a full disk (issue 11, item 13)")
struct GenerateBarsOutputTests {
    @Test("a --bars whose output cannot fit the free disk is refused when the command line is parsed")
    func refusesWhatCannotFit() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("bars.csv")
        // Parsing only: on a build without the check this would start writing petabytes.
        #expect {
            try GenerateBarsCommand.parse(["--bars", "99999999999999", "--output", output])
        } throws: { error in
            GenerateBarsCommand.exitCode(for: error).rawValue == 64
        }
        // Capped at 1 MB and 30 s: a build without the check dies of SIGXFSZ instead of filling the disk.
        let run = try await BallastRun.run(
            ["generate-bars", "--bars", "99999999999999", "--output", output], timeout: 30, maxFileKilobytes: 1024)
        #expect(run.status == 64)
        #expect(run.errors.contains("--bars 99999999999999 would write at least 5.3 PB to \(output), more than the"))
        #expect(!directory.exists("bars.csv"))
        // A size that fits is written as before.
        #expect(try GenerateBarsCommand.parse(["--bars", "1000", "--output", output]).bars == 1000)
    }

    @Test("the lower bound never exceeds what is written")
    func lowerBoundIsALowerBound() {
        for decimals in [0, 2, 4, 8] {
            let walk = RandomWalkBars(
                timeframe: .oneMinute, start: Timestamp(seconds: 0), seed: 7, startPrice: 1, volatility: 0.2,
                decimals: decimals)
            for count in [0, 1, 500] {
                #expect(walk.csvByteCountLowerBound(count: count) <= Double(walk.csv(count: count).utf8.count))
            }
        }
    }

    @Test("a full disk mid-file: exit 1 with a plain message, and the partial file is removed")
    func fullDiskRemovesPartialFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("bars.csv")
        var writer = GeneratedCSVWriter()
        var budget = 100_000
        writer.writeOnce = { descriptor, bytes in
            guard budget > 0 else { return -Int(ENOSPC) }
            let written = GeneratedCSVWriter.systemWrite(
                descriptor, UnsafeRawBufferPointer(rebasing: bytes.prefix(budget)))
            budget -= max(0, written)
            return written
        }
        let walk = RandomWalkBars(timeframe: .oneMinute, start: Timestamp(seconds: 0), seed: 1)
        #expect {
            try writer.write(walk, count: 10_000, toFile: output)
        } throws: { error in
            guard let failure = error as? OutputFileError else { return false }
            return failure.exitStatus == .failure
                && failure.description
                    == "--output \(output): cannot write it: \(String(cString: strerror(ENOSPC))) (after 100.0 kB); "
                    + "the partial file was removed"
        }
        #expect(!directory.exists("bars.csv"))
    }

    @Test(
        "/dev/full: exit 1, a plain message, no Foundation error dump, the device left alone",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "Linux only"))
    func devFull() async throws {
        let run = try await BallastRun.run(["generate-bars", "--bars", "100000", "--output", "/dev/full"])
        #expect(run.status == 1)
        #expect(run.errors.contains("--output /dev/full: cannot write it: \(String(cString: strerror(ENOSPC)))"))
        #expect(!run.errors.contains("NSCocoaErrorDomain"))
        #expect(FileManager.default.fileExists(atPath: "/dev/full"))
    }

    @Test("the CSV written through write(2) is byte-identical to the walk's text")
    func outputUnchanged() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("bars.csv")
        let run = try await BallastRun.run(["generate-bars", "--bars", "3000", "--seed", "9", "--output", output])
        #expect(run.status == 0)
        let walk = RandomWalkBars(
            timeframe: .oneDay, start: TimestampParser.parse("2024-01-01T00:00:00Z")!, seed: 9)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == walk.csv(count: 3000))
        let toStandardOutput = try await BallastRun.run(["generate-bars", "--bars", "3000", "--seed", "9"])
        #expect(toStandardOutput.output == walk.csv(count: 3000))
    }
}
