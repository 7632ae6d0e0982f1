import BallastCore
import BallastRisk
import Testing

@Suite("Sizers (SPEC §3 step 1) and the legacy quantity API")
struct PositionSizingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let sizer: PositionSizer
        let base: Double?
        let confidence: Double?
        let atr: Double?
        let regime: MarketRegime
        let expected: Double
        var testDescription: String { name }
    }

    // Sleeve equity 10 000, price 100, default parameters (base 0.02, max risk 0.03, multiplier 1).
    static let cases: [Case] = [
        Case(
            name: "fixed: base_fraction", sizer: .fixedFraction, base: 0.05, confidence: nil, atr: nil,
            regime: .normal, expected: 0.05),
        Case(
            name: "fixed: default base_risk_per_trade", sizer: .fixedFraction, base: nil, confidence: nil,
            atr: nil, regime: .normal, expected: 0.02),
        Case(
            name: "confidence 0.5", sizer: .confidenceWeighted, base: 0.1, confidence: 0.5, atr: nil,
            regime: .normal, expected: 0.05),
        Case(
            name: "confidence above 1 clamps to 1", sizer: .confidenceWeighted, base: 0.1, confidence: 1.7,
            atr: nil, regime: .normal, expected: 0.1),
        Case(
            name: "negative confidence clamps to 0", sizer: .confidenceWeighted, base: 0.1, confidence: -0.3,
            atr: nil, regime: .normal, expected: 0),
        Case(
            name: "missing confidence is 0", sizer: .confidenceWeighted, base: 0.1, confidence: nil, atr: nil,
            regime: .normal, expected: 0),
        Case(
            name: "NaN confidence is 0", sizer: .confidenceWeighted, base: 0.1, confidence: .nan, atr: nil,
            regime: .normal, expected: 0),
        // qty = 10 000 × 0.02 / 2 = 100; f = 100 × 100 / 10 000 = 1.0
        Case(
            name: "atr_risk normal", sizer: .atrRisk, base: 0.02, confidence: nil, atr: 2, regime: .normal,
            expected: 1.0),
        // risk = min(0.02 × 1.5, 0.03) = 0.03 -> qty 150 -> f 1.5
        Case(
            name: "atr_risk trending capped at max_risk_per_trade", sizer: .atrRisk, base: 0.02,
            confidence: nil, atr: 2, regime: .trending, expected: 1.5),
        // risk = 0.012 -> qty 60 -> f 0.6
        Case(
            name: "atr_risk volatile 0.6", sizer: .atrRisk, base: 0.02, confidence: nil, atr: 2,
            regime: .volatile, expected: 0.6),
        // ATR 0.05 < 0.1% of 100 -> ATR := 1.0 -> qty 200 -> f 2.0
        Case(
            name: "atr_risk tiny ATR falls back to 1% of price", sizer: .atrRisk, base: 0.02,
            confidence: nil, atr: 0.05, regime: .normal, expected: 2.0),
        Case(
            name: "atr_risk undefined ATR falls back to 1% of price", sizer: .atrRisk, base: 0.02,
            confidence: nil, atr: nil, regime: .normal, expected: 2.0),
        Case(
            name: "atr_risk zero ATR falls back", sizer: .atrRisk, base: 0.02, confidence: nil, atr: 0,
            regime: .normal, expected: 2.0),
    ]

    @Test(arguments: cases)
    func sizerFraction(_ testCase: Case) {
        var profile = RiskProfile()
        profile.positionSizer = testCase.sizer
        profile.baseFraction = testCase.base
        let fraction = PositionSizing.sizerFraction(
            profile: profile, parameters: RiskParameters(), sleeveEquity: 10_000, price: 100, atr: testCase.atr,
            confidence: testCase.confidence, regime: testCase.regime)
        #expect(abs(fraction - testCase.expected) < 1e-12)
    }

    @Test("legacy calculate_position_size returns a quantity")
    func legacyQuantity() {
        // 5 000 × 0.02 / (4 × 1) = 25
        #expect(PositionSizing.calculatePositionSize(price: 200, atr: 4, balance: 5_000) == 25)
        // ATR exactly 0.1% of price is accepted as is: 5 000 × 0.02 / 0.2 = 500
        #expect(PositionSizing.calculatePositionSize(price: 200, atr: 0.2, balance: 5_000) == 500)
    }

    @Test("regime multipliers are trending 1.5, volatile 0.6, normal 1")
    func regimeMultipliers() {
        #expect(MarketRegime.trending.riskMultiplier == 1.5)
        #expect(MarketRegime.volatile.riskMultiplier == 0.6)
        #expect(MarketRegime.normal.riskMultiplier == 1)
    }
}
