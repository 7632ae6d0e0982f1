import BallastCore
import BallastRisk
import BallastTestKit
import Testing

/// A reversal (SPEC §8: close, then open, on the same fill) is judged on the book as it will be
/// after its own close: the closing position counts neither in the correlated group's exposure
/// nor against buying power. Every other strategy still sees it (docs/RISK.md, "Reversals").
@Suite("Reversals: judged on the book after their own close")
struct ReversalRiskTests {
    typealias F = RiskFixtures

    /// All-in limits: one strategy may hold the whole portfolio, one correlated group may too.
    static var allIn: RiskParameters {
        var parameters = RiskParameters()
        parameters.maxPositionSize = 1
        parameters.maxDailyRisk = nil
        parameters.maxCorrelatedExposure = 1
        return parameters
    }

    /// A book whose strategy `a` holds a long of 0.98 of equity in AAA (cash left: 0.02), with a
    /// second strategy `b` on the correlated symbol BBB.
    static func bookHoldingLong() -> PortfolioRiskBook {
        var book = F.book(
            parameters: allIn,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", priority: 1, capital: 0.5, profile: F.profile(base: 0.98)),
                StrategyRiskAccount(id: "b", symbol: "BBB", priority: 2, capital: 0.5, profile: F.profile(base: 0.98)),
            ], hook: FixedGroupCorrelationHook(groups: [["AAA", "BBB"]]))
        _ = book.updateAccount(
            AccountSnapshot(
                equity: 10_000, cash: 200,
                openPositions: [OpenExposure(strategyID: "a", symbol: "AAA", portfolioFraction: 0.98)]),
            at: F.day0)
        return book
    }

    static func reversal(_ strategyID: String = "a", symbol: String = "AAA", side: Side = .short) -> EntryRequest {
        var request = F.request(strategyID, symbol: symbol, side: side)
        request.reverses = true
        return request
    }

    @Test("an all-in long reversing to short gets its whole fraction: no correlation or cash cut")
    func allInReversalIsApproved() {
        var book = Self.bookHoldingLong()
        let decision = book.decide(Self.reversal())
        #expect(decision.trace.afterDailyRisk == 0.98)
        #expect(decision.correlation?.groupExposure == 0)
        #expect(decision.trace.afterCorrelation == 0.98)
        #expect(abs(decision.approvedFraction - 0.98) < 1e-12)
        #expect(decision.bindingLimit == .none)
    }

    @Test("the same request as a plain entry is still cut: the open position counts for a new one")
    func plainEntryStillCounts() {
        var book = Self.bookHoldingLong()
        let decision = book.decide(F.request("a", side: .short))
        #expect(abs(decision.approvedFraction - 0.02) < 1e-12)
    }

    @Test("another strategy's entry still sees the position: only its own reversal is freed of it")
    func otherStrategyStillSeesThePosition() {
        var book = Self.bookHoldingLong()
        let other = book.decide(F.request("b", symbol: "BBB"))
        #expect(other.correlation?.groupExposure == 0.98)
        #expect(abs(other.approvedFraction - 0.02) < 1e-12)
        #expect(other.bindingLimit == .correlation)
    }

    @Test("the reversal's approval is reserved: a later request in the same bar sees the new position")
    func reversalReservesItsEntry() {
        var book = Self.bookHoldingLong()
        let decisions = book.resolve([Self.reversal(), F.request("b", symbol: "BBB")])
        #expect(abs(decisions[0].approvedFraction - 0.98) < 1e-12)
        // The group holds the old long (0.98, closed only at the fill) and the approved short (0.98).
        #expect(decisions[1].approvedFraction == 0)
        #expect(decisions[1].bindingLimit == .correlation)
    }

    @Test("daily risk: a reversal's close gives no budget back")
    func dailyBudgetIsNotReturned() {
        var parameters = Self.allIn
        parameters.maxDailyRisk = 1.5
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.98))
            ], hook: FixedGroupCorrelationHook(groups: []))
        let first = book.decide(F.request("a"))
        #expect(first.approvedFraction == 0.98)
        _ = book.updateAccount(
            AccountSnapshot(
                equity: 10_000, cash: 200,
                openPositions: [OpenExposure(strategyID: "a", symbol: "AAA", portfolioFraction: 0.98)]),
            at: F.time(hour: 1))
        var reversal = Self.reversal()
        reversal.barTime = F.time(hour: 1)
        reversal.decisionTime = F.time(hour: 1)
        let second = book.decide(reversal)
        #expect(abs(second.approvedFraction - 0.52) < 1e-12)
        #expect(second.bindingLimit == .maxDailyRisk)
    }
}
