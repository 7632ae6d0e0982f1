import BallastCore
import BallastEngine
import BallastRisk
import BallastStrategies
import BallastTestKit

/// Builders shared by the engine tests.
enum EngineFixtures {
    /// A fixed-fraction profile with a percentage stop, no target and dynamic risk off.
    static func profile(base: Double, stop: Double? = 0.02, target: Double? = nil) -> RiskProfile {
        var profile = RiskProfile()
        profile.baseFraction = base
        profile.stopLoss = stop.map { .percent($0) } ?? .none
        profile.takeProfit = target.map { .percent($0) } ?? .none
        profile.dynamicRisk.enabled = false
        return profile
    }

    /// One strategy over one series with the default costs (fee 0.001, slippage 0.0005).
    static func single(
        _ series: BarSeries, script: [Int: Signal], profile: RiskProfile, step: Double? = 1,
        execution: ExecutionSettings = ExecutionSettings(), risk: RiskParameters = RiskParameters()
    ) -> PortfolioSetup {
        PortfolioSetup(
            name: "test", initialBalance: 10_000, risk: risk, execution: execution, series: [series],
            strategies: [
                StrategySetup(
                    id: "s", symbol: series.symbol, seriesIndex: 0, capital: 1, quantityStep: step, profile: profile,
                    strategy: ScriptedStrategy(script))
            ])
    }

    static func run(_ setup: PortfolioSetup) async throws -> BacktestResult {
        try await PortfolioBacktester(setup: setup).run(runID: "test")
    }
}
