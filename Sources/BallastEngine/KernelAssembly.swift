import BallastCore
import BallastRisk
import BallastStrategies

/// Builds a kernel's strategy lanes and the risk book's accounts from a setup and its signals:
/// shared by the backtester and the live portfolio, so both run exactly the same inputs.
package enum KernelAssembly {
    /// The lanes (signals, sizer column, volatility column, fill settings) and the accounts, by
    /// registration index. Volatility columns are computed once per (series, window) and shared;
    /// `volatilities` may hold some already, keyed by `volatilityKey`.
    package static func lanes(
        setup: PortfolioSetup, signals: [SignalSeries], volatilities known: [String: [Double]] = [:]
    ) -> (lanes: [StrategyLane], accounts: [StrategyRiskAccount]) {
        var lanes: [StrategyLane] = []
        var accounts: [StrategyRiskAccount] = []
        var volatilities = known
        for (index, strategy) in setup.strategies.enumerated() {
            let profile = strategy.strategy.riskOverrides(strategy.profile)
            var volatility: [Double]?
            if let window = volatilityWindow(profile) {
                let key = volatilityKey(series: strategy.seriesIndex, windowDays: window)
                let series = setup.series[strategy.seriesIndex]
                volatility =
                    volatilities[key]
                    ?? DailyVolatilityWindow.column(times: series.times, closes: series.close, windowDays: window)
                volatilities[key] = volatility
            }
            lanes.append(
                StrategyLane(
                    index: index, id: strategy.id, symbol: strategy.symbol, series: strategy.seriesIndex,
                    quantityStep: strategy.quantityStep,
                    context: FillContext(execution: setup.execution, profile: profile, parameters: setup.risk),
                    signals: signals[index].signals, confidence: signals[index].indicators[profile.confidenceKey],
                    trailingStop: profile.trailingStop, volatility: volatility))
            accounts.append(
                StrategyRiskAccount(
                    id: strategy.id, symbol: strategy.symbol, priority: strategy.priority, capital: strategy.capital,
                    profile: profile))
        }
        return (lanes, accounts)
    }

    /// The key of series `series`' volatility column over `windowDays` in `lanes`' `volatilities`.
    package static func volatilityKey(series: Int, windowDays: Int) -> String { "\(series)/\(windowDays)" }

    /// The daily-volatility window a profile's dynamic risk reads, nil when it does not use one.
    package static func volatilityWindow(_ profile: RiskProfile) -> Int? {
        let dynamic = profile.dynamicRisk
        return dynamic.enabled && dynamic.volatilityAdjustmentEnabled ? dynamic.volatilityWindowDays : nil
    }

    /// The correlation hook of SPEC §6 over `series` (every bar given; the hook never looks ahead).
    package static func correlationHook(series: [BarSeries], risk: RiskParameters) -> PearsonCorrelationHook {
        PearsonCorrelationHook(
            series: series, windowDays: risk.correlationWindowDays, threshold: risk.correlationThreshold,
            minSamples: risk.correlationMinSamples)
    }
}
