import BallastCore
import BallastRisk
import Testing

@Suite struct DynamicRiskManagerTests {
    typealias F = DynamicRiskFixtures

    /// Eleven daily closes whose ten returns are ±0.2 % (volatility ≈ 0.0021 < 0.01: low).
    static let calmCloses = F.closes(logReturns: F.alternating(0.002, count: 10))

    @Test func aDrawdownTierBesideALowVolatilityBoostGivesTheTier() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.feedDaily(&manager, closes: Array(Self.calmCloses.dropLast()))
        _ = manager.update(barTime: F.time(day: 10), equity: 9_400, close: Self.calmCloses[10])
        let adjustments = manager.adjustments
        #expect(adjustments.positionSizeFactor == 0.8)
        #expect(adjustments.primaryReason == .drawdown)
        #expect(adjustments.activeReasons == [.drawdown, .lowVolatility])
        #expect(adjustments.stopLossTightening == 1.2)
        #expect(adjustments.dailyRiskFactor == 0.8)
        #expect(adjustments.drawdownTier == 0)
    }

    @Test func aLowVolatilityBoostAloneApplies() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.feedDaily(&manager, closes: Self.calmCloses)
        let adjustments = manager.adjustments
        #expect(adjustments.positionSizeFactor == 1.3)
        #expect(adjustments.primaryReason == .lowVolatility)
        #expect(adjustments.stopLossTightening == 1.0)
        #expect(adjustments.dailyRiskFactor == 1.0)
    }

    @Test func goodPerformanceAloneApplies() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.record(&manager, pnls: Array(repeating: 100, count: 10), at: F.time(day: 0))
        _ = manager.update(barTime: F.time(day: 0, hour: 1), equity: 11_000, close: 100)
        #expect(manager.adjustments.positionSizeFactor == 1.2)
        #expect(manager.adjustments.primaryReason == .goodPerformance)
    }

    @Test func poorPerformanceBesideTier0() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.record(&manager, pnls: Array(repeating: -60, count: 10), at: F.time(day: 0))
        _ = manager.update(barTime: F.time(day: 0, hour: 1), equity: 9_400, close: 100)
        let adjustments = manager.adjustments
        #expect(adjustments.positionSizeFactor == 0.6)
        #expect(adjustments.primaryReason == .poorPerformance)
        #expect(adjustments.activeReasons == [.drawdown, .poorPerformance])
        #expect(adjustments.stopLossTightening == 1.2)
        #expect(adjustments.dailyRiskFactor == 0.7)
    }

    @Test func aTieGoesToDrawdown() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.record(&manager, pnls: Array(repeating: -110, count: 10), at: F.time(day: 0))
        _ = manager.update(barTime: F.time(day: 0, hour: 1), equity: 8_900, close: 100)
        let adjustments = manager.adjustments
        #expect(adjustments.positionSizeFactor == 0.6)
        #expect(adjustments.primaryReason == .drawdown)
        #expect(abs(adjustments.stopLossTightening - 1.4) < 1e-12)
        #expect(adjustments.dailyRiskFactor == 0.6)
    }

    @Test func combiningTakesTheMostRestrictiveOfEach() {
        let good = ComponentOpinion(
            component: .performance, reason: .goodPerformance, positionSizeFactor: 1.2, stopLossTightening: 1,
            dailyRiskFactor: 1)
        let high = ComponentOpinion(
            component: .volatility, reason: .highVolatility, positionSizeFactor: 0.7, stopLossTightening: 1,
            dailyRiskFactor: 1)
        let combined = RiskAdjustments(
            drawdown: nil, performance: good, volatility: high, drawdownTier: nil, inputs: RiskInputs())
        #expect(combined.positionSizeFactor == 0.7)
        #expect(combined.primaryReason == .highVolatility)
        #expect(combined.activeReasons == [.goodPerformance, .highVolatility])
        let none = RiskAdjustments(
            drawdown: nil, performance: nil, volatility: nil, drawdownTier: nil, inputs: RiskInputs())
        #expect(none == .neutral)
    }

    @Test func eventsFollowTheSpecExample() throws {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        let entered = manager.update(barTime: F.time(day: 0), equity: 8_900, close: 100)
        let event = try #require(entered.first)
        #expect(entered.count == 1)
        #expect(event.time == F.time(day: 0))
        #expect(event.component == .drawdown)
        #expect(event.previousReason == .normal)
        #expect(event.reason == .drawdown)
        #expect(event.previousDrawdownTier == nil)
        #expect(event.drawdownTier == 1)
        #expect(event.before.positionSizeFactor == 1.0)
        #expect(event.after.positionSizeFactor == 0.6)
        #expect(event.before.stopLossTightening == 1.0)
        #expect(abs(event.after.stopLossTightening - 1.4) < 1e-12)
        #expect(event.after.dailyRiskFactor == 0.6)
        #expect(event.previousOpinion == nil)
        #expect(event.opinion?.positionSizeFactor == 0.6)
        #expect(abs(event.inputs.drawdown - 0.11) < 1e-12)
        #expect(event.inputs == manager.adjustments.inputs)

        #expect(manager.update(barTime: F.time(day: 1), equity: 9_050, close: 100).isEmpty)

        let lifted = manager.update(barTime: F.time(day: 2), equity: 9_078, close: 100)
        #expect(lifted.count == 1)
        #expect(lifted.first?.previousDrawdownTier == 1)
        #expect(lifted.first?.drawdownTier == 0)
        #expect(lifted.first?.previousReason == .drawdown)
        #expect(lifted.first?.reason == .drawdown)
        #expect(lifted.first?.before.positionSizeFactor == 0.6)
        #expect(lifted.first?.after.positionSizeFactor == 0.8)

        let cleared = manager.update(barTime: F.time(day: 3), equity: 9_501, close: 100)
        #expect(cleared.count == 1)
        #expect(cleared.first?.drawdownTier == nil)
        #expect(cleared.first?.reason == .normal)
        #expect(cleared.first?.opinion == nil)
        #expect(cleared.first?.after == manager.adjustments)
        #expect(cleared.first?.after.positionSizeFactor == 1.0)
    }

    @Test func simultaneousChangesGiveOneEventPerComponentInOrder() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.feedDaily(&manager, closes: Array(Self.calmCloses.dropLast()))
        F.record(&manager, pnls: Array(repeating: -10, count: 10), at: F.time(day: 9, hour: 12))
        let events = manager.update(barTime: F.time(day: 10), equity: 9_400, close: Self.calmCloses[10])
        #expect(events.map(\.component) == [.drawdown, .performance, .volatility])
        #expect(events.map(\.reason) == [.drawdown, .poorPerformance, .lowVolatility])
        #expect(events.allSatisfy { $0.after == manager.adjustments })
        #expect(events.allSatisfy { $0.before.positionSizeFactor == 1.0 })
        #expect(manager.adjustments.positionSizeFactor == 0.6)
        #expect(manager.adjustments.primaryReason == .poorPerformance)
    }

    @Test func inputsFollowEveryBarWithoutEvents() {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        #expect(manager.update(barTime: F.time(day: 0), equity: 9_800, close: 100).isEmpty)
        #expect(abs(manager.adjustments.inputs.drawdown - 0.02) < 1e-12)
        #expect(manager.update(barTime: F.time(day: 1), equity: 9_900, close: 100).isEmpty)
        #expect(abs(manager.adjustments.inputs.drawdown - 0.01) < 1e-12)
        #expect(manager.adjustments.positionSizeFactor == 1.0)
    }

    @Test func disabledStaysNeutralWithoutEvents() {
        var manager = DynamicRiskManager(config: F.config { $0.enabled = false }, initialEquity: 10_000)
        #expect(manager.adjustments == .neutral)
        F.record(&manager, pnls: Array(repeating: -100, count: 20), at: F.time(day: 0))
        var events: [RiskAdjustmentEvent] = []
        for (day, equity) in [8_000.0, 7_000, 9_000, 12_000].enumerated() {
            events += manager.update(barTime: F.time(day: day), equity: equity, close: 100)
        }
        events += F.feedDaily(&manager, closes: Self.calmCloses, firstDay: 4)
        #expect(events.isEmpty)
        #expect(manager.adjustments == .neutral)
    }
}
