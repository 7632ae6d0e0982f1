import BallastCore
import BallastRisk
import PropertyBased
import Testing

@Suite struct DynamicRiskPropertyTests {
    typealias F = DynamicRiskFixtures

    /// Every size factor the default configuration can produce.
    static let allowedFactors: Set<Double> = {
        let config = DynamicRiskConfig()
        return Set(config.riskReductionFactors).union([
            config.poorPerformanceFactor, config.goodPerformanceFactor, config.highVolatilityFactor,
            config.lowVolatilityFactor, 1.0,
        ])
    }()

    /// Random equity paths (multiplicative steps), with a trade closed at every bar and the symbol's close
    /// following the equity, over a few bars a day.
    @Test func invariantsHoldOnRandomEquityPaths() async {
        await propertyCheck(
            input: Gen.double(in: 0.9...1.1).array(of: 1...120), Gen.double(in: -100...100).array(of: 0...120)
        ) { steps, pnls in
            var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
            var equity = 10_000.0
            for (index, step) in steps.enumerated() {
                equity *= step
                let time = F.time(day: index / 3, hour: 8 * (index % 3))
                if index < pnls.count { manager.recordClosedTrade(exitTime: time, pnl: pnls[index]) }
                let previousPeak = manager.drawdown.peak
                let before = manager.adjustments
                let events = manager.update(barTime: time, equity: equity, close: equity / 100)
                let adjustments = manager.adjustments
                let latch = manager.drawdown
                #expect(Self.allowedFactors.contains(adjustments.positionSizeFactor))
                #expect(adjustments.stopLossTightening >= 1)
                #expect(adjustments.dailyRiskFactor > 0)
                #expect(adjustments.drawdownTier == latch.activeTier)
                if let current = latch.drawdownTier {
                    #expect((latch.activeTier ?? -1) >= current)
                }
                if equity >= previousPeak {
                    #expect(latch.latchedTier == nil)
                    #expect(latch.activeTier == nil)
                }
                #expect((latch.latchedTier == nil) == (latch.trough == nil))
                #expect(events.allSatisfy { $0.before == before && $0.after == adjustments })
                if events.isEmpty {
                    #expect(adjustments.positionSizeFactor == before.positionSizeFactor)
                    #expect(adjustments.primaryReason == before.primaryReason)
                }
            }
        }
    }

    /// The incremental window agrees with a from-scratch resampling, for random bar gaps (hours) and closes.
    @Test func volatilityWindowMatchesAReferenceComputation() async {
        await propertyCheck(
            input: Gen.int(in: 1...40).array(of: 1...150), Gen.double(in: -0.05...0.05).array(of: 150),
            Gen.int(in: 10...40)
        ) { gaps, moves, windowDays in
            var window = DailyVolatilityWindow(windowDays: windowDays)
            var bars: [(Timestamp, Double)] = []
            var time = F.start
            var close = 100.0
            for (index, gap) in gaps.enumerated() {
                time = time.adding(seconds: Int64(gap) * 3600)
                close *= 1 + moves[index]
                bars.append((time, close))
                window.record(time: time, close: close)
                let expected = F.referenceReturns(bars: bars, windowDays: windowDays)
                #expect(window.returnCount == expected.count)
                let reference = Indicators.sampleStandardDeviation(expected)
                if expected.count >= DailyVolatilityWindow.minimumReturns, let reference,
                    let volatility = window.volatility
                {
                    #expect(abs(volatility - reference) <= 1e-12 + 1e-9 * reference)
                } else {
                    #expect(window.volatility == nil)
                }
            }
        }
    }

    /// The trade window's tallies agree with scoring the in-window trades from scratch.
    @Test func tradeWindowMatchesAReferenceComputation() async {
        await propertyCheck(
            input: Gen.int(in: 0...20).array(of: 1...80), Gen.double(in: -50...50).array(of: 80),
            Gen.int(in: 1...10)
        ) { gaps, pnls, windowDays in
            var window = ClosedTradeWindow(windowDays: windowDays)
            var trades: [(Int64, Double)] = []
            var now = F.start
            for (index, gap) in gaps.enumerated() {
                now = now.adding(seconds: Int64(gap) * 3600 * 6)
                window.record(exitTime: now, pnl: pnls[index])
                trades.append((now.seconds, pnls[index]))
                window.advance(to: now)
                let cutoff = now.seconds - Int64(windowDays) * Timestamp.secondsPerDay
                let inWindow = trades.filter { $0.0 > cutoff }.map(\.1)
                #expect(Array(window.windowPnLs) == inWindow)
                let expected = PerformanceScore(pnls: inWindow)
                let actual = window.score
                #expect((expected == nil) == (actual == nil))
                if let expected, let actual {
                    #expect(actual.trades == expected.trades)
                    #expect(actual.winRate == expected.winRate)
                    #expect(abs(actual.score - expected.score) < 1e-12)
                }
            }
        }
    }

    /// The combination: size is the minimum of the active factors (1.0 if none), the primary reason is the
    /// first component holding it, tightening is ≥ 1 and the maximum of the active ones.
    @Test func combinationIsTheMostRestrictive() async {
        let factor = Gen.double(in: 0.1...1.5).optional
        await propertyCheck(input: factor, factor, factor) { drawdown, performance, volatility in
            let opinions = [
                drawdown.map {
                    ComponentOpinion(
                        component: .drawdown, reason: .drawdown, positionSizeFactor: $0,
                        stopLossTightening: 1 + $0, dailyRiskFactor: $0)
                },
                performance.map {
                    ComponentOpinion(
                        component: .performance, reason: .poorPerformance, positionSizeFactor: $0,
                        stopLossTightening: 1.2, dailyRiskFactor: 0.7)
                },
                volatility.map {
                    ComponentOpinion(
                        component: .volatility, reason: .highVolatility, positionSizeFactor: $0,
                        stopLossTightening: 1, dailyRiskFactor: 1)
                },
            ]
            let combined = RiskAdjustments(
                drawdown: opinions[0], performance: opinions[1], volatility: opinions[2], drawdownTier: nil,
                inputs: RiskInputs())
            let active = opinions.compactMap { $0 }
            let size = active.map(\.positionSizeFactor).min() ?? 1
            #expect(combined.positionSizeFactor == size)
            #expect(combined.primaryReason == (active.first { $0.positionSizeFactor == size }?.reason ?? .normal))
            #expect(combined.stopLossTightening == max(1, active.map(\.stopLossTightening).max() ?? 1))
            #expect(combined.dailyRiskFactor == (active.map(\.dailyRiskFactor).min() ?? 1))
            #expect(combined.activeReasons == active.map(\.reason))
        }
    }
}
