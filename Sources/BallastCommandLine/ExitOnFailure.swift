import ArgumentParser
import BallastCore
import Foundation

/// Runs a command body and turns a `BallastFailure` into its message on stderr and the exit
/// status of SPEC §13; any other error exits 1.
func runReportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as BallastFailure {
        printError("error: \(failure.description)")
        throw ExitCode(failure.exitStatus.rawValue)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("error: \(error)")
        throw ExitCode(ExitStatus.failure.rawValue)
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
