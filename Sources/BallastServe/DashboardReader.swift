import BallastRisk
import BallastStore
import Foundation

/// The read side of `ballast serve`: the JSON API of SPEC §16 over the journal, through the store's
/// readers (the same rows and keys as the inspection commands' `--json`). Each answer is one read
/// transaction of a WAL reader, so it never blocks a live run's writes and never sees half a batch.
///
/// Deterministic: the same journal gives the same bytes (keys sorted, no wall clock).
public struct DashboardReader: Sendable {
    public let store: BallastStore

    public init(store: BallastStore) {
        self.store = store
    }

    /// `GET /api/runs`: every run, oldest first (`ballast runs --json`).
    public func runs() throws -> Data { try Self.json(try store.runs()) }

    /// `GET /api/runs/{id}/budgets`: every strategy's budget now (`ballast budgets --json`).
    public func budgets(runID: Int64) throws -> Data { try Self.json(try store.budgets(runID: runID)) }

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
    public func commit(runID: Int64) throws -> Data { try Self.json(try store.lastCommit(runID: runID)) }

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
