import BallastCore
import BallastRisk
import Testing

@Suite struct DynamicRiskDrawdownTests {
    typealias F = DynamicRiskFixtures

    /// A manager on the defaults with volatility off, so only the drawdown component speaks.
    static func manager(initialEquity: Double = 10_000) -> DynamicRiskManager {
        DynamicRiskManager(config: F.config { $0.volatilityAdjustmentEnabled = false }, initialEquity: initialEquity)
    }

    @Test func specExample() throws {
        var manager = Self.manager()
        _ = manager.update(barTime: F.time(day: 0), equity: 8_900, close: 100)
        #expect(manager.adjustments.drawdownTier == 1)
        #expect(manager.adjustments.positionSizeFactor == 0.6)
        #expect(manager.adjustments.primaryReason == .drawdown)

        _ = manager.update(barTime: F.time(day: 1), equity: 9_050, close: 100)
        #expect(manager.drawdown.drawdownTier == 0)
        #expect(manager.adjustments.drawdownTier == 1)
        #expect(manager.adjustments.positionSizeFactor == 0.6)
        let recovery = try #require(manager.adjustments.inputs.recovery)
        #expect(abs(recovery - 150.0 / 8_900) < 1e-15)
        #expect(manager.adjustments.inputs.trough == 8_900)

        _ = manager.update(barTime: F.time(day: 2), equity: 9_078, close: 100)
        #expect(manager.adjustments.drawdownTier == 0)
        #expect(manager.adjustments.positionSizeFactor == 0.8)

        _ = manager.update(barTime: F.time(day: 3), equity: 9_501, close: 100)
        #expect(manager.adjustments.drawdownTier == nil)
        #expect(manager.drawdown.latchedTier == nil)
        #expect(manager.adjustments.positionSizeFactor == 1.0)
        #expect(manager.adjustments.primaryReason == .normal)
        #expect(manager.adjustments.inputs.recovery == nil)
        #expect(abs(manager.adjustments.inputs.drawdown - 0.0499) < 1e-12)
        #expect(manager.adjustments.inputs.peak == 10_000)
    }

    @Test(arguments: [
        (9_400.0, 0, 0.8, 1.2),
        (8_900.0, 1, 0.6, 1.4),
        (8_400.0, 2, 0.4, 1.6),
    ])
    func tiersGiveTheirFactors(equity: Double, tier: Int, factor: Double, tightening: Double) {
        var manager = Self.manager()
        _ = manager.update(barTime: F.time(day: 0), equity: equity, close: 100)
        let adjustments = manager.adjustments
        #expect(adjustments.drawdownTier == tier)
        #expect(adjustments.positionSizeFactor == factor)
        #expect(adjustments.dailyRiskFactor == factor)
        #expect(abs(adjustments.stopLossTightening - tightening) < 1e-12)
        #expect(adjustments.activeReasons == [.drawdown])
    }

    /// Peaks for which `peak × (1 − t)` lands a rounding step off `t` (12 345.67, 9 999.99) and some that don't.
    @Test(arguments: [10_000.0, 12_345.67, 9_999.99, 7_777.77, 1_000_000.1])
    func drawdownExactlyAtAThresholdEntersItsTier(peak: Double) {
        for (tier, threshold) in [0.05, 0.10, 0.15].enumerated() {
            var latch = DrawdownLatch(
                thresholds: [0.05, 0.10, 0.15], recoveryThresholds: [0.02, 0.05], initialEquity: peak)
            latch.update(equity: peak * (1 - threshold))
            #expect(latch.drawdownTier == tier, "peak \(peak), threshold \(threshold)")
            #expect(latch.activeTier == tier)
        }
    }

    @Test func justBelowAThresholdIsTheTierAbove() {
        var latch = DrawdownLatch(thresholds: [0.05, 0.10, 0.15], recoveryThresholds: [0.02], initialEquity: 10_000)
        latch.update(equity: 9_500.01)
        #expect(latch.activeTier == nil)
        latch.update(equity: 9_000.01)
        #expect(latch.activeTier == 0)
    }

    @Test func aNewPeakClearsTheLatch() {
        var manager = Self.manager()
        _ = manager.update(barTime: F.time(day: 0), equity: 8_900, close: 100)
        #expect(manager.drawdown.latchedTier == 1)
        _ = manager.update(barTime: F.time(day: 1), equity: 10_001, close: 100)
        #expect(manager.drawdown.latchedTier == nil)
        #expect(manager.drawdown.trough == nil)
        #expect(manager.adjustments.positionSizeFactor == 1.0)
        #expect(manager.adjustments.inputs.peak == 10_001)
        _ = manager.update(barTime: F.time(day: 2), equity: 9_600, close: 100)
        #expect(manager.adjustments.drawdownTier == nil)
    }

    @Test func reachingTheOldPeakAgainClearsTheLatch() {
        var latch = DrawdownLatch(thresholds: [0.05, 0.10, 0.15], recoveryThresholds: [], initialEquity: 10_000)
        latch.update(equity: 8_400)
        #expect(latch.latchedTier == 2)
        latch.update(equity: 9_990)
        #expect(latch.latchedTier == 2, "no recovery thresholds: only the peak lifts the latch")
        latch.update(equity: 10_000)
        #expect(latch.latchedTier == nil)
        #expect(latch.activeTier == nil)
    }

    @Test func theTroughFollowsEquityDownAndRecoveryIsMeasuredFromIt() {
        var latch = DrawdownLatch(
            thresholds: [0.05, 0.10, 0.15], recoveryThresholds: [0.02, 0.05], initialEquity: 10_000)
        latch.update(equity: 8_900)
        latch.update(equity: 8_850)
        #expect(latch.trough == 8_850)
        #expect(latch.activeTier == 1)
        latch.update(equity: 9_026)
        #expect(latch.activeTier == 1, "1.99 % from 8 850")
        latch.update(equity: 9_027)
        #expect(latch.activeTier == 0, "2 % from 8 850")
    }

    /// The trough is kept when the latch is lifted part-way, and lifts count from the entry tier: from tier 2,
    /// two recovery thresholds lift at most two tiers, so tier 0 holds until a new peak.
    @Test func aPartialLiftKeepsTheTroughAndTier0HoldsUntilANewPeak() {
        var latch = DrawdownLatch(
            thresholds: [0.05, 0.10, 0.15], recoveryThresholds: [0.02, 0.05], initialEquity: 10_000)
        latch.update(equity: 8_400)
        #expect(latch.activeTier == 2)
        latch.update(equity: 8_568)  // +2 %: lifted one tier
        #expect(latch.latchedTier == 1)
        #expect(latch.trough == 8_400)
        latch.update(equity: 8_568)  // the same recovery again lifts nothing more
        #expect(latch.latchedTier == 1)
        latch.update(equity: 8_820)  // +5 %: two tiers from tier 2 is tier 0, but the dd (11.8 %) is tier 1
        #expect(latch.latchedTier == 1)
        #expect(latch.activeTier == 1)
        latch.update(equity: 9_100)  // dd 9 %: tier 0
        #expect(latch.latchedTier == 0)
        latch.update(equity: 9_900)  // dd 1 %, recovery 17.9 %: still two tiers from the entry tier
        #expect(latch.drawdownTier == nil)
        #expect(latch.activeTier == 0)
        latch.update(equity: 10_000)
        #expect(latch.activeTier == nil)
    }

    @Test func liftsNeverReverseAndADeeperTierRestartsTheTrough() {
        var latch = DrawdownLatch(
            thresholds: [0.05, 0.10, 0.15], recoveryThresholds: [0.02, 0.05], initialEquity: 10_000)
        latch.update(equity: 8_900)
        latch.update(equity: 9_078)
        #expect(latch.latchedTier == 0)
        latch.update(equity: 9_000)  // recovery falls back to 1.1 %; dd 10 % is tier 1 again: a deeper tier
        #expect(latch.latchedTier == 1)
        #expect(latch.entryTier == 1)
        #expect(latch.trough == 9_000)
        latch.update(equity: 9_050)  // dd 9.5 %, tier 0; 0.56 % from the new trough
        #expect(latch.activeTier == 1)
        latch.update(equity: 9_180)  // 2 % from 9 000
        #expect(latch.activeTier == 0)
        latch.update(equity: 9_150)  // falls back, still tier 0 by dd, nothing deeper: the lift holds
        #expect(latch.activeTier == 0)
    }

    @Test func aLiftNeverGoesBelowTheDrawdownTier() {
        var latch = DrawdownLatch(thresholds: [0.05, 0.10, 0.15], recoveryThresholds: [0.02], initialEquity: 10_000)
        latch.update(equity: 8_000)  // dd 20 %: tier 2
        latch.update(equity: 8_200)  // +2.5 %: one tier from 2 is 1, but dd 18 % is tier 2
        #expect(latch.latchedTier == 2)
        #expect(latch.activeTier == 2)
        latch.update(equity: 8_700)  // dd 13 %: tier 1; +8.75 %: one tier from 2 is 1
        #expect(latch.latchedTier == 1)
        #expect(latch.activeTier == 1)
    }

    @Test func nonFiniteEquityIsIgnored() {
        var latch = DrawdownLatch(thresholds: [0.05], recoveryThresholds: [0.02], initialEquity: 10_000)
        latch.update(equity: 9_000)
        let before = latch
        latch.update(equity: .nan)
        latch.update(equity: .infinity)
        #expect(latch == before)
    }

    @Test(arguments: [(0, 1.2), (1, 1.4), (2, 1.6), (3, 1.8)])
    func stopTighteningPerTier(tier: Int, expected: Double) {
        #expect(abs(DrawdownLatch.stopTightening(forTier: tier) - expected) < 1e-12)
    }
}
