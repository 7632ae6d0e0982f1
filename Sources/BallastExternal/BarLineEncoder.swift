import BallastCore

/// Writes `bar` lines of protocol v1 into a byte buffer without a `String` per field: the day's
/// `YYYY-MM-DDT` is kept between bars of the same day, and a number that is a decimal of at most
/// 9 places is written digit by digit. Every number is written so that it reads back as the same
/// double: the decimal `m / 10^k` is only used when dividing `m` by `10^k` gives exactly the value
/// (both exact doubles, one correctly rounded division, as a correctly rounded parser of the text
/// computes); otherwise Swift's shortest round-trip `description` is used.
struct BarLineEncoder {
    private var day: Int64 = .min
    private var dayPrefix: [UInt8] = []

    private static let powers: [Double] = (0...9).map { pow10($0) }

    private static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    mutating func append(_ bar: Bar, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"type":"bar","time":""#.utf8)
        appendTime(bar.time, to: &buffer)
        buffer.append(contentsOf: #"","open":"#.utf8)
        Self.appendNumber(bar.open, to: &buffer)
        buffer.append(contentsOf: #","high":"#.utf8)
        Self.appendNumber(bar.high, to: &buffer)
        buffer.append(contentsOf: #","low":"#.utf8)
        Self.appendNumber(bar.low, to: &buffer)
        buffer.append(contentsOf: #","close":"#.utf8)
        Self.appendNumber(bar.close, to: &buffer)
        buffer.append(contentsOf: #","volume":"#.utf8)
        Self.appendNumber(bar.volume, to: &buffer)
        buffer.append(contentsOf: "}\n".utf8)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, as `Timestamp.iso8601`.
    mutating func appendTime(_ time: Timestamp, to buffer: inout [UInt8]) {
        let seconds = time.seconds
        var utcDay = seconds / 86_400
        if seconds < 0 && seconds % 86_400 != 0 { utcDay -= 1 }
        if utcDay != day {
            day = utcDay
            let text = Timestamp(seconds: utcDay * 86_400).iso8601
            dayPrefix = Array(text.utf8.prefix(11))
        }
        buffer.append(contentsOf: dayPrefix)
        let second = seconds - utcDay * 86_400
        Self.appendTwoDigits(second / 3600, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        Self.appendTwoDigits((second % 3600) / 60, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        Self.appendTwoDigits(second % 60, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    private static func appendTwoDigits(_ value: Int64, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "0") + UInt8(value / 10))
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// The value as JSON text that reads back as the same double (see the type's comment); a whole
    /// number keeps a `.0`, so it stays a float literal.
    static func appendNumber(_ value: Double, to buffer: inout [UInt8]) {
        if value.isFinite && abs(value) < 1e15 {
            for places in 0...9 {
                let scale = powers[places]
                let scaled = (value * scale).rounded()
                guard abs(scaled) < 9_007_199_254_740_992, scaled / scale == value else { continue }
                appendDecimal(Int64(scaled), places: places, to: &buffer)
                return
            }
        }
        buffer.append(contentsOf: StrategyProtocol.number(value).utf8)
    }

    /// `mantissa / 10^places` in decimal: `-12.5`, `0.05`, `100.0`.
    private static func appendDecimal(_ mantissa: Int64, places: Int, to buffer: inout [UInt8]) {
        var magnitude = mantissa.magnitude
        if mantissa < 0 { buffer.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            // Least significant first.
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            while count <= places {
                digits[count] = UInt8(ascii: "0")
                count += 1
            }
            for index in stride(from: count - 1, through: places, by: -1) { buffer.append(digits[index]) }
            buffer.append(UInt8(ascii: "."))
            if places == 0 {
                buffer.append(UInt8(ascii: "0"))
            } else {
                for index in stride(from: places - 1, through: 0, by: -1) { buffer.append(digits[index]) }
            }
        }
    }
}
