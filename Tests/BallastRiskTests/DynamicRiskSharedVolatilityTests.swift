import BallastCore
import BallastRisk
import BallastTestKit
import PropertyBased
import Testing

@Suite("Dynamic risk with volatility computed once per series")
struct DynamicRiskSharedVolatilityTests {
    @Test("feeding the precomputed volatility column gives the same factors and events as the manager's own window")
    func sharedColumnEqualsOwnWindow() async {
        await propertyCheck(
            count: 50, input: Gen.double(in: -0.05...0.05).array(of: 40...200), Gen.int(in: 1...6)
        ) { moves, barsPerDay in
            var closes: [Double] = []
            var times: [Int64] = []
            var price = 100.0
            let start = RiskFixtures.day0.seconds
            for (index, move) in moves.enumerated() {
                price *= 1 + move
                closes.append(price)
                times.append(start + Int64(index / barsPerDay) * 86_400 + Int64(index % barsPerDay) * 3_600)
            }
            var config = DynamicRiskConfig()
            config.volatilityWindowDays = 20
            config.lowVolatilityThreshold = 0.02
            config.highVolatilityThreshold = 0.03
            let column = DailyVolatilityWindow.column(times: times, closes: closes, windowDays: 20)
            var own = DynamicRiskManager(config: config, initialEquity: 10_000)
            var shared = DynamicRiskManager(config: config, initialEquity: 10_000)
            for index in times.indices {
                let time = Timestamp(seconds: times[index])
                let equity = 10_000 * closes[index] / 100
                let a = own.update(barTime: time, equity: equity, close: closes[index])
                let b = shared.update(
                    barTime: time, equity: equity, volatility: column[index].isNaN ? nil : column[index])
                #expect(a == b)
                #expect(own.adjustments == shared.adjustments)
            }
        }
    }
}
