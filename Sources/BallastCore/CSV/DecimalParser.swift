/// Parses decimal numbers from ASCII bytes without going through `String`.
///
/// Contract: for every input, the result is exactly `Double(text)` for the same text: the same
/// value bit for bit (including the sign of zero), NaN where that gives NaN, and nil where that
/// gives nil. Price-like text (`123.456`, `-0.5`, `100`, `1255.000000`, `1e-3`) takes a fast
/// path: when the digits form an integer mantissa of at most 2^53 and the decimal exponent is
/// within ±22, both the mantissa and the power of ten are exact doubles, so a single IEEE
/// multiplication or division is correctly rounded, as `Double(text)` is (Clinger's fast path).
/// Everything else (longer mantissas, larger exponents, `inf`, `nan`, hexadecimal, invalid text)
/// falls back to `Double(String)`.
public enum DecimalParser {
    /// Parses the whole of `text`; equals `Double(text)`.
    public static func parse(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses all of `bytes` (UTF-8 text); equals `Double(String(decoding: bytes, as: UTF8.self))`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress else { return nil }
        return parse(base, from: 0, to: bytes.count)
    }

    /// Parses the bytes `start..<end` of `base`; the loader's entry point.
    @inline(__always)
    static func parse(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Double? {
        if let value = fastPath(base, from: start, to: end) { return value }
        return slowPath(base, from: start, to: end)
    }

    /// The fast path over exactly `start..<end`; nil when it does not apply to all of it.
    @inline(__always)
    static func fastPath(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Double? {
        guard let (value, stop) = fastPrefix(base, from: start, limit: end), stop == end else { return nil }
        return value
    }

    /// Reads the longest prefix of `start..<limit` matching `[+-]digits[.digits][(e|E)[+-]digits]`
    /// and returns its value with the index just past it, when Clinger's fast path applies; nil when
    /// no number starts there or it needs more care. The caller checks what follows (a delimiter),
    /// so a field is parsed in the same pass that finds its end.
    @inline(__always)
    static func fastPrefix(_ base: UnsafeRawPointer, from start: Int, limit end: Int) -> (Double, Int)? {
        var index = start
        guard index < end else { return nil }
        var negative = false
        let first = base.load(fromByteOffset: index, as: UInt8.self)
        if first == UInt8(ascii: "-") {
            negative = true
            index += 1
        } else if first == UInt8(ascii: "+") {
            index += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var sawDigit = false
        var exponent = 0
        while index < end {
            let digit = base.load(fromByteOffset: index, as: UInt8.self) &- 0x30
            if digit > 9 { break }
            sawDigit = true
            if mantissa != 0 || digit != 0 { significant += 1 }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        if index < end && base.load(fromByteOffset: index, as: UInt8.self) == UInt8(ascii: ".") {
            index += 1
            while index < end {
                let digit = base.load(fromByteOffset: index, as: UInt8.self) &- 0x30
                if digit > 9 { break }
                sawDigit = true
                if mantissa != 0 || digit != 0 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                exponent -= 1
                index += 1
            }
        }
        // More than 19 significant digits may have wrapped the mantissa: leave it to the slow path.
        guard sawDigit, significant <= 19 else { return nil }
        if index < end && base.load(fromByteOffset: index, as: UInt8.self) | 0x20 == UInt8(ascii: "e") {
            guard let (written, stop) = exponentPrefix(base, from: index + 1, limit: end) else { return nil }
            exponent += written
            index = stop
        }
        guard mantissa <= 1 << 53 else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 && exponent != 0 {
            guard exponent >= -22 && exponent <= 22 else { return nil }
            if exponent < 0 {
                value /= powerOfTen(-exponent)
            } else {
                value *= powerOfTen(exponent)
            }
        }
        return (negative ? -value : value, index)
    }

    /// The signed decimal exponent `[+-]digits` starting at `start`, clamped to a magnitude the
    /// fast path rejects anyway, with the index past it; nil when there is no digit.
    @inline(__always)
    private static func exponentPrefix(_ base: UnsafeRawPointer, from start: Int, limit end: Int) -> (Int, Int)? {
        var index = start
        guard index < end else { return nil }
        var negative = false
        let sign = base.load(fromByteOffset: index, as: UInt8.self)
        if sign == UInt8(ascii: "-") {
            negative = true
            index += 1
        } else if sign == UInt8(ascii: "+") {
            index += 1
        }
        let digitsStart = index
        var value = 0
        while index < end {
            let digit = base.load(fromByteOffset: index, as: UInt8.self) &- 0x30
            if digit > 9 { break }
            if value < 100_000 { value = value * 10 + Int(digit) }
            index += 1
        }
        guard index > digitsStart else { return nil }
        return (negative ? -value : value, index)
    }

    /// 10^exponent for 0...22, all exactly representable doubles.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// `Double(String)` on the bytes: the reference behaviour, used outside the fast path.
    @inline(never)
    private static func slowPath(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Double? {
        let bytes = UnsafeRawBufferPointer(start: base + start, count: end - start)
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
