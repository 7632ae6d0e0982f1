import BallastCore
import Foundation

/// A fresh directory under the system's temporary directory for one test; files are written into
/// it by name. Call `remove()` when done (tests use `defer`).
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a file in the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: target, atomically: true, encoding: .utf8)
        return target.path
    }

    /// True when a file exists in the directory.
    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Small CSV and portfolio texts for tests.
public enum TextFixtures {
    /// A daily CSV of `count` bars starting 2024-01-01 with closes from `closes` (cycled).
    public static func dailyCSV(count: Int, closes: [Double] = [100, 101, 99, 102, 98, 103]) -> String {
        var text = "timestamp,open,high,low,close,volume\n"
        var previous = closes[0]
        for index in 0..<count {
            let close = closes[index % closes.count] + Double(index) * 0.1
            let date = Timestamp(year: 2024, month: 1, day: 1)!.adding(seconds: Int64(index) * 86_400).iso8601
            let high = max(previous, close) + 1
            let low = min(previous, close) - 1
            text += "\(date),\(previous),\(high),\(low),\(close),1000\n"
            previous = close
        }
        return text
    }
}
