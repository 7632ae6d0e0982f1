import BallastCore
import BallastRisk
import Testing

@Suite("RiskParameters (SPEC §2)")
struct RiskParametersTests {
    @Test("defaults are the numbers of SPEC §2")
    func defaults() {
        let parameters = RiskParameters()
        #expect(parameters.baseRiskPerTrade == 0.02)
        #expect(parameters.maxRiskPerTrade == 0.03)
        #expect(parameters.maxPositionSize == 0.25)
        #expect(parameters.maxDailyRisk == 0.06)
        #expect(parameters.maxDrawdown == 0.20)
        #expect(parameters.positionSizeATRMultiplier == 1.0)
        #expect(parameters.defaultTakeProfitPct == nil)
        #expect(RiskParameters.engineDefaultTakeProfitPct == 0.04)
        #expect(parameters.atrPeriod == 14)
        #expect(parameters.maxCorrelatedExposure == 0.15)
        #expect(parameters.correlationThreshold == 0.7)
        #expect(parameters.correlationWindowDays == 30)
        #expect(parameters.correlationMinSamples == 20)
        #expect(parameters.minOrderFraction == 1e-4)
        #expect(parameters.validationIssues().isEmpty)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        let key: String
        let mutate: @Sendable (inout RiskParameters) -> Void
        var testDescription: String { key }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(key: "base_risk_per_trade") { $0.baseRiskPerTrade = 0 },
        InvalidCase(key: "max_risk_per_trade") { $0.maxRiskPerTrade = 1.5 },
        InvalidCase(key: "max_position_size") { $0.maxPositionSize = -0.1 },
        InvalidCase(key: "max_daily_risk") { $0.maxDailyRisk = .nan },
        InvalidCase(key: "max_drawdown") { $0.maxDrawdown = 0 },
        InvalidCase(key: "max_correlated_exposure") { $0.maxCorrelatedExposure = 2 },
        InvalidCase(key: "default_take_profit_pct") { $0.defaultTakeProfitPct = 0 },
        InvalidCase(key: "base_risk_per_trade") {
            $0.baseRiskPerTrade = 0.05
            $0.maxRiskPerTrade = 0.03
        },
        InvalidCase(key: "atr_period") { $0.atrPeriod = 0 },
        InvalidCase(key: "correlation_threshold") { $0.correlationThreshold = 1.01 },
        InvalidCase(key: "correlation_window_days") { $0.correlationWindowDays = 1 },
        InvalidCase(key: "correlation_min_samples") { $0.correlationMinSamples = 1 },
        InvalidCase(key: "position_size_atr_multiplier") { $0.positionSizeATRMultiplier = 0 },
        InvalidCase(key: "min_order_fraction") { $0.minOrderFraction = 0 },
        InvalidCase(key: "leverage") { $0.leverage = 0.5 },
    ]

    @Test("an invalid value is reported with its key", arguments: invalidCases)
    func invalid(_ invalid: InvalidCase) {
        var parameters = RiskParameters()
        invalid.mutate(&parameters)
        let issues = parameters.validationIssues()
        #expect(issues.map(\.keyPath) == [invalid.key])
    }

    @Test("boundary values are valid: fractions of exactly 1, threshold −1 and 1, window 2")
    func boundaries() {
        var parameters = RiskParameters()
        parameters.maxPositionSize = 1
        parameters.maxDrawdown = 1
        parameters.correlationThreshold = -1
        parameters.correlationWindowDays = 2
        #expect(parameters.validationIssues().isEmpty)
        parameters.correlationThreshold = 1
        #expect(parameters.validationIssues().isEmpty)
    }
}
