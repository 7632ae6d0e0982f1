/// Formats bars as CSV text (`timestamp,open,high,low,close,volume`) into a byte buffer, without
/// `String(format:)` or floating-point printing.
///
/// Prices arrive as integer **ticks** of `10^-decimals` and are written with exactly `decimals`
/// digits after the point, so a price `Double(ticks) / 10^decimals` reads back bit for bit
/// through `DecimalParser`. Times are written as ISO-8601 `YYYY-MM-DDTHH:MM:SSZ`.
struct BarCSVTextWriter {
    /// The text written so far (since the last `removeAll`).
    private(set) var bytes: [UInt8] = []
    /// Digits after the decimal point, 0...15.
    let decimals: Int
    private let scale: Int64
    private var cachedDay = Int64.min
    private var cachedDate: [UInt8] = []

    /// A writer for prices with `decimals` digits after the point, reserving `capacity` bytes.
    init(decimals: Int, capacity: Int) {
        precondition((0...15).contains(decimals), "decimals must be within 0...15")
        self.decimals = decimals
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        self.scale = scale
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the text written so far, keeping the buffer's capacity.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends the header line.
    mutating func appendHeader() {
        bytes.append(contentsOf: "timestamp,open,high,low,close,volume\n".utf8)
    }

    /// Appends one row. Preconditions: tick counts and volume are ≥ 0.
    mutating func appendRow(time: Int64, open: Int64, high: Int64, low: Int64, close: Int64, volume: Int64) {
        appendTime(time)
        bytes.append(UInt8(ascii: ","))
        appendTicks(open)
        bytes.append(UInt8(ascii: ","))
        appendTicks(high)
        bytes.append(UInt8(ascii: ","))
        appendTicks(low)
        bytes.append(UInt8(ascii: ","))
        appendTicks(close)
        bytes.append(UInt8(ascii: ","))
        appendInteger(UInt64(volume))
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func appendTime(_ seconds: Int64) {
        let timestamp = Timestamp(seconds: seconds)
        let day = timestamp.utcDay
        if day != cachedDay {
            let (year, month, dayOfMonth) = CivilDate.fromDays(day)
            guard (0...9999).contains(year) else {
                bytes.append(contentsOf: timestamp.iso8601.utf8)
                return
            }
            cachedDay = day
            cachedDate.removeAll(keepingCapacity: true)
            appendPadded(year, width: 4, to: &cachedDate)
            cachedDate.append(UInt8(ascii: "-"))
            appendPadded(month, width: 2, to: &cachedDate)
            cachedDate.append(UInt8(ascii: "-"))
            appendPadded(dayOfMonth, width: 2, to: &cachedDate)
            cachedDate.append(UInt8(ascii: "T"))
        }
        bytes.append(contentsOf: cachedDate)
        let secondOfDay = seconds - day * Timestamp.secondsPerDay
        appendPadded(secondOfDay / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 3600 / 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(secondOfDay % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    private mutating func appendTicks(_ ticks: Int64) {
        appendInteger(UInt64(ticks / scale))
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        appendPadded(ticks % scale, width: decimals, to: &bytes)
    }

    private mutating func appendInteger(_ value: UInt64) {
        let first = bytes.count
        var rest = value
        repeat {
            bytes.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[first...].reverse()
    }

    /// Appends `value` (≥ 0, fewer than `width` + 1 digits) as exactly `width` digits.
    private func appendPadded(_ value: Int64, width: Int, to target: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            target.append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
