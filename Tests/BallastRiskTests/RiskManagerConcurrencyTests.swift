import BallastCore
import BallastRisk
import BallastTestKit
import Testing

@Suite("RiskManager actor under concurrent strategy actors (SPEC §7)")
struct RiskManagerConcurrencyTests {
    typealias F = RiskFixtures

    static func strategies(_ count: Int) -> [StrategyRiskAccount] {
        (0..<count).map { index in
            StrategyRiskAccount(
                id: index < 10 ? "s0\(index)" : "s\(index)", symbol: "SYM\(index % 7)", priority: index % 3,
                capital: 1.0 / Double(count), profile: F.profile(base: 0.9, max: 1))
        }
    }

    @Test("hundreds of simultaneous requests never exceed max_daily_risk or max_position_size")
    func concurrentRequestsRespectLimits() async {
        var parameters = RiskParameters()
        parameters.maxPositionSize = 0.01
        let strategies = Self.strategies(40)
        let manager = RiskManager(book: F.book(parameters: parameters, strategies: strategies))
        let decisions = await withTaskGroup(of: RiskDecision.self) { group in
            for round in 0..<10 {
                for strategy in strategies {
                    group.addTask {
                        await manager.decide(
                            F.request(
                                strategy.id, symbol: strategy.symbol,
                                at: F.time(day: Int64(round % 3), hour: Int64(round)),
                                sleeveEquity: 10_000 / 40))
                    }
                }
            }
            var all: [RiskDecision] = []
            for await decision in group { all.append(decision) }
            return all
        }
        #expect(decisions.count == 400)
        #expect(decisions.allSatisfy { $0.approvedFraction <= 0.01 + 1e-15 })
        let perDay = Dictionary(grouping: decisions, by: { $0.time.utcDay }).mapValues {
            $0.reduce(0) { $0 + $1.approvedFraction }
        }
        for (_, total) in perDay { #expect(total <= 0.06 + 1e-12) }
        // The budget is actually used: the limits bind rather than everything being denied.
        #expect(perDay.values.allSatisfy { $0 > 0.059 })
        #expect(Set(decisions.map(\.sequence)).count == 400)
    }

    @Test("a round resolves by (priority, id) whatever the arrival order", arguments: [1, 2, 3, 4, 5])
    func roundOrderIndependentOfArrival(seed: UInt64) async {
        var parameters = RiskParameters()
        parameters.maxPositionSize = 0.02
        let strategies = Self.strategies(12)
        let manager = RiskManager(book: F.book(parameters: parameters, strategies: strategies))
        let barTime = F.time(hour: 10)
        await manager.openRound(at: barTime, participants: Set(strategies.map(\.id)))
        var generator = SplitMix64(seed: seed)
        let arrival = strategies.shuffled(using: &generator)
        let decisions = await withTaskGroup(of: RiskDecision?.self) { group in
            for (index, strategy) in arrival.enumerated() {
                group.addTask {
                    if index % 4 == 3 {
                        await manager.pass(strategyID: strategy.id, at: barTime)
                        return nil
                    }
                    return await manager.submit(
                        F.request(strategy.id, symbol: strategy.symbol, at: barTime, sleeveEquity: 10_000 / 12))
                }
            }
            var all: [RiskDecision] = []
            for await decision in group { if let decision { all.append(decision) } }
            return all
        }
        let passed = Set(arrival.enumerated().filter { $0.offset % 4 == 3 }.map(\.element.id))
        let expectedOrder = strategies.filter { !passed.contains($0.id) }
            .sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }.map(\.id)
        let resolved = decisions.sorted { $0.sequence < $1.sequence }
        #expect(resolved.map(\.strategyID) == expectedOrder)
        // 0.06 of daily budget in 0.02 slices: exactly the first three in (priority, id) order get it.
        #expect(resolved.prefix(3).allSatisfy { abs($0.approvedFraction - 0.02) < 1e-12 })
        #expect(resolved.dropFirst(3).allSatisfy { $0.approvedFraction == 0 && $0.bindingLimit == .maxDailyRisk })
    }

    @Test("a request outside any round is decided at once")
    func submitWithoutRound() async {
        let manager = RiskManager(book: F.book(strategies: Self.strategies(2)))
        let decision = await manager.submit(F.request("s00", symbol: "SYM0", sleeveEquity: 5_000))
        #expect(decision.isApproved)
        #expect(decision.sequence == 1)
    }
}
