import BallastConfig
import BallastCore
import BallastRisk
import Testing

@Suite("Risk settings from portfolio TOML (SPEC §10)")
struct RiskSettingsDocumentTests {
    static let specExample = """
        [portfolio]
        name = "demo"
        initial_balance = 10_000
        data_dir = "data"              # relative to this file

        [risk]                         # RiskParameters; omitted keys take the defaults of section 2
        max_position_size = 0.25
        max_daily_risk = 0.06

        [execution]
        fill = "next_open"

        [[strategies]]
        id = "trend-goog"
        kind = "sma_cross"
        symbol = "GOOG"
        params = { fast = 10, slow = 20, allow_short = false }

        [strategies.risk]              # the override profile
        position_sizer = "confidence_weighted"
        base_fraction = 0.02
        min_fraction = 0.005
        max_fraction = 0.10
        stop_loss_pct = 0.02           # or "none"
        take_profit_pct = 0.04         # or "none"

        [strategies.risk.dynamic_risk]
        enabled = true
        drawdown_thresholds = [0.03, 0.08, 0.15]
        risk_reduction_factors = [0.9, 0.7, 0.5]
        volatility_adjustment_enabled = false

        [[strategies]]
        id = "plain"
        kind = "buy_and_hold"
        symbol = "SPY"
        """

    @Test("the SPEC §10 example decodes into typed parameters and profiles")
    func specExampleDecodes() throws {
        let document = try RiskSettingsDocument(toml: Self.specExample, file: "demo.toml")
        #expect(document.parameters.maxPositionSize == 0.25)
        #expect(document.parameters.maxDailyRisk == 0.06)
        #expect(document.parameters.maxDrawdown == 0.20)
        #expect(document.profiles.count == 2)
        let profile = document.profiles[0]
        #expect(profile.positionSizer == .confidenceWeighted)
        #expect(profile.baseFraction == 0.02)
        #expect(profile.minFraction == 0.005)
        #expect(profile.maxFraction == 0.10)
        #expect(profile.stopLoss == .percent(0.02))
        #expect(profile.takeProfit == .percent(0.04))
        #expect(profile.dynamicRisk.drawdownThresholds == [0.03, 0.08, 0.15])
        #expect(profile.dynamicRisk.riskReductionFactors == [0.9, 0.7, 0.5])
        #expect(profile.dynamicRisk.volatilityAdjustmentEnabled == false)
        // Keys not overridden keep their defaults, one by one.
        #expect(profile.dynamicRisk.recoveryThresholds == [0.02, 0.05])
        #expect(profile.dynamicRisk.minTrades == 10)
        #expect(document.profiles[1] == RiskProfile())
    }

    @Test("\"none\" and 0 disable stops and targets; correlation_control as a table")
    func noneAndCorrelationControl() throws {
        let text = """
            [[strategies]]
            [strategies.risk]
            stop_loss_pct = "none"
            take_profit_pct = "none"
            correlation_control = { enabled = true, max_correlated_exposure = 0.05 }
            [strategies.risk.trailing_stop]
            activation_pct = 0.01
            atr_multiple = 2.5
            breakeven_pct = 0.02
            [[strategies]]
            [strategies.risk]
            stop_loss_pct = 0
            correlation_control = false
            """
        let document = try RiskSettingsDocument(toml: text, file: "p.toml")
        #expect(document.profiles[0].stopLoss == .none)
        #expect(document.profiles[0].takeProfit == .none)
        #expect(document.profiles[0].maxCorrelatedExposure == 0.05)
        #expect(document.profiles[0].trailingStop?.distance == .atrMultiple(2.5))
        #expect(document.profiles[0].trailingStop?.breakevenPct == 0.02)
        #expect(document.profiles[1].stopLoss == .none)
        #expect(document.profiles[1].correlationControl == false)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        let toml: String
        let keyPath: String
        let line: Int
        let reasonContains: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(
            name: "descending drawdown thresholds",
            toml: "[[strategies]]\nid = \"a\"\n[[strategies]]\nid = \"b\"\n[strategies.risk]\nbase_fraction = 0.01\n"
                + "[strategies.risk.dynamic_risk]\ndrawdown_thresholds = [0.10, 0.05, 0.15]\n",
            keyPath: "strategies[1].risk.dynamic_risk.drawdown_thresholds", line: 8, reasonContains: "ascending"),
        BadCase(
            name: "unequal list lengths",
            toml: "[[strategies]]\n[strategies.risk.dynamic_risk]\nrisk_reduction_factors = [0.9, 0.7]\n",
            keyPath: "strategies[0].risk.dynamic_risk.risk_reduction_factors", line: 3, reasonContains: "length"),
        BadCase(
            name: "min above max fraction",
            toml: "[[strategies]]\n[strategies.risk]\nmin_fraction = 0.2\nmax_fraction = 0.1\n",
            keyPath: "strategies[0].risk.min_fraction", line: 3, reasonContains: "max_fraction"),
        BadCase(
            name: "unknown sizer", toml: "[[strategies]]\n[strategies.risk]\nposition_sizer = \"kelly\"\n",
            keyPath: "strategies[0].risk.position_sizer", line: 3, reasonContains: "\"fixed_fraction\""),
        BadCase(
            name: "misspelt key", toml: "[[strategies]]\n[strategies.risk]\nmax_fractoin = 0.1\n",
            keyPath: "strategies[0].risk.max_fractoin", line: 3, reasonContains: "unknown key"),
        BadCase(
            name: "wrong type", toml: "[risk]\nmax_daily_risk = \"6%\"\n",
            keyPath: "risk.max_daily_risk", line: 2, reasonContains: "or \"none\""),
        BadCase(
            name: "wrong type for a number", toml: "[risk]\nmax_position_size = \"25%\"\n",
            keyPath: "risk.max_position_size", line: 2, reasonContains: "must be a number"),
        BadCase(
            name: "global fraction out of range", toml: "[risk]\nmax_position_size = 1.5\n",
            keyPath: "risk.max_position_size", line: 2, reasonContains: "(0, 1]"),
        BadCase(
            name: "stop as text", toml: "[[strategies]]\n[strategies.risk]\nstop_loss_pct = \"2%\"\n",
            keyPath: "strategies[0].risk.stop_loss_pct", line: 3, reasonContains: "\"none\""),
        BadCase(
            name: "trailing stop with both distances",
            toml: "[[strategies]]\n[strategies.risk.trailing_stop]\ndistance_pct = 0.01\natr_multiple = 2\n",
            keyPath: "strategies[0].risk.trailing_stop.distance_pct", line: 3, reasonContains: "not both"),
        BadCase(
            name: "inline dynamic risk table",
            toml: "[[strategies]]\n[strategies.risk]\ndynamic_risk = { enabled = \"yes\" }\n",
            keyPath: "strategies[0].risk.dynamic_risk.enabled", line: 3, reasonContains: "true or false"),
    ]

    @Test("an invalid override is rejected with its key path, line and reason", arguments: badCases)
    func invalidOverride(_ bad: BadCase) {
        #expect {
            _ = try RiskSettingsDocument(toml: bad.toml, file: "bad.toml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let issue = error.issues.first { $0.issue.keyPath == bad.keyPath }
            return error.exitStatus == .badConfiguration && issue?.line == bad.line
                && issue?.issue.reason.contains(bad.reasonContains) == true
                && error.description.contains("bad.toml:\(bad.line): \(bad.keyPath): ")
        }
    }

    @Test("max_daily_risk = \"none\" switches the portfolio's daily budget off, explicitly")
    func noDailyBudget() throws {
        let document = try RiskSettingsDocument(toml: "[risk]\nmax_daily_risk = \"none\"\n", file: "n.toml")
        #expect(document.parameters.maxDailyRisk == nil)
        #expect(try RiskSettingsDocument(toml: "", file: "d.toml").parameters.maxDailyRisk == 0.06)
    }

    @Test("every issue in a file is reported, not just the first")
    func allIssuesReported() {
        let text = "[risk]\nmax_daily_risk = 0\natr_period = 0\n[[strategies]]\n[strategies.risk]\nmin_fraction = -1\n"
        #expect {
            _ = try RiskSettingsDocument(toml: text, file: "x.toml")
        } throws: { error in
            let paths = (error as? ConfigurationError)?.issues.map(\.issue.keyPath) ?? []
            return Set(paths) == ["risk.max_daily_risk", "risk.atr_period", "strategies[0].risk.min_fraction"]
        }
    }

    @Test("a TOML syntax error names its line")
    func syntaxError() {
        #expect {
            _ = try RiskSettingsDocument(toml: "[risk]\nmax_daily_risk = = 0.1\n", file: "s.toml")
        } throws: { error in
            (error as? ConfigurationError)?.issues.first?.line == 2
        }
    }
}
