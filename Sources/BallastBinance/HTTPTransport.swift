import Foundation

/// One HTTP request as the Binance client builds it.
public struct BinanceHTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response. Header names are matched case-insensitively by `header(_:)`.
public struct BinanceHTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.key.lowercased() == lowered }?.value
    }
}

/// Sends HTTP requests. Throws only for transport failures (no connection, timeout, a body cut
/// short); any HTTP status, including 4xx and 5xx, is a response. Implementations must honour task
/// cancellation and bound every request in time: a server that never answers costs a deadline,
/// never a spinning thread. The production implementation is `AsyncHTTPClientTransport`.
public protocol HTTPTransport: Sendable {
    func send(_ request: BinanceHTTPRequest) async throws -> BinanceHTTPResponse
}
