import BallastCore
import BallastRisk
import Foundation
import Testing

/// One invalid configuration and the key its issue must name.
struct InvalidDynamicRiskCase: Sendable, CustomTestStringConvertible {
    var name: String
    var config: DynamicRiskConfig
    var keyPath: String
    /// Text the reason must contain (the offending value).
    var mentions: String

    var testDescription: String { name }

    init(_ name: String, _ keyPath: String, mentions: String, _ change: (inout DynamicRiskConfig) -> Void) {
        self.name = name
        self.keyPath = keyPath
        self.mentions = mentions
        config = DynamicRiskFixtures.config(change)
    }
}

@Suite struct DynamicRiskConfigTests {
    @Test func defaultsAreTheSpecValues() {
        let config = DynamicRiskConfig()
        #expect(config.enabled)
        #expect(config.performanceWindowDays == 30)
        #expect(config.drawdownThresholds == [0.05, 0.10, 0.15])
        #expect(config.riskReductionFactors == [0.8, 0.6, 0.4])
        #expect(config.recoveryThresholds == [0.02, 0.05])
        #expect(config.volatilityAdjustmentEnabled)
        #expect(config.volatilityWindowDays == 30)
        #expect(config.highVolatilityThreshold == 0.03)
        #expect(config.lowVolatilityThreshold == 0.01)
        #expect(config.highVolatilityFactor == 0.7)
        #expect(config.lowVolatilityFactor == 1.3)
        #expect(config.minTrades == 10)
        #expect(config.poorPerformanceScore == 0.3)
        #expect(config.goodPerformanceScore == 0.7)
        #expect(config.poorPerformanceFactor == 0.6)
        #expect(config.goodPerformanceFactor == 1.2)
        #expect(config.validationIssues().isEmpty)
    }

    @Test func tomlKeysAreTheSnakeCaseKeysInOrder() {
        #expect(
            DynamicRiskConfig.tomlKeys == [
                "enabled", "performance_window_days", "drawdown_thresholds", "risk_reduction_factors",
                "recovery_thresholds", "volatility_adjustment_enabled", "volatility_window_days",
                "high_volatility_threshold", "low_volatility_threshold", "high_volatility_factor",
                "low_volatility_factor", "min_trades", "poor_performance_score", "good_performance_score",
                "poor_performance_factor", "good_performance_factor",
            ])
    }

    @Test func theExampleProfileOverrideIsValid() {
        let config = DynamicRiskFixtures.config {
            $0.drawdownThresholds = [0.03, 0.08, 0.15]
            $0.riskReductionFactors = [0.9, 0.7, 0.5]
            $0.volatilityAdjustmentEnabled = false
            $0.recoveryThresholds = []
        }
        #expect(config.validationIssues().isEmpty)
    }

    static let invalidCases: [InvalidDynamicRiskCase] = [
        .init("no thresholds", "drawdown_thresholds", mentions: "at least one") {
            $0.drawdownThresholds = []
            $0.riskReductionFactors = []
        },
        .init("threshold at 1", "drawdown_thresholds", mentions: "1.0") { $0.drawdownThresholds = [0.05, 0.1, 1] },
        .init("threshold at 0", "drawdown_thresholds", mentions: "0.0") { $0.drawdownThresholds = [0, 0.1, 0.15] },
        .init("thresholds descending", "drawdown_thresholds", mentions: "0.04") {
            $0.drawdownThresholds = [0.05, 0.04, 0.15]
        },
        .init("thresholds repeated", "drawdown_thresholds", mentions: "0.1 follows 0.1") {
            $0.drawdownThresholds = [0.05, 0.1, 0.1]
        },
        .init("fewer factors", "risk_reduction_factors", mentions: "2 factors [0.8, 0.6]") {
            $0.riskReductionFactors = [0.8, 0.6]
        },
        .init("factor above 1", "risk_reduction_factors", mentions: "1.1") {
            $0.riskReductionFactors = [1.1, 0.6, 0.4]
        },
        .init("factor 0", "risk_reduction_factors", mentions: "0.0") { $0.riskReductionFactors = [0.8, 0.6, 0] },
        .init("factors increasing", "risk_reduction_factors", mentions: "0.7 follows 0.6") {
            $0.riskReductionFactors = [0.8, 0.6, 0.7]
        },
        .init("recovery not ascending", "recovery_thresholds", mentions: "0.02 follows 0.05") {
            $0.recoveryThresholds = [0.05, 0.02]
        },
        .init("recovery 0", "recovery_thresholds", mentions: "0.0") { $0.recoveryThresholds = [0, 0.05] },
        .init("low vol above high", "low_volatility_threshold", mentions: "0.04") {
            $0.lowVolatilityThreshold = 0.04
        },
        .init("low vol equal to high", "low_volatility_threshold", mentions: "0.03") {
            $0.lowVolatilityThreshold = 0.03
        },
        .init("high vol 0", "high_volatility_threshold", mentions: "0.0") { $0.highVolatilityThreshold = 0 },
        .init("negative low vol", "low_volatility_threshold", mentions: "-0.01") {
            $0.lowVolatilityThreshold = -0.01
        },
        .init("performance window 0", "performance_window_days", mentions: "0") { $0.performanceWindowDays = 0 },
        .init("volatility window 9", "volatility_window_days", mentions: "9") { $0.volatilityWindowDays = 9 },
        .init("min trades 0", "min_trades", mentions: "0") { $0.minTrades = 0 },
        .init("poor score above 1", "poor_performance_score", mentions: "1.5") { $0.poorPerformanceScore = 1.5 },
        .init("good score below 0", "good_performance_score", mentions: "-0.1") { $0.goodPerformanceScore = -0.1 },
        .init("poor score above good", "poor_performance_score", mentions: "0.8") { $0.poorPerformanceScore = 0.8 },
        .init("high vol factor 0", "high_volatility_factor", mentions: "0.0") { $0.highVolatilityFactor = 0 },
        .init("low vol factor infinite", "low_volatility_factor", mentions: "inf") {
            $0.lowVolatilityFactor = .infinity
        },
        .init("poor factor negative", "poor_performance_factor", mentions: "-0.6") {
            $0.poorPerformanceFactor = -0.6
        },
        .init("good factor NaN", "good_performance_factor", mentions: "nan") { $0.goodPerformanceFactor = .nan },
    ]

    @Test(arguments: invalidCases)
    func invalidValuesAreReportedUnderTheirKey(_ invalid: InvalidDynamicRiskCase) throws {
        let issues = invalid.config.validationIssues()
        let issue = try #require(issues.first { $0.keyPath == invalid.keyPath }, "issues: \(issues)")
        #expect(issue.reason.contains(invalid.mentions), "\(issue.reason)")
        #expect(issues.allSatisfy { DynamicRiskConfig.tomlKeys.contains($0.keyPath) })
    }

    @Test func missingKeysKeepTheirDefaultsWhenDecoding() throws {
        let json = #"{"min_trades": 5, "drawdown_thresholds": [0.03, 0.08, 0.15]}"#
        let config = try JSONDecoder().decode(DynamicRiskConfig.self, from: Data(json.utf8))
        var expected = DynamicRiskConfig()
        expected.minTrades = 5
        expected.drawdownThresholds = [0.03, 0.08, 0.15]
        #expect(config == expected)
    }

    @Test func aWrongTypeIsADecodingErrorNotTheDefault() {
        let json = #"{"min_trades": "ten"}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DynamicRiskConfig.self, from: Data(json.utf8))
        }
    }

    @Test func encodingUsesTheTomlKeysAndRoundTrips() throws {
        var config = DynamicRiskConfig()
        config.lowVolatilityFactor = 1.1
        let data = try JSONEncoder().encode(config)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(DynamicRiskConfig.tomlKeys))
        #expect(try JSONDecoder().decode(DynamicRiskConfig.self, from: data) == config)
    }
}
