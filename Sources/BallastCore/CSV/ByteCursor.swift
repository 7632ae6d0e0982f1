/// A read position in a byte range, with the small scanning steps the timestamp grammar needs.
struct ByteCursor {
    let base: UnsafeRawPointer
    var index: Int
    let end: Int

    var isAtEnd: Bool { index >= end }

    @inline(__always)
    func byte(at position: Int) -> UInt8 { base.load(fromByteOffset: position, as: UInt8.self) }

    /// The byte at the cursor, advancing past it. Precondition: not at the end.
    @inline(__always)
    mutating func next() -> UInt8 {
        let value = byte(at: index)
        index += 1
        return value
    }

    /// Advances past `expected` if it is next; returns whether it did.
    @inline(__always)
    mutating func skip(_ expected: UInt8) -> Bool {
        guard index < end, byte(at: index) == expected else { return false }
        index += 1
        return true
    }

    /// Exactly `count` ASCII digits as a number, or nil (cursor then undefined).
    @inline(__always)
    mutating func digits(exactly count: Int) -> Int64? {
        guard end - index >= count else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            let digit = byte(at: index) &- 0x30
            guard digit <= 9 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return value
    }

    /// Between `minimum` and `maximum` ASCII digits (as many as there are, up to the maximum),
    /// with their value and count; nil if fewer than `minimum`. Values beyond 18 digits saturate.
    @inline(__always)
    mutating func digits(from minimum: Int, to maximum: Int) -> (value: Int64, count: Int)? {
        var value: Int64 = 0
        var count = 0
        while index < end, count < maximum {
            let digit = byte(at: index) &- 0x30
            guard digit <= 9 else { break }
            if count < 18 { value = value * 10 + Int64(digit) }
            count += 1
            index += 1
        }
        return count >= minimum ? (value, count) : nil
    }

    /// One or more ASCII digits: whether any of them is not zero; nil if there is no digit.
    @inline(__always)
    mutating func digitsNonZero() -> Bool? {
        let start = index
        var nonZero = false
        while index < end {
            let digit = byte(at: index) &- 0x30
            guard digit <= 9 else { break }
            nonZero = nonZero || digit != 0
            index += 1
        }
        return index > start ? nonZero : nil
    }
}
