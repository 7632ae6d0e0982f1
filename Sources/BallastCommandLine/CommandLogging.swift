import Foundation
import Logging

/// Logging for the command-line shell through swift-log: messages go to standard error (standard
/// output stays for tables and JSON), at the level named by `BALLAST_LOG_LEVEL` (`trace` … `critical`,
/// default `warning`). Bootstrapped once per process.
enum CommandLogging {
    private static let bootstrap: Void = {
        let level =
            ProcessInfo.processInfo.environment["BALLAST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()

    /// A logger for one command.
    static func logger(_ command: String) -> Logger {
        _ = bootstrap
        return Logger(label: "ballast.\(command)")
    }
}
