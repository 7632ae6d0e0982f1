import BallastRisk
import BallastStore
import Foundation

/// The read side of `ballast serve`: the JSON API of SPEC §16 over the journal, through the store's
/// readers (the same rows and keys as the inspection commands' `--json`). Each answer is one read
/// transaction of a WAL reader, so it never blocks a live run's writes and never sees half a batch.
///
/// Deterministic: the same journal gives the same bytes (keys sorted, no wall clock).
///
/// With a change probe, the answers a dashboard polls (`budgets`, `commit`) are kept between two
/// commits of the journal (`JournalAnswerCache`): the same bytes as a fresh read, at the cost of one
/// `PRAGMA data_version` while nothing was committed.
public struct DashboardReader: Sendable {
    public let store: BallastStore
    let answers: JournalAnswerCache?

    /// - Parameter probe: a probe on the same database file to cache `budgets` and `commit` between
    ///   commits; nil reads the journal for every request.
    public init(store: BallastStore, probe: JournalChangeProbe? = nil) {
        self.store = store
        answers = probe.map(JournalAnswerCache.init(probe:))
    }

    /// `GET /api/runs`: every run, oldest first (`ballast runs --json`).
    public func runs() throws -> Data { try Self.json(try store.runs()) }

    /// `GET /api/runs/{id}/budgets`: every strategy's budget now (`ballast budgets --json`).
    public func budgets(runID: Int64) throws -> Data {
        try cached("budgets", runID: runID) { try Self.json(try store.budgets(runID: runID)) }
    }

    /// `GET /api/runs/{id}/decisions?strategy=&binding=&limit=` (`ballast decisions --json`).
    ///
    /// - Throws: `APIFailure.badRequest` for an unknown binding limit or a limit that is not a
    ///   non-negative integer.
    public func decisions(runID: Int64, strategy: String?, binding: String?, limit: String?) throws -> Data {
        var limitValue: Int?
        if let limit {
            guard let parsed = Int(limit), parsed >= 0 else {
                throw APIFailure.badRequest("limit must be a non-negative integer, not '\(limit)'")
            }
            limitValue = parsed
        }
        var bindingValue: BindingLimit?
        if let binding {
            guard let parsed = BindingLimit(rawValue: binding) else {
                throw APIFailure.badRequest(
                    "unknown binding limit '\(binding)'; one of: "
                        + BindingLimit.allCases.map(\.rawValue).joined(separator: ", "))
            }
            bindingValue = parsed
        }
        return try Self.json(
            try store.decisions(runID: runID, strategy: strategy, binding: bindingValue, limit: limitValue))
    }

    /// `GET /api/runs/{id}/adjustments?strategy=` (`ballast adjustments --json`).
    public func adjustments(runID: Int64, strategy: String?) throws -> Data {
        try Self.json(try store.adjustments(runID: runID, strategy: strategy))
    }

    /// `GET /api/runs/{id}/equity?scope=` (`ballast equity --json`).
    public func equity(runID: Int64, scope: String?) throws -> Data {
        try Self.json(try store.equity(runID: runID, scope: scope))
    }

    /// `GET /api/runs/{id}/trades?strategy=` (`ballast trades --json`).
    public func trades(runID: Int64, strategy: String?) throws -> Data {
        try Self.json(try store.trades(runID: runID, strategy: strategy))
    }

    /// `GET /api/runs/{id}/commands`: the run's operator commands, in the order received.
    public func commands(runID: Int64) throws -> Data { try Self.json(try store.operatorCommands(runID: runID)) }

    /// `GET /api/runs/{id}/commit`: the run's last commit, cheap to poll (`DashboardCommit`).
    public func commit(runID: Int64) throws -> Data {
        try cached("commit", runID: runID) { try Self.json(try store.lastCommit(runID: runID)) }
    }

    /// `compute()`'s answer, through the cache when there is one.
    private func cached(_ endpoint: String, runID: Int64, _ compute: () throws -> Data) throws -> Data {
        guard let answers else { return try compute() }
        return try answers.answer(.init(endpoint: endpoint, runID: runID), compute: compute)
    }

    /// Sorted keys, slashes unescaped: the encoding of the inspection commands' `--json`.
    static func json<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}

/// A request the API refuses, with its HTTP status; the body is `{"error": message}`.
public enum APIFailure: Error, Equatable {
    case badRequest(String)
    case unauthorized(String)
    case forbidden(String)
    case notFound(String)
    case conflict(String)
    case tooLarge(String)

    /// The HTTP status code.
    public var status: Int {
        switch self {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .tooLarge: 413
        }
    }

    public var message: String {
        switch self {
        case .badRequest(let message), .unauthorized(let message), .forbidden(let message), .notFound(let message),
            .conflict(let message), .tooLarge(let message):
            message
        }
    }
}
