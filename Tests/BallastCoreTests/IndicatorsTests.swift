import BallastCore
import PropertyBased
import Testing

/// One hand-computed indicator column: `nil` marks an undefined (NaN) position.
struct IndicatorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var values: [Double]
    var period: Int
    var expected: [Double?]

    var testDescription: String { name }
}

/// True when `actual` is NaN exactly where `expected` is nil and within `tolerance` (relative, or
/// absolute below 1) elsewhere.
func indicatorMatches(_ actual: [Double], _ expected: [Double?], tolerance: Double = 1e-12) -> Bool {
    guard actual.count == expected.count else { return false }
    return zip(actual, expected).allSatisfy { value, wanted in
        guard let wanted else { return value.isNaN }
        return abs(value - wanted) <= tolerance * max(1, abs(wanted))
    }
}

@Suite("Indicators: hand-computed values")
struct IndicatorsTests {
    // Highs, lows and closes with gaps, so that every true-range branch is taken.
    // TR: [2 (h−l of the first bar), 3 (|h−pc|=3), 4 (|h−pc|), 5 (|l−pc|), 4 (|h−pc|)].
    static let high: [Double] = [10, 12, 15, 11, 14]
    static let low: [Double] = [8, 9, 13, 9, 12]
    static let close: [Double] = [9, 11, 14, 10, 13]

    @Test("true range: first bar is high − low, then the largest of the three ranges")
    func trueRange() {
        #expect(Indicators.trueRange(high: Self.high, low: Self.low, close: Self.close) == [2, 3, 4, 5, 4])
        #expect(Indicators.trueRange(high: [], low: [], close: []).isEmpty)
    }

    @Test(
        "ATR (SPEC §2): simple mean of TR, undefined until atr_period bars",
        arguments: [
            (1, [2, 3, 4, 5, 4] as [Double?]),
            (3, [nil, nil, 3, 4, 13.0 / 3]),
            (5, [nil, nil, nil, nil, 3.6]),
            (6, [nil, nil, nil, nil, nil]),
        ])
    func atr(period: Int, expected: [Double?]) {
        let values = Indicators.atr(high: Self.high, low: Self.low, close: Self.close, period: period)
        #expect(indicatorMatches(values, expected))
        let series = BarSeries(
            symbol: "X", timeframe: .oneDay, times: [1, 2, 3, 4, 5], open: Self.close, high: Self.high,
            low: Self.low, close: Self.close, volume: [0, 0, 0, 0, 0])
        #expect(indicatorMatches(Indicators.atr(series, period: period), expected))
    }

    static let smaCases: [IndicatorCase] = [
        IndicatorCase(
            name: "period 3", values: [1, 2, 3, 4, 5, 6, 7], period: 3, expected: [nil, nil, 2, 3, 4, 5, 6]),
        IndicatorCase(name: "period 1 is the input", values: [4, -1, 2.5], period: 1, expected: [4, -1, 2.5]),
        IndicatorCase(
            name: "period = count", values: [1, 2, 3, 4, 5, 6, 7], period: 7,
            expected: [nil, nil, nil, nil, nil, nil, 4]),
        IndicatorCase(name: "period > count", values: [1, 2], period: 3, expected: [nil, nil]),
        IndicatorCase(name: "empty", values: [], period: 2, expected: []),
        IndicatorCase(
            name: "period 2 across refreshes", values: [2, 4, 8, 16, 32, 64], period: 2,
            expected: [nil, 3, 6, 12, 24, 48]),
    ]

    @Test("SMA", arguments: smaCases)
    func sma(_ example: IndicatorCase) {
        #expect(indicatorMatches(Indicators.sma(example.values, period: example.period), example.expected))
    }

    static let emaCases: [IndicatorCase] = [
        // α = 0.5, seed mean(1, 2, 3) = 2; then 2 + 0.5·(4 − 2) = 3; 3 + 0.5·(5 − 3) = 4.
        IndicatorCase(name: "period 3", values: [1, 2, 3, 4, 5], period: 3, expected: [nil, nil, 2, 3, 4]),
        // α = 2/3, seed 10; 10; 10 + 2/3·10.
        IndicatorCase(name: "period 2", values: [10, 10, 10, 20], period: 2, expected: [nil, 10, 10, 50.0 / 3]),
        IndicatorCase(name: "period 1 is the input", values: [3, 1, 2], period: 1, expected: [3, 1, 2]),
        IndicatorCase(name: "too short", values: [1, 2], period: 3, expected: [nil, nil]),
    ]

    @Test("EMA seeded with the SMA", arguments: emaCases)
    func ema(_ example: IndicatorCase) {
        #expect(indicatorMatches(Indicators.ema(example.values, period: example.period), example.expected))
    }

    static let rsiCases: [IndicatorCase] = [
        // Changes +1, +1, −1, +2. Seed: gain 1, loss 0 → 100. Then gain (1 + 0)/2 = 0.5,
        // loss (0 + 1)/2 = 0.5 → 50. Then gain (0.5 + 2)/2 = 1.25, loss 0.25 → RS 5 → 100 − 100/6.
        IndicatorCase(
            name: "Wilder period 2", values: [1, 2, 3, 2, 4], period: 2, expected: [nil, nil, 100, 50, 250.0 / 3]),
        IndicatorCase(name: "no movement is 50", values: [5, 5, 5], period: 2, expected: [nil, nil, 50]),
        IndicatorCase(name: "only losses is 0", values: [3, 2, 1], period: 2, expected: [nil, nil, 0]),
        IndicatorCase(name: "needs period changes", values: [1, 2], period: 2, expected: [nil, nil]),
    ]

    @Test("RSI", arguments: rsiCases)
    func rsi(_ example: IndicatorCase) {
        #expect(indicatorMatches(Indicators.rsi(example.values, period: example.period), example.expected))
    }

    static let deviationCases: [IndicatorCase] = [
        // Mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7.
        IndicatorCase(
            name: "window 8", values: [2, 4, 4, 4, 5, 5, 7, 9], period: 8,
            expected: [nil, nil, nil, nil, nil, nil, nil, (32.0 / 7).squareRoot()]),
        // Two values a, b: |a − b| / √2.
        IndicatorCase(
            name: "window 2", values: [1, 3, 6, 6], period: 2,
            expected: [nil, 2.0.squareRoot(), 4.5.squareRoot(), 0]),
        IndicatorCase(
            name: "constant far from zero", values: [1e5, 1e5, 1e5, 1e5], period: 3, expected: [nil, nil, 0, 0]),
        IndicatorCase(name: "too short", values: [1], period: 2, expected: [nil]),
        // Found by the property test: a jump of 32 at 120,000, then a step of 2.6e-4. The sums about
        // the origin before the jump cancelled to 3e-6 of the spread's value; now they start afresh.
        IndicatorCase(
            name: "nearly flat after a jump far from zero", values: jumpThenStep, period: 2,
            expected: [nil] + Array(repeating: 0, count: 45) + [
                abs(jumpThenStep[46] - jumpThenStep[45]) / 2.0.squareRoot(),
                abs(jumpThenStep[47] - jumpThenStep[46]) / 2.0.squareRoot(),
            ]),
    ]

    static let jumpThenStep: [Double] = {
        let jumped = 120_000 * (1 + 0.02666677385231298 / 100)
        return Array(repeating: 120_000, count: 46) + [jumped, jumped * (1 - 2.1405556771547651e-07 / 100)]
    }()

    @Test("rolling sample standard deviation", arguments: deviationCases)
    func rollingDeviation(_ example: IndicatorCase) {
        #expect(
            indicatorMatches(
                Indicators.rollingStandardDeviation(example.values, window: example.period), example.expected))
    }

    @Test("sample standard deviation of a collection")
    func sampleDeviation() {
        #expect(Indicators.sampleStandardDeviation([Double]()) == nil)
        #expect(Indicators.sampleStandardDeviation([4.0]) == nil)
        #expect(Indicators.sampleStandardDeviation([1.0, 3.0]) == 2.0.squareRoot())
        // [5, 5, 7, 9]: mean 6.5, squared deviations 2.25 + 2.25 + 0.25 + 6.25 = 11, variance 11/3.
        let deviation = Indicators.sampleStandardDeviation([2.0, 4, 4, 4, 5, 5, 7, 9][4...])
        #expect(indicatorMatches([deviation!], [(11.0 / 3).squareRoot()]))
    }

    @Test("every value is as long as its input and uses no later input")
    func noLookAhead() {
        let values: [Double] = [5, 3, 8, 1, 9, 2, 7]
        for length in 1...values.count {
            let prefix = Array(values.prefix(length))
            #expect(
                indicatorMatches(
                    Indicators.sma(prefix, period: 3),
                    Indicators.sma(values, period: 3).prefix(length).map(definedOrNil)))
            #expect(
                indicatorMatches(
                    Indicators.ema(prefix, period: 3),
                    Indicators.ema(values, period: 3).prefix(length).map(definedOrNil)))
            #expect(
                indicatorMatches(
                    Indicators.rsi(prefix, period: 3),
                    Indicators.rsi(values, period: 3).prefix(length).map(definedOrNil)))
            #expect(
                indicatorMatches(
                    Indicators.rollingStandardDeviation(prefix, window: 3),
                    Indicators.rollingStandardDeviation(values, window: 3).prefix(length).map(definedOrNil)))
        }
    }
}

/// A value as an expectation: NaN becomes nil ("undefined").
func definedOrNil(_ value: Double) -> Double? { value.isNaN ? nil : value }
