import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient (SwiftNIO event loops), the production transport.
///
/// It replaced Foundation's `URLSession` (libcurl on Linux), which spun a core at ~85 % against a
/// server that accepts and never answers (docs/BINANCE.md, "HTTP transport", has the numbers).
///
/// Invariants: every request, body included, ends by `now + timeout` (a deadline, then
/// `BinanceError.transport`); cancelling the calling task cancels the request; a body larger than
/// `maxBodyBytes` is a transport failure, never an unbounded buffer. All requests of the process go
/// through one client, `HTTPClient.shared`: a process-wide client on NIO's singleton event loop
/// group that pools connections and needs no shutdown (its event loops live as long as the process;
/// nothing is left half-written at exit, since the live run ends its requests before it ends).
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The largest body accepted (Binance's largest answers, 1,000 klines, are ~200 KB).
    public static let maxBodyBytes = 16 * 1024 * 1024

    private let client: HTTPClient
    /// Seconds a request may take, connection, headers and body included.
    public let timeout: Double

    /// - Parameters:
    ///   - client: the client to send through (the process-wide `HTTPClient.shared` by default).
    ///   - timeout: seconds each request may take, from connecting to the last byte of the body.
    public init(client: HTTPClient = .shared, timeout: Double = 10) {
        self.client = client
        self.timeout = timeout
    }

    public func send(_ request: BinanceHTTPRequest) async throws -> BinanceHTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout * 1_000_000_000))
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name] = header.value }
            return BinanceHTTPResponse(
                status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw BinanceError.transport("\(request.method) \(request.url.path): \(error)")
        }
    }
}
