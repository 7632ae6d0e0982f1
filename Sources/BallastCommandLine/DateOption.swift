import ArgumentParser
import BallastCore

/// A `--from`/`--to` date: `YYYY-MM-DD` (00:00 UTC) or any timestamp the CSV loader accepts.
struct DateOption: ExpressibleByArgument, Sendable {
    let timestamp: Timestamp

    init?(argument: String) {
        guard let parsed = TimestampParser.parse(argument) else { return nil }
        timestamp = parsed
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension DateOption {
    /// A usage error (exit 64) when `--from` is after `--to`; equal times select one bar time.
    static func validateRange(from: DateOption?, to: DateOption?) throws {
        if let from, let to, from.timestamp > to.timestamp {
            throw ValidationError("--from \(from.timestamp) is after --to \(to.timestamp)")
        }
    }
}
