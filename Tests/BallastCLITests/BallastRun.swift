import Foundation

/// One finished run of the real `ballast` executable with its standard output and error captured
/// (through files, so neither pipe can fill up), optionally in a chosen working directory.
///
/// Guard rails, so that a regression cannot hang the suite or fill the disk: the process is
/// terminated after `timeout` seconds, and `maxFileKilobytes` caps every file it writes (`ulimit -f`;
/// a larger write kills it with SIGXFSZ).
struct BallastRun: Sendable {
    let status: Int32
    let output: String
    let errors: String

    /// Runs `ballast` to its end off the concurrency pool.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        timeout: Double = 120, maxFileKilobytes: Int? = nil
    ) async throws -> BallastRun {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        try runBlocking(
                            arguments, in: directory, environment: environment, timeout: timeout,
                            maxFileKilobytes: maxFileKilobytes)
                    })
            }
        }
    }

    private static func runBlocking(
        _ arguments: [String], in directory: URL?, environment: [String: String], timeout: Double,
        maxFileKilobytes: Int?
    ) throws -> BallastRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorsURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorsURL)
        let process = Process()
        if let maxFileKilobytes {
            // `ulimit -f` counts 1024-byte blocks in bash and dash alike.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", "ulimit -f \(maxFileKilobytes); exec \"$0\" \"$@\"", BallastProcess.executable.path] + arguments
        } else {
            process.executableURL = BallastProcess.executable
            process.arguments = arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return BallastRun(
            status: process.terminationStatus,
            output: try String(contentsOf: outputURL, encoding: .utf8),
            errors: try String(contentsOf: errorsURL, encoding: .utf8))
    }
}
