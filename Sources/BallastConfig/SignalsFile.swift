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
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(file: path, reason: "the signals file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses the text of a signals file named `file`.
    static func parse(_ text: String, file: String) throws(DataError) -> Rows {
        var rows = Rows()
        var header: [String]?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard let names = header else {
                header = try readHeader(fields, file: file, line: lineNumber)
                rows.names = Array(header!.dropFirst(2))
                rows.columns = rows.names.map { _ in [] }
                continue
            }
            guard fields.count == names.count else {
                throw DataError(
                    file: file, line: lineNumber,
                    reason: "expected \(names.count) fields as in the header, got \(fields.count)")
            }
            guard let time = TimestampParser.parse(fields[0]) else {
                throw DataError(
                    file: file, line: lineNumber, column: names[0], reason: "unparsable timestamp \"\(fields[0])\"")
            }
            if let previous = rows.times.last, time.seconds <= previous {
                throw DataError(
                    file: file, line: lineNumber, column: names[0],
                    reason: "timestamp \(time.iso8601) is not after the previous row's "
                        + "\(Timestamp(seconds: previous).iso8601)")
            }
            let signal: Signal
            switch fields[1].lowercased() {
            case "long": signal = .enterLong
            case "short": signal = .enterShort
            case "exit": signal = .exit
            case "", "none": signal = .none
            default:
                throw DataError(
                    file: file, line: lineNumber, column: names[1],
                    reason: "unknown signal \"\(fields[1])\"; expected long, short, exit, none or empty")
            }
            for slot in rows.names.indices {
                let field = fields[slot + 2]
                if field.isEmpty {
                    rows.columns[slot].append(.nan)
                } else if let value = DecimalParser.parse(field), value.isFinite {
                    rows.columns[slot].append(value)
                } else {
                    throw DataError(
                        file: file, line: lineNumber, column: names[slot + 2],
                        reason: "not a finite number: \"\(field)\"")
                }
            }
            rows.times.append(time.seconds)
            rows.lines.append(lineNumber)
            rows.signals.append(signal)
        }
        if header == nil {
            throw DataError(file: file, reason: "empty signals file: expected a header timestamp,signal")
        }
        return rows
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
