import BallastCore
import PropertyBased
import Testing

/// True when two parse results are the same: both nil, both NaN, or the same bits (so 0 and -0
/// differ).
private func same(_ lhs: Double?, _ rhs: Double?) -> Bool {
    switch (lhs, rhs) {
    case (nil, nil): true
    case let (left?, right?): left.bitPattern == right.bitPattern || (left.isNaN && right.isNaN)
    default: false
    }
}

@Suite("DecimalParser equals Double(String)")
struct DecimalParserTests {
    @Test(
        "edge cases",
        arguments: [
            "123.456", "1e-3", "-0.5", "100", "1255.000000", "0", "-0", "0.0", "-0.0", "+1", ".5", "5.", "1.e1",
            "-.5", "0.1", "0.2", "0.3", "0.30000000000000004", "1.07219", "1228.099976", "2012.25343589",
            "9007199254740992", "9007199254740993", "9007199254740993.0", "123456789012345.6", "1234567890123456789",
            "12345678901234567890", "99999999999999999999.5", "00000000000000000000000001.5",
            "1.000000000000000000000000001", "3.14159265358979323846", "1e22", "1e23", "1e-22", "1e-23", "4.5e15",
            "1E5", "1e+05", "1e-05", "-1.5E-10", "7.0e-10", "0e999999999999", "-0e-999", "1e308", "1.8e308",
            "1.7976931348623157e308", "4.9e-324", "2e-324", "2.2250738585072014e-308", "1e-400", "1e400", "inf",
            "-inf", "Infinity", "nan", "NaN", "-nan", "0x1p3", "0x10", "", "-", "+", ".", "e5", "1e", "1e+", "1e-",
            "1_0", " 1", "1 ", "1,5", "1.5.5", "--1", "+-1", "1e5.5", "١", "1\u{0}", "\"1\"", "0.000001",
            "1000000.000001",
        ])
    func edgeCases(_ text: String) {
        #expect(same(DecimalParser.parse(text), Double(text)), "\(text)")
    }

    @Test("random strings over the number alphabet")
    func randomText() async {
        let alphabet = Array("0123456789.-+eE")
        let text = Gen<Character?>.element(of: alphabet).map { $0! }.string(of: 0...24)
        await propertyCheck(count: 5000, input: text) { text in
            #expect(same(DecimalParser.parse(text), Double(text)), "\(text)")
        }
    }

    @Test("price-like decimals with up to 19 digits and 0...12 decimals")
    func priceLike() async {
        let digits = Gen.uint64(in: 0...9_999_999_999_999_999_999)
        let places = Gen.int(in: 0...12)
        let padding = Gen.int(in: 0...3)
        await propertyCheck(count: 5000, input: digits, places, padding, Gen.bool) { value, places, padding, negative in
            var text = String(value)
            if places > 0 {
                text = String(repeating: "0", count: max(0, places + 1 - text.count)) + text
                text.insert(".", at: text.index(text.endIndex, offsetBy: -places))
                text += String(repeating: "0", count: padding)
            }
            if negative { text = "-" + text }
            #expect(same(DecimalParser.parse(text), Double(text)), "\(text)")
        }
    }

    @Test("the shortest text of any finite double")
    func anyDouble() async {
        await propertyCheck(count: 5000, input: Gen.uint64()) { bits in
            let value = Double(bitPattern: bits)
            guard value.isFinite else { return }
            let text = value.description
            #expect(same(DecimalParser.parse(text), Double(text)), "\(text)")
            #expect(same(DecimalParser.parse(text), value), "\(text)")
        }
    }

    @Test("doubles in a price range, printed with exponents and without")
    func priceRangeDoubles() async {
        await propertyCheck(count: 3000, input: Gen.double(in: -1e6...1e6), Gen.int(in: -30...30)) { value, shift in
            for text in [value.description, "\(value)e\(shift)", String(Int64(value)) + ".5"] {
                #expect(same(DecimalParser.parse(text), Double(text)), "\(text)")
            }
        }
    }
}
