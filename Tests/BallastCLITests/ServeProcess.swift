import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `ballast serve` on 127.0.0.1 and a port the system chose (`--bind 127.0.0.1:0`; the
/// server prints the port it got), with a small HTTP client for the tests.
final class ServeProcess: @unchecked Sendable {
    let child: BallastProcess
    let base: URL

    /// Starts the server on `database`; fails the test when it does not print its address.
    init(database: String, tokenFile: String? = nil) async throws {
        child = try BallastProcess(
            ["serve", "--db", database, "--bind", "127.0.0.1:0"] + (tokenFile.map { ["--token-file", $0] } ?? []))
        let line = await child.nextLine() ?? ""
        guard let range = line.range(of: "http://127.0.0.1:") else {
            throw ServeTestError("ballast serve did not start: \(line) \(child.standardError)")
        }
        let port = line[range.upperBound...].prefix { $0.isNumber }
        base = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// An HTTP answer: status, body and the content type.
    struct Answer: Sendable {
        var status: Int
        var body: Data
        var contentType: String
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }
        func array() throws -> [[String: Any]] { (try json() as? [[String: Any]]) ?? [] }
        func object() throws -> [String: Any] { (try json() as? [String: Any]) ?? [:] }
    }

    func get(_ path: String) async throws -> Answer {
        try await send(URLRequest(url: URL(string: path, relativeTo: base)!))
    }

    func post(_ path: String, body: Data, token: String?) async throws -> Answer {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> Answer {
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return Answer(
            status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "")
    }

    /// SIGTERM, then the exit status (0 for a graceful stop).
    func stop() async -> Int32 {
        child.process.terminate()
        return await child.finished()
    }
}

struct ServeTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
