import BallastCore
import BallastStrategies
import Testing

/// `momentum` signals and its `prediction_confidence` column, computed by hand.
@Suite("Momentum strategy")
struct MomentumStrategyTests {
    /// lookback 2 over closes 100, 100, 100, 110, 121, 110, 99:
    /// r = –, –, 0, 0.1, 0.21, 0, −0.1818; one-bar returns = –, 0, 0, 0.1, 0.1, −0.0909, −0.1.
    static let closes: [Double] = [100, 100, 100, 110, 121, 110, 99]

    /// threshold 0.05: bar 3 crosses above (0 → 0.1); bar 5 touches 0 (no cross); bar 6 crosses
    /// below 0 (0 → −0.18) and exits.
    @Test func entersAboveThresholdAndExitsBelowZero() throws {
        let strategy = MomentumStrategy(lookback: 2, threshold: 0.05)
        let output = strategy.signals(for: StrategyFixtures.series(closes: Self.closes))
        #expect(StrategyFixtures.events(output) == [3: .enterLong, 6: .exit])
        let momentum = try #require(output.indicators["momentum"])
        #expect(momentum[1].isNaN && momentum[2] == 0 && abs(momentum[4] - 0.21) < 1e-12)
        #expect(strategy.lookback == 4 && strategy.window == 2)
    }

    /// Confidence at bar 3: r = 0.1; the returns of bars 2 and 3 are 0 and 0.1, so σ = √0.005 and
    /// 0.1 / (2 × √0.005 × √2) = 0.1 / 0.2 = 0.5. Bar 2: r = 0 and σ = 0 → 0. Bar 4: returns 0.1
    /// and 0.1 (σ ≈ 0) with r = 0.21 → 1. Bar 6: r = −0.1818, returns −0.0909 and −0.1: σ ≈ 0.00643,
    /// far under the move → capped at 1. Bars 0 and 1: warm-up, NaN.
    @Test func confidenceByHand() throws {
        let output = MomentumStrategy(lookback: 2).signals(for: StrategyFixtures.series(closes: Self.closes))
        let confidence = try #require(output.indicators["prediction_confidence"])
        #expect(confidence.count == Self.closes.count)
        #expect(confidence[0].isNaN && confidence[1].isNaN)
        #expect(confidence[2] == 0)
        #expect(abs(confidence[3] - 0.5) < 1e-12)
        #expect(confidence[4] == 1)
        #expect(confidence[6] == 1)
    }

    /// lookback 3 over a zig-zag: at bar 5, r = 104/100 − 1 = 0.04; the returns of bars 3–5
    /// (100→98, 98→102, 102→104) have sample σ ≈ 0.030869, so confidence = 0.04 / (2 × 0.030869 × √3)
    /// ≈ 0.374070.
    @Test func confidenceBelowOneByHand() throws {
        let closes: [Double] = [100, 101, 100, 98, 102, 104]
        let output = MomentumStrategy(lookback: 3).signals(for: StrategyFixtures.series(closes: closes))
        let confidence = try #require(output.indicators[MomentumStrategy.confidenceColumn])
        let returns = [98.0 / 100 - 1, 102.0 / 98 - 1, 104.0 / 102 - 1]
        let mean = returns.reduce(0, +) / 3
        let sigma = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        let expected = (104.0 / 100 - 1) / (2 * sigma * 3.0.squareRoot())
        #expect(abs(expected - 0.374070) < 1e-6)
        #expect(abs(confidence[5] - expected) < 1e-12)
        #expect(confidence[2].isNaN && !confidence[3].isNaN)
    }

    /// The default threshold 0 enters on the first rise after a non-positive return and exits on
    /// the first fall after a non-negative one.
    @Test func defaultThresholdIsZero() {
        let strategy = MomentumStrategy()
        #expect(strategy.window == 20 && strategy.threshold == 0)
        let closes: [Double] = [100, 100, 99, 100, 101, 102, 101, 100]
        // lookback 2: r = –, –, −0.01, 0, 0.0202, 0.02, 0, −0.0196
        #expect(StrategyFixtures.events(MomentumStrategy(lookback: 2), closes: closes) == [4: .enterLong, 7: .exit])
    }
}
