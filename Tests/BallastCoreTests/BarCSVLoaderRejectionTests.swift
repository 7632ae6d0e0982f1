import BallastCore
import Foundation
import Testing

/// One file the loader must reject, with the exact error it must report.
struct Rejection: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int?
    var column: String?
    var reason: String

    var testDescription: String { name }
}

private let header = "timestamp,open,high,low,close,volume\n"
private let good = "2024-01-01T00:00:00Z,100,101,99,100.5,10\n"

@Suite("BarCSVLoader: rejections name file, line and column")
struct BarCSVLoaderRejectionTests {
    static let rejections: [Rejection] = [
        Rejection(
            name: "unparsable price", text: header + good + "2024-01-02T00:00:00Z,abc,101,99,100,10\n",
            line: 3, column: "open", reason: "cannot parse number 'abc'"),
        Rejection(
            name: "empty price", text: header + "2024-01-02T00:00:00Z,100,,99,100,10\n",
            line: 2, column: "high", reason: "cannot parse number ''"),
        Rejection(
            name: "month 13", text: header + "2024-13-01T00:00:00Z,100,101,99,100,10\n",
            line: 2, column: "timestamp", reason: "cannot parse timestamp '2024-13-01T00:00:00Z'"),
        Rejection(
            name: "February 30", text: header + good + "2024-02-30,100,101,99,100,10\n",
            line: 3, column: "timestamp", reason: "cannot parse timestamp '2024-02-30'"),
        Rejection(
            name: "NaN price", text: header + "2024-01-02T00:00:00Z,nan,101,99,100,10\n",
            line: 2, column: "open", reason: "open 'nan' is not a finite number"),
        Rejection(
            name: "infinite price", text: header + "2024-01-02T00:00:00Z,100,inf,99,100,10\n",
            line: 2, column: "high", reason: "high 'inf' is not a finite number"),
        Rejection(
            name: "zero price", text: header + "2024-01-02T00:00:00Z,100,101,99,0,10\n",
            line: 2, column: "close", reason: "close 0 is not positive (prices must be greater than 0)"),
        Rejection(
            name: "negative price", text: header + "2024-01-02T00:00:00Z,100,101,-1,100,10\n",
            line: 2, column: "low", reason: "low -1 is not positive (prices must be greater than 0)"),
        Rejection(
            name: "high below the body",
            text: header + good + good.replacingOccurrences(of: "01T", with: "02T")
                + "2024-01-03T00:00:00Z,100,99.5,98,100.2,1\n",
            line: 4, column: "high", reason: "high 99.5 is below max(open, close) 100.2"),
        Rejection(
            name: "low above the body", text: header + "2024-01-02T00:00:00Z,100,102,100.5,101,1\n",
            line: 2, column: "low", reason: "low 100.5 is above min(open, close) 100"),
        Rejection(
            name: "negative volume", text: header + "2024-01-02T00:00:00Z,100,101,99,100,-5\n",
            line: 2, column: "volume", reason: "volume -5 is negative"),
        Rejection(
            name: "NaN volume", text: header + "2024-01-02T00:00:00Z,100,101,99,100,NaN\n",
            line: 2, column: "volume", reason: "volume 'NaN' is not a finite number"),
        Rejection(
            name: "duplicate timestamp", text: header + good + good,
            line: 3, column: "timestamp", reason: "duplicate timestamp 2024-01-01T00:00:00Z (same as line 2)"),
        Rejection(
            name: "decreasing timestamp", text: header + good + "2023-12-31T00:00:00Z,100,101,99,100.5,10\n",
            line: 3, column: "timestamp",
            reason: "timestamp 2023-12-31T00:00:00Z is before 2024-01-01T00:00:00Z on line 2; times must increase"),
        Rejection(
            name: "too few fields", text: header + "2024-01-02T00:00:00Z,100,101,99,100\n",
            line: 2, column: nil, reason: "row has 5 fields but the header has 6"),
        Rejection(
            name: "too many fields", text: header + good + "2024-01-02T00:00:00Z,100,101,99,100,1,\n",
            line: 3, column: nil, reason: "row has 7 fields but the header has 6"),
        Rejection(
            name: "empty file", text: "",
            line: nil, column: nil, reason: "file is empty"),
        Rejection(
            name: "blank first line", text: "\n" + header + good,
            line: nil, column: nil, reason: "file is empty or its first line (the header) is blank"),
        Rejection(
            name: "CR-only line endings", text: (header + good).replacingOccurrences(of: "\n", with: "\r"),
            line: 1, column: nil,
            reason: "carriage return inside the first line: lines must end in LF or CRLF, not CR alone"),
        Rejection(
            name: "header only", text: header,
            line: nil, column: nil, reason: "no bars: the file has a header but no data rows"),
        Rejection(
            name: "header and blank lines only", text: header + "\n\r\n",
            line: nil, column: nil, reason: "no bars: the file has a header but no data rows"),
        Rejection(
            name: "missing close column", text: "timestamp,open,high,low,volume\n2024-01-01,1,1,1,1\n",
            line: 1, column: "close",
            reason: "required column is missing from the header (found 'timestamp', 'open', 'high', 'low', 'volume')"),
        Rejection(
            name: "missing time column", text: "open,high,low,close\n1,1,1,1\n",
            line: 1, column: "timestamp",
            reason: "required column is missing from the header (found 'open', 'high', 'low', 'close')"),
        Rejection(
            name: "no header at all", text: good + good,
            line: 1, column: "timestamp",
            reason:
                "required column is missing from the header (found '2024-01-01T00:00:00Z', '100', '101', '99',"
                + " '100.5', '10')"),
        Rejection(
            name: "duplicate column", text: "timestamp,open,high,low,close,Close\n",
            line: 1, column: "Close", reason: "duplicate column (column 5, 'close', has the same meaning)"),
        Rejection(
            name: "two time columns", text: "Date,Time,Open,High,Low,Close\n",
            line: 1, column: "Time",
            reason: "ambiguous time: columns 'Date', 'Time' all name the time; keep exactly one"),
        Rejection(
            name: "Yahoo column names keep their case",
            text: "Date,Open,High,Low,Close,Adj Close,Volume\r\n2024-01-02,100,99,98,99.5,99.5,1\r\n",
            line: 2, column: "High", reason: "high 99 is below max(open, close) 100"),
        Rejection(
            name: "unnamed date column is '#1'",
            text: ",Open,High,Low,Close,Volume\n2024-01-02,1,1,1,1,1\n2024-01-32,1,1,1,1,1\n",
            line: 3, column: "#1", reason: "cannot parse timestamp '2024-01-32'"),
        Rejection(
            name: "blank lines still count", text: header + "\n\n" + "2024-01-02T00:00:00Z,100,101,99,x,10\n",
            line: 4, column: "close", reason: "cannot parse number 'x'"),
        Rejection(
            name: "CRLF file",
            text: (header + good + "2024-01-02T00:00:00Z,100,101,99,100,-1\n")
                .replacingOccurrences(of: "\n", with: "\r\n"),
            line: 3, column: "volume", reason: "volume -1 is negative"),
        Rejection(
            name: "BOM file, bad last line without newline",
            text: "\u{FEFF}" + header + good + "2024-01-02T00:00:00Z,100,101,99,100,1e",
            line: 3, column: "volume", reason: "cannot parse number '1e'"),
        Rejection(
            name: "two-digit year", text: "Date,Open,High,Low,Close\n1/4/99,1,1,1,1\n",
            line: 2, column: "Date", reason: "cannot parse timestamp '1/4/99'"),
    ]

    @Test("rejected with the exact line, column and reason", arguments: rejections)
    func rejected(_ rejection: Rejection) throws {
        let error = try #require(try TemporaryFile.rejection(rejection.text, name: "GOOG.csv"))
        #expect(error.line == rejection.line)
        #expect(error.column == rejection.column)
        #expect(error.reason == rejection.reason)
        #expect(error.exitStatus == .badData)
        #expect(error.exitStatus.rawValue == 65)
    }

    @Test("the description reads file:line: column 'name': reason")
    func description() throws {
        let text = header + String(repeating: "\n", count: 11) + good + "2024-01-02T00:00:00Z,100,99.5,98,100.2,1\n"
        let error = try #require(try TemporaryFile.rejection(text, name: "GOOG.csv"))
        #expect(error.description == "GOOG.csv:14: column 'high': high 99.5 is below max(open, close) 100.2")
        #expect(DataError(file: "a.csv", reason: "file is empty").description == "a.csv: file is empty")
        #expect(
            DataError(file: "a.csv", line: 3, reason: "row has 2 fields").description == "a.csv:3: row has 2 fields")
    }

    @Test("a missing file is a DataError without a line")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString).csv")
            .path
        let error = #expect(throws: DataError.self) {
            try BarCSVLoader(symbol: "X", timeframe: .oneDay).load(path: path)
        }
        #expect(error?.file == path)
        #expect(error?.line == nil)
        #expect(error?.column == nil)
        #expect(error?.reason.hasPrefix("cannot open file: ") == true)
    }

    @Test("a directory is a DataError without a line")
    func directory() throws {
        let error = #expect(throws: DataError.self) {
            try BarCSVLoader(symbol: "X", timeframe: .oneDay).load(path: FileManager.default.temporaryDirectory.path)
        }
        #expect(error?.line == nil)
        #expect(error?.reason.hasPrefix("cannot") == true)
    }
}
