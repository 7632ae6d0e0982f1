import BallastCore
import BallastRisk
import BallastTestKit
import Testing

@Suite("RiskManager actor under concurrent callers (SPEC §7)")
struct RiskManagerConcurrencyTests {
    typealias F = RiskFixtures

    static func strategies(_ count: Int) -> [StrategyRiskAccount] {
        (0..<count).map { index in
            StrategyRiskAccount(
                id: index < 10 ? "s0\(index)" : "s\(index)", symbol: "SYM\(index % 7)", priority: index % 3,
                capital: 1.0 / Double(count), profile: F.profile(base: 0.9, max: 1))
        }
    }

    /// Work a caller hands the manager: decides its requests in order, check and reserve each.
    struct Deciding: RiskBookWork {
        var requests: [EntryRequest]
        var decisions: [RiskDecision] = []

        mutating func run(with book: inout PortfolioRiskBook) {
            decisions = requests.map { book.decide($0) }
        }
    }

    /// Work that resolves the requests of one moment together, as the kernel does.
    struct Resolving: RiskBookWork {
        var requests: [EntryRequest]
        var decisions: [RiskDecision] = []

        mutating func run(with book: inout PortfolioRiskBook) {
            decisions = book.resolve(requests)
        }
    }

    @Test("hundreds of concurrent perform calls never jointly exceed max_daily_risk or max_position_size")
    func concurrentRequestsRespectLimits() async {
        var parameters = RiskParameters()
        parameters.maxPositionSize = 0.01
        let strategies = Self.strategies(40)
        let manager = RiskManager(book: F.book(parameters: parameters, strategies: strategies))
        let decisions = await withTaskGroup(of: [RiskDecision].self) { group in
            for round in 0..<10 {
                for strategy in strategies {
                    group.addTask {
                        // Two requests per call: a caller's own requests are checked and reserved
                        // one after the other, with no other caller between them.
                        let work = Deciding(
                            requests: [0, 30].map { minute in
                                F.request(
                                    strategy.id, symbol: strategy.symbol,
                                    at: F.time(day: Int64(round % 3), hour: Int64(round), minute: minute),
                                    sleeveEquity: 10_000 / 40)
                            })
                        return await manager.perform(work).decisions
                    }
                }
            }
            var all: [RiskDecision] = []
            for await decisions in group { all += decisions }
            return all
        }
        #expect(decisions.count == 800)
        #expect(decisions.allSatisfy { $0.approvedFraction <= 0.01 + 1e-15 })
        let perDay = Dictionary(grouping: decisions, by: { $0.time.utcDay }).mapValues {
            $0.reduce(0) { $0 + $1.approvedFraction }
        }
        for (_, total) in perDay { #expect(total <= 0.06 + 1e-12) }
        // The budget is actually used: the limits bind rather than everything being denied.
        #expect(perDay.values.allSatisfy { $0 > 0.059 })
        #expect(Set(decisions.map(\.sequence)).count == 800)
    }

    @Test(
        "the requests of one moment resolve by (priority, id) whatever order they are listed in",
        arguments: [1, 2, 3, 4, 5])
    func momentResolvesByPriorityAndID(seed: UInt64) async {
        var parameters = RiskParameters()
        parameters.maxPositionSize = 0.02
        let strategies = Self.strategies(12)
        let manager = RiskManager(book: F.book(parameters: parameters, strategies: strategies))
        let barTime = F.time(hour: 10)
        var generator = SplitMix64(seed: seed)
        let listed = strategies.shuffled(using: &generator).enumerated().filter { $0.offset % 4 != 3 }.map(\.element)
        let work = Resolving(
            requests: listed.map { F.request($0.id, symbol: $0.symbol, at: barTime, sleeveEquity: 10_000 / 12) })
        let decisions = await manager.perform(work).decisions
        let expectedOrder = listed.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }.map(\.id)
        let resolved = decisions.sorted { $0.sequence < $1.sequence }
        #expect(resolved.map(\.strategyID) == expectedOrder)
        // 0.06 of daily budget in 0.02 slices: exactly the first three in (priority, id) order get it.
        #expect(resolved.prefix(3).allSatisfy { abs($0.approvedFraction - 0.02) < 1e-12 })
        #expect(resolved.dropFirst(3).allSatisfy { $0.approvedFraction == 0 && $0.bindingLimit == .maxDailyRisk })
    }
}
