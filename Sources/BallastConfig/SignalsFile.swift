import BallastCore
import BallastStrategies
import Foundation

/// A signals file (kind `signals`, SPEC §15): CSV `timestamp,signal[,NAME…]`, one row per bar of
/// the strategy's data file, in order. `signal` is `long`, `short`, `exit`, `none` or empty; every
/// extra column is a named value (`prediction_confidence`, …), a number or empty (NaN).
///
/// Read once, before the run: stepping the result is an index (`PrecomputedStrategy`). Every
/// problem is a `DataError` (exit 65) naming the file, the line and the column.
public enum SignalsFile {
    /// The rows of a signals file, checked on their own (times strictly increasing).
    struct Rows {
        var times: [Int64] = []
        var lines: [Int] = []
        var signals: [Signal] = []
        var names: [String] = []
        var columns: [[Double]] = []
    }

    /// The signals of `path` joined one to one to `series` (the strategy's whole data file).
    ///
    /// - Throws: `DataError` for a malformed row, a row whose time is not a bar of the series
    ///   (off the bar grid), a bar without its row (a missing row) and a row after the last bar.
    public static func join(path: String, to series: BarSeries) throws(DataError) -> PrecomputedStrategy {
        let rows = try read(path: path)
        for (index, time) in rows.times.enumerated() {
            guard index < series.count else {
                throw DataError(
                    file: path, line: rows.lines[index], column: "timestamp",
                    reason: "extra row: \(Timestamp(seconds: time).iso8601) is after the last bar of \(series.symbol) "
                        + "(\(Timestamp(seconds: series.times[series.count - 1]).iso8601)); rows match bars one to one")
            }
            let bar = series.times[index]
            guard time != bar else { continue }
            let onGrid = series.times.firstIndex(of: time) != nil
            throw DataError(
                file: path, line: rows.lines[index], column: "timestamp",
                reason: onGrid
                    ? "missing row for the bar at \(Timestamp(seconds: bar).iso8601): this row is for "
                        + "\(Timestamp(seconds: time).iso8601); rows match bars one to one"
                    : "row off the bar grid: \(series.symbol) has no bar at \(Timestamp(seconds: time).iso8601) "
                        + "(expected \(Timestamp(seconds: bar).iso8601))")
        }
        if rows.times.count < series.count {
            let line = (rows.lines.last ?? 1) + 1
            throw DataError(
                file: path, line: line, column: "timestamp",
                reason: "missing rows: the file ends before the bar at "
                    + "\(Timestamp(seconds: series.times[rows.times.count]).iso8601) "
                    + "(\(series.count - rows.times.count) bars have no row)")
        }
        return PrecomputedStrategy(
            kind: "signals", times: rows.times, signals: rows.signals, valueNames: rows.names, columns: rows.columns)
    }

    /// The signals of `path` by their own times, without bars to join (a resumed live run, whose
    /// bars come from its journal): a bar the file has no row for gets `.none`.
    public static func standalone(path: String) throws(DataError) -> PrecomputedStrategy {
        let rows = try read(path: path)
        return PrecomputedStrategy(
            kind: "signals", times: rows.times, signals: rows.signals, valueNames: rows.names, columns: rows.columns)
    }

    static func read(path: String) throws(DataError) -> Rows {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, reason: "cannot read the signals file")
        }
        return try parse([UInt8](data), file: path)
    }

    /// Parses the text of a signals file named `file`.
    static func parse(_ text: String, file: String) throws(DataError) -> Rows {
        try parse(Array(text.utf8), file: file)
    }

    /// Parses the bytes of a signals file named `file`: one pass over the bytes, fields parsed in
    /// place (`TimestampParser`, `DecimalParser`), no `String` per field.
    static func parse(_ bytes: [UInt8], file: String) throws(DataError) -> Rows {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(DataError) -> Rows in try parse(buffer, file: file) }
        }.get()
    }

    private static func parse(_ buffer: UnsafeRawBufferPointer, file: String) throws(DataError) -> Rows {
        var rows = Rows()
        var names: [String]?
        var lineNumber = 0
        var fields: [Range<Int>] = []
        do {
            var lineStart = 0
            while lineStart < buffer.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < buffer.count && buffer[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                // Fields, trimmed of spaces, tabs and a trailing CR.
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                var blank = true
                for index in lineStart...lineEnd {
                    if index < lineEnd && buffer[index] != UInt8(ascii: ",") {
                        let byte = buffer[index]
                        if !isSpace(byte) { blank = false }
                        continue
                    }
                    var low = fieldStart
                    var high = index
                    while low < high && isSpace(buffer[low]) { low += 1 }
                    while high > low && isSpace(buffer[high - 1]) { high -= 1 }
                    fields.append(low..<high)
                    fieldStart = index + 1
                }
                if blank { continue }
                func text(_ range: Range<Int>) -> String {
                    String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
                }
                guard let header = names else {
                    let header = try readHeader(fields.map(text), file: file, line: lineNumber)
                    names = header
                    rows.names = Array(header.dropFirst(2))
                    rows.columns = rows.names.map { _ in [] }
                    continue
                }
                guard fields.count == header.count else {
                    throw DataError(
                        file: file, line: lineNumber,
                        reason: "expected \(header.count) fields as in the header, got \(fields.count)")
                }
                guard let time = TimestampParser.parse(UnsafeRawBufferPointer(rebasing: buffer[fields[0]])) else {
                    throw DataError(
                        file: file, line: lineNumber, column: header[0],
                        reason: "unparsable timestamp \"\(text(fields[0]))\"")
                }
                if let previous = rows.times.last, time.seconds <= previous {
                    throw DataError(
                        file: file, line: lineNumber, column: header[0],
                        reason: "timestamp \(time.iso8601) is not after the previous row's "
                            + "\(Timestamp(seconds: previous).iso8601)")
                }
                guard let signal = signal(UnsafeRawBufferPointer(rebasing: buffer[fields[1]])) else {
                    throw DataError(
                        file: file, line: lineNumber, column: header[1],
                        reason: "unknown signal \"\(text(fields[1]))\"; expected long, short, exit, none or empty")
                }
                for slot in rows.names.indices {
                    let field = fields[slot + 2]
                    if field.isEmpty {
                        rows.columns[slot].append(.nan)
                    } else if let value = DecimalParser.parse(UnsafeRawBufferPointer(rebasing: buffer[field])),
                        value.isFinite
                    {
                        rows.columns[slot].append(value)
                    } else {
                        throw DataError(
                            file: file, line: lineNumber, column: header[slot + 2],
                            reason: "not a finite number: \"\(text(field))\"")
                    }
                }
                rows.times.append(time.seconds)
                rows.lines.append(lineNumber)
                rows.signals.append(signal)
            }
        }
        if names == nil {
            throw DataError(file: file, reason: "empty signals file: expected a header timestamp,signal")
        }
        return rows
    }

    /// A space, a tab or a CR (trimmed around fields).
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// `long`, `short`, `exit`, `none` (any case) or empty; nil for anything else.
    private static func signal(_ field: UnsafeRawBufferPointer) -> Signal? {
        if field.isEmpty { return Signal.none }
        let word = field.map { $0 | 0x20 }  // ASCII lower case (letters only matter)
        switch word.count {
        case 4 where word.elementsEqual("long".utf8): return .enterLong
        case 4 where word.elementsEqual("exit".utf8): return .exit
        case 4 where word.elementsEqual("none".utf8): return Signal.none
        case 5 where word.elementsEqual("short".utf8): return .enterShort
        default: return nil
        }
    }

    private static func readHeader(_ fields: [String], file: String, line: Int) throws(DataError) -> [String] {
        guard fields.count >= 2, fields[0].lowercased() == "timestamp", fields[1].lowercased() == "signal" else {
            throw DataError(
                file: file, line: line,
                reason:
                    "the header must start with timestamp,signal (then named values), got \"\(fields.joined(separator: ","))\""
            )
        }
        var seen: Set<String> = []
        for name in fields.dropFirst(2) {
            guard !name.isEmpty else {
                throw DataError(file: file, line: line, reason: "a value column has no name")
            }
            guard seen.insert(name).inserted else {
                throw DataError(file: file, line: line, column: name, reason: "duplicate column")
            }
        }
        return fields
    }
}
