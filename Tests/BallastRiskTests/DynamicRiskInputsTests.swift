import BallastCore
import BallastRisk
import Testing

/// The manager skips work on bars where only some inputs moved; whatever it skips, the inputs it
/// reports must be those of its current state, as a full evaluation would have stored them.
@Suite("DynamicRiskManager: the inputs always reflect the current state")
struct DynamicRiskInputsTests {
    @Test("random bars: repeated equity, volatility jitter across thresholds, closed trades")
    func inputsMatchState() {
        var generator = SplitMix64(seed: 17)
        for path in 0..<40 {
            let config = DynamicRiskFixtures.config { $0.minTrades = path % 2 == 0 ? 3 : 10 }
            var manager = DynamicRiskManager(config: config, initialEquity: 10_000)
            var equity = 10_000.0
            var volatility: Double? = 0.02
            for bar in 0..<3_000 {
                let time = DynamicRiskFixtures.start.adding(seconds: Int64(bar) * 3_600)
                let draw = generator.nextUnit()
                if draw < 0.3 { equity *= 1 + (generator.nextUnit() - 0.52) * 0.03 }
                if draw > 0.4 { volatility = 0.005 + generator.nextUnit() * 0.03 }
                if draw > 0.98 { volatility = nil }
                if generator.nextUnit() < 0.02 {
                    manager.recordClosedTrade(exitTime: time, pnl: (generator.nextUnit() - 0.55) * 200)
                }
                _ = manager.update(barTime: time, equity: equity, volatility: volatility)
                let inputs = manager.adjustments.inputs
                let score = manager.trades.count >= config.minTrades ? manager.trades.score : nil
                #expect(inputs.volatility == volatility)
                #expect(inputs.drawdown == manager.drawdown.drawdown)
                #expect(inputs.recovery == manager.drawdown.recovery)
                #expect(inputs.trough == manager.drawdown.trough)
                #expect(inputs.peak == manager.drawdown.peak)
                #expect(inputs.tradeCount == manager.trades.count)
                #expect(inputs.score == score?.score)
                #expect(inputs.winRate == score?.winRate)
                #expect(inputs.profitFactor == score?.profitFactor)
            }
        }
    }
}
