import BallastCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `ballast live` process per database: an exclusive `flock` on `<database>.lock`, held for the
/// life of the process, with the holder's pid written inside.
///
/// Invariants: the operating system releases the lock when the process ends, however it ends
/// (`kill -9` included), so a lock is never stale; the lock file itself stays (removing it would let
/// two processes lock two different files of one name) and is reused by the next process. A second
/// process is refused with the holder's pid, before it opens the database.
public final class LiveRunLock: Sendable {
    /// The lock file's path.
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// The lock file beside a database.
    public static func path(forDatabase database: String) -> String { database + ".lock" }

    /// Takes the lock of `database` or throws.
    ///
    /// - Throws: `LiveRunLockError.held` (exit 1) with the holder's pid when another process holds
    ///   it; `.unavailable` when the lock file cannot be created or locked.
    public static func acquire(database: String) throws(LiveRunLockError) -> LiveRunLock {
        let path = Self.path(forDatabase: database)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .unavailable(path: path, reason: String(cString: strerror(errno)))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = readPID(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw .held(database: database, lockPath: path, pid: holder) }
            throw .unavailable(path: path, reason: String(cString: strerror(code)))
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return LiveRunLock(path: path, descriptor: descriptor)
    }

    /// Gives the lock up (the process's end does the same).
    public func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The pid the holder wrote, nil when it has not written it yet.
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}

/// Why `ballast live` could not take its database's lock.
public enum LiveRunLockError: BallastFailure {
    case held(database: String, lockPath: String, pid: Int32?)
    case unavailable(path: String, reason: String)

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        switch self {
        case .held(let database, let lockPath, let pid):
            "another ballast live process (\(pid.map { "pid \($0)" } ?? "pid not written yet")) is running on "
                + "\(database) (lock \(lockPath)); one live process per database: stop it first"
        case .unavailable(let path, let reason):
            "cannot lock \(path): \(reason)"
        }
    }
}
