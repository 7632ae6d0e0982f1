import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP "server" on 127.0.0.1 that misbehaves the way a real network does (issue 16,
/// item 4): it closes every connection at once, holds every connection without answering, or
/// answers every request with a non-JSON page; `nobodyListens` is a port reserved and released so
/// nothing listens on it. One accept thread; `stop()` (or deinit) closes everything.
final class MisbehavingServer: @unchecked Sendable {
    enum Behaviour: String, Sendable, CaseIterable {
        case nobodyListens, closesAtOnce, neverAnswers, answersGarbage
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var held: [Int32] = []
    private var stopped = false

    var url: String { "http://127.0.0.1:\(port)" }

    init(_ behaviour: Behaviour) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard bound == 0 else {
            close(socketFD)
            throw POSIXError(.EADDRINUSE)
        }
        port = UInt16(bigEndian: address.sin_port)
        if behaviour == .nobodyListens {
            close(socketFD)
            listener = -1
            return
        }
        listen(socketFD, 64)
        listener = socketFD
        let thread = Thread { [self] in acceptLoop(behaviour) }
        thread.start()
    }

    private func acceptLoop(_ behaviour: Behaviour) {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            switch behaviour {
            case .closesAtOnce, .nobodyListens:
                close(connection)
            case .neverAnswers:
                lock.withLock { held.append(connection) }
            case .answersGarbage:
                Self.readHead(connection)
                let body = "<html><body><h1>502 Bad Gateway</h1>proxy error</body></html>"
                let response =
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
                    + "Connection: close\r\n\r\n" + body
                _ = response.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                close(connection)
            }
        }
    }

    /// Reads until the end of the request head (or the peer closes).
    private static func readHead(_ connection: Int32) {
        var received = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !received.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return }
            received += chunk[0..<count]
            if received.count > 1 << 20 { return }
        }
    }

    /// Closes the listener and every held connection (once; later calls do nothing).
    func stop() {
        let connections: [Int32]? = lock.withLock {
            guard !stopped else { return nil }
            stopped = true
            defer { held.removeAll() }
            return held
        }
        guard let connections, listener >= 0 else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in connections { close(connection) }
    }

    deinit { stop() }
}
