import BallastCore
import BallastRisk
import BallastStrategies

/// Buys a close that falls `band` below its `period`-bar simple moving average, and sells when the
/// close is back at or above the average (kind `mean_reversion`).
///
/// Parameters: `period` (20, in 2…10,000), `band` (0.02, in [0.001, 0.5]), `stop` (0.03, in
/// [0.005, 0.5]): the stop-loss this strategy trades with, whatever the file's profile says
/// (`riskOverrides`). Value `prediction_confidence`: how far below the band the close is, in
/// [0, 1] (read by the `confidence_weighted` sizer). No signal before bar `period`.
struct MeanReversion: ConfigurableStrategy {
    static let kind = "mean_reversion"
    static let parameterNames = ["period", "band", "stop"]

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> MeanReversion? {
        let before = issues.count
        let period = parameters.integer("period", default: 20, in: 2...10_000, &issues)
        let band = parameters.number("band", default: 0.02, in: 0.001...0.5, &issues)
        let stop = parameters.number("stop", default: 0.03, in: 0.005...0.5, &issues)
        return issues.count == before ? MeanReversion(period: period, band: band, stop: stop) : nil
    }

    let period: Int
    let band: Double
    let stop: Double
    private var average: RunningSMA
    private var holding = false

    init(period: Int, band: Double, stop: Double) {
        self.period = period
        self.band = band
        self.stop = stop
        average = RunningSMA(period: period)
    }

    var kind: String { Self.kind }
    var lookback: Int { period }
    var valueNames: [String] { ["prediction_confidence"] }

    mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        let mean = average.next(bar.close)
        guard !mean.isNaN else {
            values[0] = .nan
            return .none
        }
        let gap = (mean - bar.close) / mean
        values[0] = min(1, max(0, gap / (2 * band)))
        if !holding && gap >= band {
            holding = true
            return .enterLong
        }
        if holding && bar.close >= mean {
            holding = false
            return .exit
        }
        return .none
    }

    /// The file's profile with this strategy's own stop-loss (the seed's `get_risk_overrides()`).
    func riskOverrides(_ profile: RiskProfile) -> RiskProfile {
        var profile = profile
        profile.stopLoss = .percent(stop)
        return profile
    }
}
