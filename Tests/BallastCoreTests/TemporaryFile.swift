import BallastCore
import Foundation
import Testing

/// A file in a fresh temporary directory, deleted (with the directory) when the body returns.
/// Tests build their inputs as text here, so they never depend on files outside the test.
enum TemporaryFile {
    /// Writes `bytes` to a file called `name` and calls `body` with its path.
    static func with<Value>(bytes: [UInt8], name: String = "bars.csv", _ body: (String) throws -> Value) throws
        -> Value
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ballast-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return try body(url.path)
    }

    /// Writes `text` as UTF-8 to a file called `name` and calls `body` with its path.
    static func with<Value>(_ text: String, name: String = "bars.csv", _ body: (String) throws -> Value) throws
        -> Value
    {
        try with(bytes: Array(text.utf8), name: name, body)
    }

    /// Loads `text` through a temporary file with a loader for `symbol` and `timeframe`.
    static func load(_ text: String, symbol: String = "TEST", timeframe: Timeframe = .oneDay) throws -> BarSeries {
        try with(text) { path in try BarCSVLoader(symbol: symbol, timeframe: timeframe).load(path: path) }
    }

    /// Loads `text` through a temporary file named `name` and returns the `DataError` it is
    /// rejected with, or nil if it loads. The error's `file` is replaced by `name`.
    static func rejection(_ text: String, name: String = "bars.csv") throws -> DataError? {
        try with(text, name: name) { path -> DataError? in
            do throws(DataError) {
                _ = try BarCSVLoader(symbol: "TEST", timeframe: .oneDay).load(path: path)
                return nil
            } catch {
                #expect(error.file == path)
                var named = error
                named.file = name
                return named
            }
        }
    }
}
