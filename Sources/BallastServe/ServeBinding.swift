import BallastCore

/// Where `ballast serve` listens: `HOST:PORT` (`127.0.0.1:8700`, `[::1]:8700`, `localhost:8700`;
/// port 0 asks the system for a free port, which the server prints when it runs).
///
/// Invariant: `isLoopback` is true only for addresses no other machine can reach (127.0.0.0/8,
/// `::1`, `localhost`): anything else needs a token (`ServeConfiguration.validate`).
public struct ServeBinding: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// The default: loopback, port 8700.
    public static let standard = ServeBinding(host: "127.0.0.1", port: 8700)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; nil when it is not that (the caller names the option in its error).
    public init?(parsing text: String) {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let number = Int(port), (0...65_535).contains(number) else { return nil }
        self.init(host: String(host), port: number)
    }

    /// True for a loopback address (127.0.0.0/8, `::1`, `localhost`).
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
