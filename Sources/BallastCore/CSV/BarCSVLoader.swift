import Dispatch

/// Loads and validates one symbol's bars from a CSV file (SPEC §11).
///
/// **Accepted layout.** A header line, then one bar per line. Fields are separated by commas;
/// lines end in LF or CRLF, the last one optionally unterminated; a UTF-8 byte-order mark is
/// skipped; empty lines are skipped (they still count for line numbers). Columns are found by
/// name, in any order (see the header rules below), so all of these load:
/// `timestamp,open,high,low,close,volume`, Yahoo's `Date,Open,High,Low,Close,Adj Close,Volume`
/// (`Adj Close` ignored) and pandas' `,Open,High,Low,Close,Volume` (unnamed first date column).
///
/// **Header rules.** Names match case-insensitively after trimming blanks and quotes. The time
/// column is named `timestamp`, `datetime`, `date` or `time` (only one of these), or is an unnamed
/// first column. `open`, `high`, `low`, `close` are required. `volume` is **optional**: without
/// it every bar's volume is 0 (the `Bar` default), since many price-only sources have none. Other
/// columns are ignored. Every row must have exactly as many fields as the header.
///
/// **Values.** Times are read by `TimestampParser` (ISO-8601 with or without a zone, plain dates,
/// `M/D/YYYY`, Unix seconds or milliseconds) and are bar **open** times in UTC. Numbers are read
/// by `DecimalParser`, which returns exactly what `Double(String)` would.
///
/// **Rejections** (a `DataError` naming the file, the 1-based line with the header as line 1, and
/// the column's header name): an unparsable field; a price that is not finite or not > 0;
/// `high < max(open, close)`; `low > min(open, close)`; a negative or non-finite volume; a time
/// equal to or before the previous bar's; a row with the wrong number of fields; a header without
/// a required column or with two columns of the same meaning; an empty file or one with no bars.
/// The first problem in file order is reported.
///
/// **Result.** A `BarSeries` whose times strictly increase and whose every bar satisfies
/// `0 < low ≤ min(open, close) ≤ max(open, close) ≤ high`, all finite, `volume ≥ 0`.
public struct BarCSVLoader: Sendable {
    /// The symbol the loaded series is labelled with (files carry no symbol column).
    public var symbol: String
    /// The timeframe the loaded series is labelled with; bar spacing is not checked against it,
    /// because sessions, weekends and holidays leave legitimate gaps.
    public var timeframe: Timeframe

    /// A loader that labels what it loads with `symbol` and `timeframe`.
    public init(symbol: String, timeframe: Timeframe) {
        self.symbol = symbol
        self.timeframe = timeframe
    }

    /// Reads and parses the file at `path`. Errors name the file as `path` was given; a missing or
    /// unreadable file is a `DataError` without a line.
    ///
    /// The header is checked on a bounded prefix of the file (``headerPrefixBytes``) before the
    /// rest is read: a file whose first line is not a short header is rejected without reading
    /// (or mapping in) more than that prefix, and its error quotes at most a short escaped excerpt.
    public func load(path: String) throws(DataError) -> BarSeries {
        try FileBytes.withContents(
            ofFile: path, checkingFirst: Self.headerPrefixBytes,
            { prefix throws(DataError) in _ = try Self.headerLineEnd(prefix, fileName: path) }
        ) { bytes throws(DataError) in
            try parse(bytes: bytes, fileName: path)
        }
    }

    /// The longest header line accepted, in bytes (without its line end). Real headers are a few
    /// dozen bytes; this leaves room for hundreds of ignored columns.
    public static let maxHeaderBytes = 65_536

    /// How much of a file decides whether its header is acceptable: a byte-order mark, the longest
    /// header and its line feed.
    static let headerPrefixBytes = 3 + maxHeaderBytes + 1

    /// The offset just past a UTF-8 byte-order mark at the start of `bytes`, else 0.
    static func contentStart(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The end of the header line (the offset of its line feed, or of the end of a file that is
    /// one line), looking at no more than ``headerPrefixBytes`` of `bytes`. A first line longer
    /// than ``maxHeaderBytes`` is a `DataError` that quotes only its escaped start.
    static func headerLineEnd(_ bytes: UnsafeRawBufferPointer, fileName: String) throws(DataError) -> Int {
        let start = contentStart(bytes)
        let window = min(bytes.count, start + maxHeaderBytes + 1)
        if let lineFeed = bytes[start..<window].firstIndex(of: UInt8(ascii: "\n")) { return lineFeed }
        guard window < bytes.count else { return bytes.count }
        let excerpt = PrintableText.excerpt(utf8: UnsafeRawBufferPointer(rebasing: bytes[start..<window]))
        throw DataError(
            file: fileName, line: 1,
            reason: "the first line is not a CSV header: no line end within its first \(maxHeaderBytes) bytes "
                + "(it starts \"\(excerpt)\"); expected a header such as timestamp,open,high,low,close,volume")
    }

    /// Parses CSV text held in memory, without copying it. `fileName` only labels errors.
    public func parse(bytes: UnsafeRawBufferPointer, fileName: String) throws(DataError) -> BarSeries {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw DataError(file: fileName, reason: "file is empty")
        }
        let end = bytes.count
        let start = Self.contentStart(bytes)
        let headerEnd = try Self.headerLineEnd(bytes, fileName: fileName)
        guard headerEnd > start, !(headerEnd == start + 1 && bytes[start] == UInt8(ascii: "\r")) else {
            throw DataError(file: fileName, reason: "file is empty or its first line (the header) is blank")
        }
        if let carriageReturn = bytes[start..<headerEnd].firstIndex(of: UInt8(ascii: "\r")),
            carriageReturn != headerEnd - 1
        {
            throw DataError(
                file: fileName, line: 1,
                reason: "carriage return inside the first line: lines must end in LF or CRLF, not CR alone")
        }
        let header = try BarCSVHeader(base, from: start, to: headerEnd, file: fileName)
        let series = try scanRows(base: base, from: headerEnd + 1, end: end, header: header, fileName: fileName)
        guard !series.isEmpty else {
            throw DataError(file: fileName, reason: "no bars: the file has a header but no data rows")
        }
        return series
    }

    /// Parses CSV text held in a string (tests, small inputs). `fileName` only labels errors.
    public func parse(text: String, fileName: String) throws(DataError) -> BarSeries {
        var copy = text
        let result = copy.withUTF8 { buffer in
            Result { () throws(DataError) in try parse(bytes: UnsafeRawBufferPointer(buffer), fileName: fileName) }
        }
        return try result.get()
    }

    /// Files at least this large are scanned in two halves on two threads.
    static let parallelThreshold = 4 << 20

    /// Scans the data rows, splitting a large file at a line feed near its middle and scanning the
    /// halves concurrently. The result and every error are exactly those of one sequential scan:
    /// the first half's error wins (it is earlier in the file), and if the halves are out of order
    /// at the seam the file
    /// is scanned again sequentially to report the exact line (so does an error in the second half,
    /// whose line numbers are only known once the first half has been counted).
    private func scanRows(
        base: UnsafeRawPointer, from start: Int, end: Int, header: BarCSVHeader, fileName: String
    ) throws(DataError) -> BarSeries {
        let sequential = BarCSVRowScanner(base: base, end: end, header: header, file: fileName)
        guard end - start >= Self.parallelThreshold else {
            return try sequential.scan(from: start, symbol: symbol, timeframe: timeframe)
        }
        var middle = start + (end - start) / 2
        while middle < end && base.load(fromByteOffset: middle - 1, as: UInt8.self) != UInt8(ascii: "\n") {
            middle += 1
        }
        guard middle < end else { return try sequential.scan(from: start, symbol: symbol, timeframe: timeframe) }
        // The second half's line numbers only matter for an error; the first half is scanned with
        // its true numbers, the second with provisional ones and rescanned sequentially on error.
        // The first half reserves room for the second's rows, which are then appended in place.
        let work = HalfScans(
            halves: [
                (BarCSVRowScanner(base: base, end: middle, header: header, file: fileName), start, 2, end - middle),
                (BarCSVRowScanner(base: base, end: end, header: header, file: fileName), middle, 2, 0),
            ], symbol: symbol, timeframe: timeframe)
        DispatchQueue.concurrentPerform(iterations: 2) { half in work.run(half) }
        guard let first = work.take(0), let second = work.take(1) else {
            return try sequential.scan(from: start, symbol: symbol, timeframe: timeframe)
        }
        var head = try (consume first).get()
        guard case .success(let tail) = consume second else {
            return try sequential.scan(from: start, symbol: symbol, timeframe: timeframe)
        }
        if let last = head.times.last, let next = tail.times.first, next <= last {
            return try sequential.scan(from: start, symbol: symbol, timeframe: timeframe)
        }
        head.append(contentsOf: tail)
        return head
    }
}

/// The two halves of a parallel scan and their results.
///
/// `@unchecked Sendable` because the compiler cannot see the discipline that makes it safe: the
/// scanners only read the file's bytes (alive for the whole call), each iteration writes only its
/// own result slot, and `concurrentPerform` returns only after both iterations have finished, so
/// the results are read after every write.
private final class HalfScans: @unchecked Sendable {
    let halves: [(scanner: BarCSVRowScanner, start: Int, firstLine: Int, roomForBytes: Int)]
    let symbol: String
    let timeframe: Timeframe
    /// One slot per half, written by that half only.
    private let slots: UnsafeMutablePointer<Result<BarSeries, DataError>?>

    init(halves: [(BarCSVRowScanner, Int, Int, Int)], symbol: String, timeframe: Timeframe) {
        self.halves = halves.map { (scanner: $0.0, start: $0.1, firstLine: $0.2, roomForBytes: $0.3) }
        self.symbol = symbol
        self.timeframe = timeframe
        slots = .allocate(capacity: halves.count)
        slots.initialize(repeating: nil, count: halves.count)
    }

    deinit {
        slots.deinitialize(count: halves.count)
        slots.deallocate()
    }

    /// Moves a half's result out (its slot becomes nil), after `concurrentPerform` has returned:
    /// the caller then holds the only reference to its columns and can append to them in place.
    func take(_ half: Int) -> Result<BarSeries, DataError>? {
        let result = slots[half].take()
        return result
    }

    func run(_ half: Int) {
        let (scanner, start, firstLine, room) = halves[half]
        slots[half] = Result { () throws(DataError) in
            try scanner.scan(
                from: start, firstLine: firstLine, symbol: symbol, timeframe: timeframe, roomForBytes: room)
        }
    }
}
