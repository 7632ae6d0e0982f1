import Foundation
import Testing

/// The real `ballast` executable, started as a child process (for signals and crash tests).
/// It is built beside the test bundle by `swift build --build-tests` / `swift test`.
///
/// Reading its output and waiting for its exit block a thread, so the `async` methods do that on a
/// Dispatch thread, never on the concurrency pool (two threads on a two-core machine: blocking them
/// would stall every other test). Used by one test task at a time.
final class BallastProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private var buffer = Data()

    static var executable: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("ballast")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return bundleDirectory.appendingPathComponent("ballast")
    }

    private let errors = Pipe()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = Self.executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// The next line of standard output, nil at its end (blocks until a line or the end arrives).
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(chunk)
        }
    }

    /// A test that fails before it stops its child must not leave it running.
    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Standard error, once the process has ended.
    var standardError: String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Reads the rest of standard output and waits for the exit; returns the exit status.
    @discardableResult
    func finish() -> Int32 {
        while readLine() != nil {}
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs a command to its end; returns (status, standard output).
    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let child = try BallastProcess(arguments)
        var lines: [String] = []
        while let line = child.readLine() { lines.append(line) }
        child.process.waitUntilExit()
        return (child.process.terminationStatus, lines.joined(separator: "\n"))
    }

    /// `readLine()` off the concurrency pool.
    func nextLine() async -> String? {
        await Self.offPool { self.readLine() }
    }

    /// `finish()` off the concurrency pool.
    func finished() async -> Int32 {
        await Self.offPool { self.finish() }
    }

    /// `run(_:)` off the concurrency pool.
    static func running(_ arguments: [String]) async throws -> (Int32, String) {
        try await offPool { Result { try run(arguments) } }.get()
    }

    private static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }
}
