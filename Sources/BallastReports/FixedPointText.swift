/// Fixed-point decimal text for a Double, without Foundation or the C library, so that the output
/// never depends on a locale or a platform's `printf`.
///
/// The value is rounded from its shortest round-trip decimal representation (the digits Swift's
/// `description` prints), half away from zero: 2.675 gives "2.68" and 1.005 gives "1.01" at two digits,
/// as a reader of the JSON summary would expect. A result that rounds to zero has no minus sign.
enum FixedPointText {
    /// `value` with exactly `digits` fractional digits (negative `digits` count as 0): "nan", "inf"
    /// and "-inf" for non-finite values.
    static func format(_ value: Double, digits: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let fractionDigits = max(digits, 0)
        var (decimal, pointPosition) = decimalDigits(of: value.magnitude)
        let keep = pointPosition + fractionDigits
        if decimal.count > keep {
            let roundsUp = decimal[keep] >= 5
            decimal.removeSubrange(keep...)
            if roundsUp { pointPosition += incrementWithCarry(&decimal) }
        } else {
            decimal.append(contentsOf: repeatElement(0, count: keep - decimal.count))
        }
        let integerDigits = decimal[..<pointPosition].drop { $0 == 0 }
        let fraction = decimal[pointPosition...]
        let isZero = decimal.allSatisfy { $0 == 0 }
        var text = value < 0 && !isZero ? "-" : ""
        text += integerDigits.isEmpty ? "0" : String(integerDigits.map { Character(String($0)) })
        if fractionDigits > 0 {
            text += "." + String(fraction.map { Character(String($0)) })
        }
        return text
    }

    /// The decimal digits of a finite, non-negative value and the number of them before the
    /// decimal point (at least 0; leading zeros are inserted so that it is never negative).
    private static func decimalDigits(of magnitude: Double) -> (digits: [UInt8], pointPosition: Int) {
        var text = Substring(magnitude.description)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: marker)...]) ?? 0
            text = text[..<marker]
        }
        let integerPart = text.prefix { $0 != "." }
        let fractionPart = text.dropFirst(integerPart.count).dropFirst()
        var digits = (integerPart + fractionPart).compactMap { $0.asciiValue.map { $0 &- 48 } }
        var pointPosition = integerPart.count + exponent
        if pointPosition < 0 {
            digits.insert(contentsOf: repeatElement(0, count: -pointPosition), at: 0)
            pointPosition = 0
        }
        if digits.count < pointPosition {
            digits.append(contentsOf: repeatElement(0, count: pointPosition - digits.count))
        }
        return (digits, pointPosition)
    }

    /// Adds one unit in the last place; returns 1 when a new leading digit was needed, else 0.
    private static func incrementWithCarry(_ digits: inout [UInt8]) -> Int {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] == 9 {
                digits[index] = 0
                index -= 1
            } else {
                digits[index] += 1
                return 0
            }
        }
        digits.insert(1, at: 0)
        return 1
    }
}
