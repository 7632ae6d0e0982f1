/// The scanner's error messages, built only once a row is known to be bad.
extension BarCSVRowScanner {
    /// The text of the field at `start..<stop`, shortened for a message (at most 40 characters,
    /// control characters escaped; only a bounded prefix of the field is decoded).
    @inline(never)
    func text(_ start: Int, _ stop: Int) -> String {
        PrintableText.excerpt(utf8: UnsafeRawBufferPointer(start: base + start, count: stop - start), limit: 40)
    }

    /// The text of field `column` of the line starting at `lineStart`.
    @inline(never)
    func fieldText(lineStart: Int, column: Int) -> String {
        var field = 0
        var start = lineStart
        var index = lineStart
        while index < end {
            let value = base.load(fromByteOffset: index, as: UInt8.self)
            if value == UInt8(ascii: ",") || value == UInt8(ascii: "\n") {
                if field == column { break }
                if value == UInt8(ascii: "\n") { return "" }
                field += 1
                start = index + 1
            }
            index += 1
        }
        var stop = index
        if stop > start && base.load(fromByteOffset: stop - 1, as: UInt8.self) == UInt8(ascii: "\r") { stop -= 1 }
        return text(start, stop)
    }

    @inline(never)
    func fieldError(_ field: Int, _ line: Int, _ start: Int, _ stop: Int, _ what: String) -> DataError {
        DataError(file: file, line: line, column: header.names[field], reason: "\(what) '\(text(start, stop))'")
    }

    @inline(never)
    func priceError(_ field: Int, _ line: Int, _ start: Int, _ stop: Int) -> DataError {
        let name = header.names[field]
        guard let value = DecimalParser.parse(base, from: start, to: stop) ?? trimmedNumber(start, stop) else {
            return fieldError(field, line, start, stop, "cannot parse number")
        }
        let role = "\(header.roles[field])"
        let reason =
            value.isFinite
            ? "\(role) \(text(start, stop)) is not positive (prices must be greater than 0)"
            : "\(role) '\(text(start, stop))' is not a finite number"
        return DataError(file: file, line: line, column: name, reason: reason)
    }

    @inline(never)
    func volumeError(_ field: Int, _ line: Int, _ start: Int, _ stop: Int) -> DataError {
        guard let value = DecimalParser.parse(base, from: start, to: stop) ?? trimmedNumber(start, stop) else {
            return fieldError(field, line, start, stop, "cannot parse number")
        }
        let reason =
            value.isFinite
            ? "volume \(text(start, stop)) is negative"
            : "volume '\(text(start, stop))' is not a finite number"
        return DataError(file: file, line: line, column: header.names[field], reason: reason)
    }

    private func trimmedNumber(_ start: Int, _ stop: Int) -> Double? {
        let (from, to) = FieldTrim.trimmed(base, from: start, to: stop)
        return DecimalParser.parse(base, from: from, to: to)
    }

    @inline(never)
    func fieldCountError(lineStart: Int, line: Int) -> DataError {
        var found = 1
        var index = lineStart
        while index < end {
            let value = base.load(fromByteOffset: index, as: UInt8.self)
            if value == UInt8(ascii: "\n") { break }
            if value == UInt8(ascii: ",") { found += 1 }
            index += 1
        }
        return DataError(
            file: file, line: line,
            reason: "row has \(found) fields but the header has \(header.fieldCount)")
    }

    /// High below the body or low above it; the high is checked first.
    @inline(never)
    func rangeError(lineStart: Int, line: Int) -> DataError {
        func value(_ column: Int) -> (Double, String) {
            let text = fieldText(lineStart: lineStart, column: column)
            return (DecimalParser.parse(text) ?? DecimalParser.parse(text.trimmingBlanks()) ?? .nan, text)
        }
        let open = value(header.openColumn)
        let close = value(header.closeColumn)
        let high = value(header.highColumn)
        let low = value(header.lowColumn)
        if high.0 < max(open.0, close.0) {
            let top = open.0 >= close.0 ? open.1 : close.1
            return DataError(
                file: file, line: line, column: header.names[header.highColumn],
                reason: "high \(high.1) is below max(open, close) \(top)")
        }
        let bottom = open.0 <= close.0 ? open.1 : close.1
        return DataError(
            file: file, line: line, column: header.names[header.lowColumn],
            reason: "low \(low.1) is above min(open, close) \(bottom)")
    }

    @inline(never)
    func orderError(time: Int64, previous: Int64, line: Int, previousLine: Int) -> DataError {
        let name = header.names[header.timeColumn]
        let current = Timestamp(seconds: time).iso8601
        if time == previous {
            return DataError(
                file: file, line: line, column: name,
                reason: "duplicate timestamp \(current) (same as line \(previousLine))")
        }
        return DataError(
            file: file, line: line, column: name,
            reason:
                "timestamp \(current) is before \(Timestamp(seconds: previous).iso8601) on line \(previousLine);"
                + " times must increase")
    }
}

extension String {
    /// This text without leading and trailing spaces, tabs, carriage returns and one pair of quotes.
    fileprivate func trimmingBlanks() -> String {
        var copy = self
        return copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let (from, to) = FieldTrim.trimmed(UnsafeRawPointer(base), from: 0, to: buffer.count)
            return String(decoding: UnsafeRawBufferPointer(start: base + from, count: to - from), as: UTF8.self)
        }
    }
}
