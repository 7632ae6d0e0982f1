import BallastCore
import BallastRisk
import Testing

@Suite("compute_sl_tp (SPEC §4)")
struct StopLossTakeProfitTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let side: Side
        let stop: StopLossSetting
        let target: TakeProfitSetting
        let defaultTarget: Double?
        let atr: Double?
        let tightening: Double
        let expectedStop: Double?
        let expectedTarget: Double?
        var testDescription: String { name }
    }

    // Entry 100 throughout; position_size_atr_multiplier 1.5 to show it is applied.
    static let cases: [Case] = [
        Case(
            name: "2% long stop, default 4% target", side: .long, stop: .percent(0.02), target: .inherit,
            defaultTarget: nil, atr: nil, tightening: 1, expectedStop: 98, expectedTarget: 104),
        Case(
            name: "2% short stop mirrors", side: .short, stop: .percent(0.02), target: .inherit, defaultTarget: nil,
            atr: nil, tightening: 1, expectedStop: 102, expectedTarget: 96),
        Case(
            name: "ATR stop when unset: 2 × 1.5", side: .long, stop: .atr, target: .inherit, defaultTarget: nil,
            atr: 2, tightening: 1, expectedStop: 97, expectedTarget: 104),
        Case(
            name: "no ATR yet, no stop", side: .long, stop: .atr, target: .inherit, defaultTarget: nil, atr: nil,
            tightening: 1, expectedStop: nil, expectedTarget: 104),
        Case(
            name: "stop none", side: .long, stop: .none, target: .inherit, defaultTarget: nil, atr: 2,
            tightening: 1, expectedStop: nil, expectedTarget: 104),
        Case(
            name: "profile target wins", side: .long, stop: .percent(0.02), target: .percent(0.1),
            defaultTarget: 0.05, atr: nil, tightening: 1, expectedStop: 98, expectedTarget: 110),
        Case(
            name: "default_take_profit_pct", side: .long, stop: .percent(0.02), target: .inherit,
            defaultTarget: 0.05, atr: nil, tightening: 1, expectedStop: 98, expectedTarget: 105),
        Case(
            name: "target none", side: .short, stop: .percent(0.02), target: .none, defaultTarget: 0.05, atr: nil,
            tightening: 1, expectedStop: 102, expectedTarget: nil),
        Case(
            name: "tightening 1.2: 2% becomes 1.667%, target unchanged", side: .long, stop: .percent(0.02),
            target: .inherit, defaultTarget: nil, atr: nil, tightening: 1.2, expectedStop: 100 - 2 / 1.2,
            expectedTarget: 104),
        Case(
            name: "tightening 1.4 on a short", side: .short, stop: .percent(0.02), target: .inherit,
            defaultTarget: nil, atr: nil, tightening: 1.4, expectedStop: 100 + 2 / 1.4, expectedTarget: 96),
        Case(
            name: "tightening 1.6 on an ATR stop", side: .long, stop: .atr, target: .inherit, defaultTarget: nil,
            atr: 2, tightening: 1.6, expectedStop: 100 - 3 / 1.6, expectedTarget: 104),
    ]

    @Test(arguments: cases)
    func stopsAndTargets(_ testCase: Case) {
        var profile = RiskProfile()
        profile.stopLoss = testCase.stop
        profile.takeProfit = testCase.target
        var parameters = RiskParameters()
        parameters.positionSizeATRMultiplier = 1.5
        parameters.defaultTakeProfitPct = testCase.defaultTarget
        let result = StopLossTakeProfit.compute(
            entry: 100, side: testCase.side, atr: testCase.atr, profile: profile, parameters: parameters,
            tightening: testCase.tightening)
        expectClose(result.stopLoss, testCase.expectedStop)
        expectClose(result.takeProfit, testCase.expectedTarget)
    }

    @Test("the tightened 2% stop distance is 1.667% of entry")
    func tightenedDistance() throws {
        var profile = RiskProfile()
        profile.stopLoss = .percent(0.02)
        let result = StopLossTakeProfit.compute(
            entry: 250, side: .long, atr: nil, profile: profile, parameters: RiskParameters(), tightening: 1.2)
        let distance = try #require(result.stopDistanceFraction(entry: 250))
        #expect(abs(distance - 0.016_666_666_666_666_67) < 1e-12)
    }

    @Test("legacy calculate_stop_loss: entry ∓ ATR × multiplier")
    func legacyStop() {
        var parameters = RiskParameters()
        parameters.positionSizeATRMultiplier = 2
        #expect(PositionSizing.calculateStopLoss(entry: 100, atr: 1.5, side: .long, parameters: parameters) == 97)
        #expect(PositionSizing.calculateStopLoss(entry: 100, atr: 1.5, side: .short, parameters: parameters) == 103)
    }
}

func expectClose(
    _ actual: Double?, _ expected: Double?, tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation
) {
    switch (actual, expected) {
    case (nil, nil): break
    case (let actual?, let expected?):
        #expect(abs(actual - expected) <= tolerance, "\(actual) != \(expected)", sourceLocation: sourceLocation)
    default:
        Issue.record(
            "expected \(String(describing: expected)), got \(String(describing: actual))",
            sourceLocation: sourceLocation)
    }
}
