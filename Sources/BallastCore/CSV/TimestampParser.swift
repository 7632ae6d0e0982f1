/// Parses the timestamp spellings found in bar files into UTC seconds, without Foundation.
///
/// Accepted (the whole text must match; results are whole seconds, UTC):
/// - ISO-8601 style `YYYY-MM-DD`, optionally followed by `T`, `t` or a space and `HH:MM` or
///   `HH:MM:SS`, optional fractional seconds after `.` or `,` (truncated), and an optional zone:
///   `Z`/`z`, or an offset `±HH`, `±HHMM`, `±HH:MM` that is applied (the result is UTC). No zone
///   means UTC.
/// - Slashed dates: `M/D/YYYY` (month first, US style, as in the S&P 500 file) or `YYYY/M/D`,
///   each optionally followed by a time and zone as above. Hours may have one digit after a date.
/// - Unix time: an optionally signed integer, optionally with a fractional part (floored to the
///   second). A magnitude of at least `millisecondThreshold` (1e11) means **milliseconds**,
///   anything smaller means seconds. 1e11 s is the year 5138 and 1e11 ms is 1973-03-03, so every
///   realistic date reads right; milliseconds before 1973-03-03 would be misread as seconds.
///
/// Dates are validated (month 1...12, the day within the month, hour ≤ 23, minute ≤ 59,
/// second ≤ 60 as `Timestamp` allows); anything else gives nil.
public enum TimestampParser {
    /// An integer time of this magnitude or more is milliseconds; smaller is seconds.
    public static let millisecondThreshold: Int64 = 100_000_000_000

    /// Parses the whole of `text`.
    public static func parse(_ text: String) -> Timestamp? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses all of `bytes` (ASCII text).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard let base = bytes.baseAddress else { return nil }
        return seconds(base, from: 0, to: bytes.count).map(Timestamp.init(seconds:))
    }

    /// Seconds since the epoch of the text in `start..<end`, or nil; the loader's entry point.
    @inline(__always)
    static func seconds(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Int64? {
        let text = ByteCursor(base: base, index: start, end: end)
        guard end - start >= 8 else { return unixSeconds(text) }
        if text.byte(at: start + 4) == UInt8(ascii: "-") { return isoSeconds(text) }
        var index = start
        while index < end {
            if text.byte(at: index) == UInt8(ascii: "/") { return slashedSeconds(text) }
            index += 1
        }
        return unixSeconds(text)
    }

    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.fff]]][zone]`.
    private static func isoSeconds(_ start: ByteCursor) -> Int64? {
        var text = start
        guard let year = text.digits(exactly: 4), text.skip(UInt8(ascii: "-")),
            let month = text.digits(exactly: 2), text.skip(UInt8(ascii: "-")),
            let day = text.digits(exactly: 2)
        else { return nil }
        return civilSeconds(year: year, month: month, day: day, rest: &text)
    }

    /// `M/D/YYYY` or `YYYY/M/D`, then an optional time as in ISO.
    private static func slashedSeconds(_ start: ByteCursor) -> Int64? {
        var text = start
        guard let first = text.digits(from: 1, to: 4), text.skip(UInt8(ascii: "/")),
            let second = text.digits(from: 1, to: 2), text.skip(UInt8(ascii: "/"))
        else { return nil }
        if first.count == 4 {
            guard let day = text.digits(from: 1, to: 2) else { return nil }
            return civilSeconds(year: first.value, month: second.value, day: day.value, rest: &text)
        }
        guard first.count <= 2, let year = text.digits(exactly: 4) else { return nil }
        return civilSeconds(year: year, month: first.value, day: second.value, rest: &text)
    }

    /// Validates a date, reads the optional time and zone that follow it, and returns UTC seconds.
    private static func civilSeconds(year: Int64, month: Int64, day: Int64, rest text: inout ByteCursor) -> Int64? {
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var offset: Int64 = 0
        if !text.isAtEnd {
            let separator = text.next()
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
                let hours = text.digits(from: 1, to: 2), text.skip(UInt8(ascii: ":")),
                let minutes = text.digits(exactly: 2)
            else { return nil }
            hour = hours.value
            minute = minutes
            if text.skip(UInt8(ascii: ":")) {
                guard let seconds = text.digits(exactly: 2) else { return nil }
                second = seconds
                if text.skip(UInt8(ascii: ".")) || text.skip(UInt8(ascii: ",")) {
                    guard text.digits(from: 1, to: Int.max) != nil else { return nil }
                }
            }
            guard let zone = zoneOffset(&text) else { return nil }
            offset = zone
        }
        guard text.isAtEnd,
            let local = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return local.seconds - offset
    }

    /// The zone designator at the cursor in seconds east of UTC: 0 for none or `Z`; nil if invalid.
    private static func zoneOffset(_ text: inout ByteCursor) -> Int64? {
        if text.isAtEnd { return 0 }
        let marker = text.next()
        if marker == UInt8(ascii: "Z") || marker == UInt8(ascii: "z") { return 0 }
        guard marker == UInt8(ascii: "+") || marker == UInt8(ascii: "-"), let hours = text.digits(exactly: 2),
            hours <= 23
        else { return nil }
        var minutes: Int64 = 0
        if !text.isAtEnd {
            _ = text.skip(UInt8(ascii: ":"))
            guard let written = text.digits(exactly: 2), written <= 59 else { return nil }
            minutes = written
        }
        let seconds = hours * 3600 + minutes * 60
        return marker == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// `[-+]digits[.digits]`: seconds, or milliseconds from `millisecondThreshold` on; floored.
    private static func unixSeconds(_ start: ByteCursor) -> Int64? {
        var text = start
        guard !text.isAtEnd else { return nil }
        var negative = false
        if text.skip(UInt8(ascii: "-")) {
            negative = true
        } else {
            _ = text.skip(UInt8(ascii: "+"))
        }
        guard let whole = text.digits(from: 1, to: 18) else { return nil }
        var hasFraction = false
        if text.skip(UInt8(ascii: ".")) {
            guard let fraction = text.digitsNonZero() else { return nil }
            hasFraction = fraction
        }
        guard text.isAtEnd else { return nil }
        var magnitude = whole.value
        var truncated = hasFraction
        if magnitude >= millisecondThreshold {
            truncated = truncated || magnitude % 1000 != 0
            magnitude /= 1000
        }
        if negative { return truncated ? -magnitude - 1 : -magnitude }
        return magnitude
    }
}
