import BallastCore
import BallastStrategies
import Testing

/// Building strategies from `kind` and `params`, and the issues with their exact key paths.
@Suite("Strategy catalog")
struct StrategyCatalogTests {
    static func build(
        _ kind: String, _ values: [String: ParameterValue] = [:], path: String = "strategies[2].params"
    ) -> (strategy: (any Strategy)?, issues: [ConfigIssue]) {
        var issues: [ConfigIssue] = []
        let strategy = StrategyCatalog.make(
            kind: kind, parameters: StrategyParameters(values, path: path), issues: &issues)
        return (strategy, issues)
    }

    @Test func kindsAreTheBuiltIns() {
        #expect(
            StrategyCatalog.kinds == [
                "sma_cross", "ema_cross", "rsi_reversion", "donchian_breakout", "momentum", "buy_and_hold",
                "random_entry",
            ])
    }

    @Test func defaultsWithEmptyParams() throws {
        #expect(try #require(Self.build("sma_cross").strategy as? SMACrossStrategy) == SMACrossStrategy())
        #expect(try #require(Self.build("ema_cross").strategy as? EMACrossStrategy) == EMACrossStrategy())
        #expect(
            try #require(Self.build("rsi_reversion").strategy as? RSIReversionStrategy)
                == RSIReversionStrategy(period: 14, lower: 30, upper: 70))
        #expect(
            try #require(Self.build("donchian_breakout").strategy as? DonchianBreakoutStrategy)
                == DonchianBreakoutStrategy(entry: 20, exit: 10, allowShort: false))
        #expect(
            try #require(Self.build("momentum").strategy as? MomentumStrategy)
                == MomentumStrategy(lookback: 20, threshold: 0))
        #expect(Self.build("buy_and_hold").strategy is BuyAndHoldStrategy)
        #expect(
            try #require(Self.build("random_entry").strategy as? RandomEntryStrategy)
                == RandomEntryStrategy(seed: 1, probability: 0.05, holdBars: 10, allowShort: false))
        for kind in StrategyCatalog.kinds { #expect(Self.build(kind).strategy?.kind == kind) }
    }

    @Test func everyParameterIsRead() throws {
        let sma = Self.build("sma_cross", ["fast": .integer(5), "slow": .integer(20), "allow_short": .bool(true)])
        #expect(
            try #require(sma.strategy as? SMACrossStrategy) == SMACrossStrategy(fast: 5, slow: 20, allowShort: true))
        let rsi = Self.build("rsi_reversion", ["period": .integer(7), "lower": .integer(20), "upper": .double(80.5)])
        #expect(
            try #require(rsi.strategy as? RSIReversionStrategy)
                == RSIReversionStrategy(period: 7, lower: 20, upper: 80.5))
        let donchian = Self.build(
            "donchian_breakout", ["entry": .integer(55), "exit": .integer(20), "allow_short": .bool(true)])
        #expect(
            try #require(donchian.strategy as? DonchianBreakoutStrategy)
                == DonchianBreakoutStrategy(entry: 55, exit: 20, allowShort: true))
        let momentum = Self.build("momentum", ["lookback": .integer(60), "threshold": .double(0.02)])
        #expect(try #require(momentum.strategy as? MomentumStrategy) == MomentumStrategy(lookback: 60, threshold: 0.02))
        let random = Self.build(
            "random_entry",
            ["seed": .integer(9), "probability": .double(0.5), "hold_bars": .integer(3), "allow_short": .bool(true)])
        #expect(
            try #require(random.strategy as? RandomEntryStrategy)
                == RandomEntryStrategy(seed: 9, probability: 0.5, holdBars: 3, allowShort: true))
    }

    @Test func unknownKindNamesEveryKnownKind() throws {
        let result = Self.build("sma_crossover")
        #expect(result.strategy == nil)
        let issue = try #require(result.issues.first)
        #expect(result.issues.count == 1)
        #expect(issue.keyPath == "kind")
        #expect(issue.reason.contains("\"sma_crossover\""))
        for kind in StrategyCatalog.kinds { #expect(issue.reason.contains(kind)) }
        #expect(issue.prefixed(by: "strategies[2]").keyPath == "strategies[2].kind")
    }

    /// One invalid table per row: the exact key paths of the issues it must produce.
    @Test(
        arguments: [
            ("sma_cross", ["fast": ParameterValue.integer(20), "slow": .integer(20)], ["strategies[2].params.slow"]),
            ("ema_cross", ["fast": .integer(30), "slow": .integer(10)], ["strategies[2].params.slow"]),
            ("sma_cross", ["fast": .integer(0)], ["strategies[2].params.fast"]),
            ("sma_cross", ["fast": .string("ten")], ["strategies[2].params.fast"]),
            ("sma_cross", ["fast": .double(10)], ["strategies[2].params.fast"]),
            ("sma_cross", ["allow_short": .string("yes")], ["strategies[2].params.allow_short"]),
            ("sma_cross", ["speed": .integer(3), "fast": .integer(3)], ["strategies[2].params.speed"]),
            (
                "ema_cross", ["slow": .integer(-1), "zeta": .bool(true), "alpha": .integer(1)],
                ["strategies[2].params.alpha", "strategies[2].params.zeta", "strategies[2].params.slow"]
            ),
            ("rsi_reversion", ["lower": .integer(70), "upper": .integer(30)], ["strategies[2].params.upper"]),
            ("rsi_reversion", ["lower": .integer(0)], ["strategies[2].params.lower"]),
            ("rsi_reversion", ["upper": .integer(100)], ["strategies[2].params.upper"]),
            ("rsi_reversion", ["lower": .double(.nan)], ["strategies[2].params.lower"]),
            ("rsi_reversion", ["period": .bool(true)], ["strategies[2].params.period"]),
            (
                "donchian_breakout", ["entry": .integer(0), "exit": .integer(0)],
                [
                    "strategies[2].params.entry", "strategies[2].params.exit",
                ]
            ),
            ("momentum", ["lookback": .integer(1)], ["strategies[2].params.lookback"]),
            ("momentum", ["threshold": .double(-0.1)], ["strategies[2].params.threshold"]),
            ("buy_and_hold", ["fast": .integer(3)], ["strategies[2].params.fast"]),
            ("random_entry", ["probability": .integer(0)], ["strategies[2].params.probability"]),
            ("random_entry", ["probability": .double(1.5)], ["strategies[2].params.probability"]),
            ("random_entry", ["hold_bars": .integer(0)], ["strategies[2].params.hold_bars"]),
            ("random_entry", ["seed": .integer(-1)], ["strategies[2].params.seed"]),
            ("random_entry", ["seed": .string("1")], ["strategies[2].params.seed"]),
        ] as [(String, [String: ParameterValue], [String])])
    func invalidParametersNameTheirKeys(kind: String, values: [String: ParameterValue], keyPaths: [String]) {
        let result = Self.build(kind, values)
        #expect(result.strategy == nil)
        #expect(result.issues.map(\.keyPath) == keyPaths)
    }

    @Test func reasonsSayWhatIsWrong() {
        #expect(
            Self.build("sma_cross", ["fast": .integer(20), "slow": .integer(20)]).issues.first?.reason
                == "must be greater than fast (20), got 20")
        #expect(
            Self.build("sma_cross", ["fast": .string("ten")]).issues.first?.reason
                == "must be an integer, got a string")
        #expect(
            Self.build("sma_cross", ["speed": .integer(3)]).issues.first?.reason
                == "unknown parameter; expected one of: fast, slow, allow_short")
        #expect(
            Self.build("buy_and_hold", ["fast": .integer(3)]).issues.first?.reason
                == "unknown parameter; buy_and_hold takes no parameters")
        #expect(
            Self.build("rsi_reversion", ["lower": .integer(70), "upper": .integer(30)]).issues.first?.reason
                == "must be greater than lower (70.0), got 30.0")
    }

    /// Issues are appended after those already collected, and the default table path is `params`.
    @Test func issuesAccumulate() {
        var issues = [ConfigIssue(keyPath: "portfolio.name", reason: "earlier")]
        let strategy = StrategyCatalog.make(
            kind: "momentum", parameters: StrategyParameters(["lookback": .integer(0)]), issues: &issues)
        #expect(strategy == nil)
        #expect(issues.map(\.keyPath) == ["portfolio.name", "params.lookback"])
        var none: [ConfigIssue] = []
        #expect(StrategyCatalog.make(kind: "buy_and_hold", parameters: StrategyParameters(), issues: &none) != nil)
        #expect(none.isEmpty)
    }
}
