/// The hot loop of the bar loader: walks the data rows once, byte by byte, parsing each field in
/// place and validating each bar (SPEC §11) as it goes. Errors are built off the hot path.
struct BarCSVRowScanner {
    let base: UnsafeRawPointer
    let end: Int
    let header: BarCSVHeader
    let file: String

    init(base: UnsafeRawPointer, end: Int, header: BarCSVHeader, file: String) {
        self.base = base
        self.end = end
        self.header = header
        self.file = file
    }

    @inline(__always)
    private func byte(_ index: Int) -> UInt8 { base.load(fromByteOffset: index, as: UInt8.self) }

    /// Scans the rows from `start` (the first byte after the header's line feed) to the end into
    /// a series. Empty lines are skipped but counted, so line numbers stay physical.
    /// `firstLine` is the physical line number of the line at `start` (2 right after the header).
    /// `roomForBytes` asks for room for the rows of that many more bytes of the same file (estimated
    /// from this range's line density, plus 2%), so that they can be appended without a copy.
    func scan(
        from start: Int, firstLine: Int = 2, symbol: String, timeframe: Timeframe, roomForBytes: Int = 0
    ) throws(DataError) -> BarSeries {
        let lines = LineCounter.lineFeeds(base, from: start, to: end) + 1
        let ownBytes = max(1, end - start)
        let capacity = roomForBytes > 0 ? lines + (lines * roomForBytes / ownBytes) * 51 / 50 + 16 : lines
        var times: [Int64] = []
        var open: [Double] = []
        var high: [Double] = []
        var low: [Double] = []
        var close: [Double] = []
        var volume: [Double] = []
        times.reserveCapacity(capacity)
        open.reserveCapacity(capacity)
        high.reserveCapacity(capacity)
        low.reserveCapacity(capacity)
        close.reserveCapacity(capacity)
        volume.reserveCapacity(capacity)
        let roles = header.roles
        let fieldCount = roles.count
        var position = start
        var line = firstLine
        var previousTime = Int64.min
        var previousLine = 0
        while position < end {
            let lineStart = position
            let first = byte(position)
            if first == UInt8(ascii: "\n") || (first == UInt8(ascii: "\r") && isLineEnd(position + 1)) {
                position += first == UInt8(ascii: "\n") ? 1 : 2
                line += 1
                continue
            }
            var time: Int64 = 0
            var prices: (open: Double, high: Double, low: Double, close: Double) = (0, 0, 0, 0)
            var barVolume = 0.0
            var field = 0
            var atLineEnd = false
            repeat {
                guard field < fieldCount else { throw fieldCountError(lineStart: lineStart, line: line) }
                let role = roles[field]
                // `stop` is the index of the byte that ends the field: ',', '\n', the '\r' of a
                // CRLF, or `end`.
                var stop: Int
                switch role {
                case .ignored:
                    stop = fieldStop(from: position)
                case .time:
                    stop = fieldStop(from: position)
                    guard let seconds = parseTime(from: position, to: stop) else {
                        throw fieldError(field, line, position, stop, "cannot parse timestamp")
                    }
                    time = seconds
                case .open, .high, .low, .close, .volume:
                    var value: Double
                    if let (number, after) = DecimalParser.fastPrefix(base, from: position, limit: end),
                        isFieldStop(after)
                    {
                        value = number
                        stop = after
                    } else {
                        stop = fieldStop(from: position)
                        value = parseTrimmedNumber(from: position, to: stop) ?? .nan
                    }
                    switch role {
                    case .open: prices.open = value
                    case .high: prices.high = value
                    case .low: prices.low = value
                    case .close: prices.close = value
                    default:
                        guard value >= 0, value.isFinite else { throw volumeError(field, line, position, stop) }
                        barVolume = value
                    }
                    if role != .volume {
                        guard value > 0, value.isFinite else { throw priceError(field, line, position, stop) }
                    }
                }
                field += 1
                if stop >= end {
                    atLineEnd = true
                    position = end
                } else {
                    let delimiter = byte(stop)
                    atLineEnd = delimiter != UInt8(ascii: ",")
                    position = stop + (delimiter == UInt8(ascii: "\r") ? 2 : 1)
                }
            } while !atLineEnd
            guard field == fieldCount else { throw fieldCountError(lineStart: lineStart, line: line) }
            if prices.high < max(prices.open, prices.close) || prices.low > min(prices.open, prices.close) {
                throw rangeError(lineStart: lineStart, line: line)
            }
            if time <= previousTime {
                throw orderError(time: time, previous: previousTime, line: line, previousLine: previousLine)
            }
            previousTime = time
            previousLine = line
            times.append(time)
            open.append(prices.open)
            high.append(prices.high)
            low.append(prices.low)
            close.append(prices.close)
            volume.append(barVolume)
            line += 1
        }
        return BarSeries(
            symbol: symbol, timeframe: timeframe, times: times, open: open, high: high, low: low, close: close,
            volume: volume)
    }

    /// True when `index` is the end of the data or a line feed.
    @inline(__always)
    private func isLineEnd(_ index: Int) -> Bool { index >= end || byte(index) == UInt8(ascii: "\n") }

    /// True when the byte at `index` ends a field: the end, ',', '\n', or a '\r' before a line end.
    @inline(__always)
    private func isFieldStop(_ index: Int) -> Bool {
        guard index < end else { return true }
        let value = byte(index)
        return value == UInt8(ascii: ",") || value == UInt8(ascii: "\n")
            || (value == UInt8(ascii: "\r") && isLineEnd(index + 1))
    }

    /// The index ending the field that starts at `start` (see `isFieldStop`).
    @inline(__always)
    private func fieldStop(from start: Int) -> Int {
        var index = start
        while index < end {
            let value = byte(index)
            if value == UInt8(ascii: ",") { return index }
            if value == UInt8(ascii: "\n") {
                return index > start && byte(index - 1) == UInt8(ascii: "\r") ? index - 1 : index
            }
            index += 1
        }
        return index > start && byte(index - 1) == UInt8(ascii: "\r") ? index - 1 : index
    }

    /// A number whose fast parse failed: trimmed of blanks and quotes, then exactly `Double(String)`.
    @inline(never)
    private func parseTrimmedNumber(from start: Int, to stop: Int) -> Double? {
        let (from, to) = FieldTrim.trimmed(base, from: start, to: stop)
        return DecimalParser.parse(base, from: from, to: to)
    }

    @inline(__always)
    private func parseTime(from start: Int, to stop: Int) -> Int64? {
        if let value = TimestampParser.seconds(base, from: start, to: stop) { return value }
        return parseTrimmedTime(from: start, to: stop)
    }

    @inline(never)
    private func parseTrimmedTime(from start: Int, to stop: Int) -> Int64? {
        let (from, to) = FieldTrim.trimmed(base, from: start, to: stop)
        guard from != start || to != stop else { return nil }
        return TimestampParser.seconds(base, from: from, to: to)
    }
}
