import BallastConfig
import BallastCore
import BallastEngine
import BallastRisk
import BallastSweep
import BallastTestKit
import Foundation
import Testing

@Suite("Risk-rule attribution")
struct RuleAttributionTests {
    /// The sweep fixture's portfolio with a binding 25% position cap.
    static let capped = SweepFixture.portfolio.replacingOccurrences(
        of: "max_position_size = 1.0", with: "max_position_size = 0.25")

    static func load(_ directory: TemporaryDirectory, _ text: String, name: String = "p.toml") throws -> PortfolioFile {
        try SweepFixture.write(in: directory, sweep: "", portfolio: text)
        try directory.write(name, text)
        return try PortfolioFile.load(path: directory.path(name))
    }

    @Test("each rule's switch changes that rule alone", arguments: RiskRule.allCases)
    func switchesOneRule(rule: RiskRule) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let setup = try Self.load(directory, Self.capped).setup
        let off = rule.switchedOff(in: setup)
        let profile = off.strategies[0].profile
        #expect(off.risk.maxPositionSizeEnabled == (rule != .maxPositionSize))
        #expect((off.risk.maxDailyRisk == nil) == (rule == .maxDailyRisk))
        #expect(off.risk.portfolioDrawdownEnabled == (rule != .portfolioDrawdown))
        #expect(profile.correlationControl == (rule != .correlation))
        #expect(profile.dynamicRisk.drawdownTiersEnabled == (rule != .drawdownTiers))
        #expect(profile.dynamicRisk.performanceEnabled == (rule != .performance))
        #expect(profile.dynamicRisk.volatilityAdjustmentEnabled == (rule != .volatility))
        #expect(off.risk.maxPositionSize == setup.risk.maxPositionSize)
    }

    @Test(
        "without a binding max_position_size the run equals one with the cap at 100%; rules that never bind change nothing"
    )
    func bindingCap() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try Self.load(directory, Self.capped)
        let attribution = try await RuleAttribution.run(setup: file.setup, runID: "x", jobs: 3)
        let cap = try #require(attribution.rules.first { $0.rule == .maxPositionSize })
        #expect(cap.effects.map(\.scope) == ["portfolio", "trend"])
        #expect(cap.effects[0].shaped > 0)
        #expect(cap.effects[0].changed > 0)
        let uncapped = try Self.load(directory, SweepFixture.portfolio, name: "uncapped.toml")
        let reference = try await PortfolioBacktester(setup: uncapped.setup).run(runID: "y")
        #expect(cap.effects[0].without.totalReturnPct == reference.portfolio.totalReturnPct)
        #expect(cap.effects[0].without.sharpe == reference.portfolio.sharpe)
        let baseline = try await PortfolioBacktester(setup: file.setup).run(runID: "z")
        #expect(cap.effects[0].with.totalReturnPct == baseline.portfolio.totalReturnPct)
        // The fixture sets no strategy drawdown and no correlated peers: switching those off changes nothing.
        for rule in [RiskRule.strategyDrawdown, .correlation] {
            let result = try #require(attribution.rules.first { $0.rule == rule })
            #expect(result.effects.allSatisfy { $0.changed == 0 && $0.shaped == 0 && $0.with == $0.without })
        }
        // Deterministic output for any number of workers.
        let again = try await RuleAttribution.run(setup: file.setup, runID: "x", jobs: 1)
        #expect(try again.jsonData() == attribution.jsonData())
    }

    @Test("drawdown tiers switched off: a 20% drawdown leaves the size factor at 1")
    func drawdownTiersOff() {
        var config = DynamicRiskConfig()
        config.volatilityAdjustmentEnabled = false
        var on = DynamicRiskManager(config: config, initialEquity: 10_000)
        config.drawdownTiersEnabled = false
        var off = DynamicRiskManager(config: config, initialEquity: 10_000)
        for (day, equity) in [10_000.0, 9_000, 8_000].enumerated() {
            let time = Timestamp(seconds: Int64(day) * 86_400)
            _ = on.update(barTime: time, equity: equity, close: 100)
            _ = off.update(barTime: time, equity: equity, close: 100)
        }
        #expect(on.adjustments.positionSizeFactor < 1)
        #expect(off.adjustments.positionSizeFactor == 1)
    }

    @Test("the rule switches are not encoded: a run's settings JSON is unchanged")
    func switchesNotEncoded() throws {
        let risk = String(decoding: try JSONEncoder().encode(RiskParameters()), as: UTF8.self)
        let dynamic = String(decoding: try JSONEncoder().encode(DynamicRiskConfig()), as: UTF8.self)
        #expect(!risk.contains("Enabled"))
        #expect(risk.contains("maxPositionSize"))
        #expect(!dynamic.contains("drawdown_tiers") && !dynamic.contains("performance_enabled"))
    }
}
