import BallastRisk
import PropertyBased
import Testing

@Suite("Pearson coefficient")
struct PearsonTests {
    @Test func perfectlyCorrelatedSamplesGiveOne() throws {
        let x = [1.0, 4, 2, 8, 5, 7]
        let coefficient = try #require(Pearson.correlation(x, x.map { 2.5 * $0 + 3 }))
        #expect(abs(coefficient - 1) < 1e-15)
    }

    @Test func perfectlyAntiCorrelatedSamplesGiveMinusOne() throws {
        let x = [1.0, 4, 2, 8, 5, 7]
        let coefficient = try #require(Pearson.correlation(x, x.map { 10 - 0.5 * $0 }))
        #expect(abs(coefficient + 1) < 1e-15)
    }

    /// Worked by hand: deviations from the means, Σdxdy / √(Σdx² Σdy²).
    /// [1,2,3] vs [1,3,2]: 1 / √(2·2) = 0.5. [1,2,3,4] vs [2,1,4,3]: 3 / √(5·5) = 0.6.
    /// [1,2,3,4,5] vs [5,3,4,1,2]: −8 / √(10·10) = −0.8. Returns-sized [.02,.04,.06,.08] vs
    /// [.01,.03,.02,.06]: 0.0014 / √(0.002 · 0.0014) = 7 / √70 = √70 / 10.
    @Test(arguments: [
        ([1.0, 2, 3], [1.0, 3, 2], 0.5),
        ([1.0, 2, 3, 4], [2.0, 1, 4, 3], 0.6),
        ([1.0, 2, 3, 4, 5], [5.0, 3, 4, 1, 2], -0.8),
        ([0.02, 0.04, 0.06, 0.08], [0.01, 0.03, 0.02, 0.06], 70.0.squareRoot() / 10),
    ])
    func matchesHandComputedValues(x: [Double], y: [Double], expected: Double) throws {
        let coefficient = try #require(Pearson.correlation(x, y))
        #expect(abs(coefficient - expected) < 1e-12)
    }

    @Test func undefinedWithFewerThanTwoPairs() {
        #expect(Pearson.correlation([], []) == nil)
        #expect(Pearson.correlation([1], [2]) == nil)
    }

    @Test func undefinedWhenEitherSampleIsConstant() {
        #expect(Pearson.correlation([3, 3, 3, 3], [1, 2, 3, 4]) == nil)
        #expect(Pearson.correlation([1, 2, 3, 4], [0, 0, 0, 0]) == nil)
    }

    /// Returns of a price growing exactly 1% a day are constant in exact arithmetic; their rounding
    /// noise must not be mistaken for variation.
    @Test func undefinedForSamplesConstantUpToRounding() {
        var closes = [100.0]
        for _ in 0..<30 { closes.append(closes[closes.count - 1] * 1.01) }
        let returns = (1..<closes.count).map { closes[$0] / closes[$0 - 1] - 1 }
        let other = CorrelationFixture.returns(seed: 9, count: returns.count)
        #expect(Pearson.correlation(returns, other) == nil)
    }

    @Test func undefinedWithNonFiniteValues() {
        #expect(Pearson.correlation([1, .nan, 3], [1, 2, 3]) == nil)
        #expect(Pearson.correlation([1, 2, 3], [1, .infinity, 3]) == nil)
    }

    @Test func propertiesHoldForRandomSamples() async {
        let pairs = zip(Gen.double(in: -1...1), Gen.double(in: -1...1)).array(of: 3...40)
        await propertyCheck(input: pairs, Gen.double(in: 0.1...10), Gen.double(in: -5...5)) { pairs, scale, shift in
            let x = pairs.map(\.0)
            let y = pairs.map(\.1)
            guard let coefficient = Pearson.correlation(x, y) else { return }
            #expect((-1...1).contains(coefficient))
            #expect(Pearson.correlation(y, x) == coefficient)
            let affine = try #require(Pearson.correlation(x.map { scale * $0 + shift }, y))
            #expect(abs(affine - coefficient) < 1e-9)
            let negated = try #require(Pearson.correlation(x.map { -$0 }, y))
            #expect(abs(negated + coefficient) < 1e-12)
        }
    }
}
