import BallastStore
import Foundation
import Synchronization

/// The API answers of `ballast serve` that a dashboard polls (a run's budgets and last commit), kept
/// between two commits of the journal: a request between two commits is one `PRAGMA data_version`
/// and a dictionary lookup; only the first request after a commit reads the journal (docs/SERVE.md,
/// "Speed").
///
/// Invariant: an answer is served from the cache only while the probe's version equals the version
/// read *before* the answer was computed, so it is never older than the journal's last commit (see
/// `JournalChangeProbe`). Errors (an unknown run) are not cached. One entry per endpoint and run:
/// the cache holds at most two answers per run in the database.
final class JournalAnswerCache: Sendable {
    /// An endpoint and a run.
    struct Key: Hashable, Sendable {
        var endpoint: String
        var runID: Int64
    }

    private struct Entry: Sendable {
        var version: Int64
        var body: Data
    }

    private let probe: JournalChangeProbe
    private let entries = Mutex<[Key: Entry]>([:])

    init(probe: JournalChangeProbe) {
        self.probe = probe
    }

    /// The cached answer for `key` when nothing was committed since it was computed; otherwise
    /// `compute()`'s answer, which is then kept.
    func answer(_ key: Key, compute: () throws -> Data) throws -> Data {
        let version = try probe.version()
        if let entry = entries.withLock({ $0[key] }), entry.version == version { return entry.body }
        let body = try compute()
        entries.withLock { $0[key] = Entry(version: version, body: body) }
        return body
    }
}
