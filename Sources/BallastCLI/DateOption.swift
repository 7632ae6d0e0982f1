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
