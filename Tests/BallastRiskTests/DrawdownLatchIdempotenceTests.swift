import BallastCore
import BallastRisk
import Testing

/// `DynamicRiskManager` feeds its drawdown latch only when equity moved: that relies on an update
/// with the equity of the previous update changing nothing, whatever the state.
@Suite("DrawdownLatch: a repeated equity changes nothing")
struct DrawdownLatchIdempotenceTests {
    @Test("over random equity paths, with repeats, tiers and recoveries")
    func repeatedEquity() {
        var generator = SplitMix64(seed: 3)
        for path in 0..<200 {
            var latch = DrawdownLatch(
                thresholds: path % 2 == 0 ? [0.05, 0.10, 0.15] : [1e-13, 0.02, 0.04],
                recoveryThresholds: path % 3 == 0 ? [] : [0.01, 0.03], initialEquity: 10_000)
            var equity = 10_000.0
            for _ in 0..<400 {
                if generator.nextUnit() < 0.7 { equity *= 1 + (generator.nextUnit() - 0.52) * 0.04 }
                latch.update(equity: equity)
                let once = latch
                latch.update(equity: equity)
                #expect(latch == once)
            }
        }
    }
}
