import BallastCore
import BallastRisk
import BallastTestKit
import Testing

@Suite("Shared limits: PortfolioRiskBook (SPEC §3 steps 2–7, §7)")
struct PortfolioRiskBookTests {
    typealias F = RiskFixtures

    @Test("a small request passes untouched: binding none, every step recorded")
    func passesUntouched() {
        var book = F.book(strategies: [
            StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.02))
        ])
        let decision = book.decide(F.request("a"))
        #expect(decision.approvedFraction == 0.02)
        #expect(decision.bindingLimit == .none)
        #expect(decision.trace.sized == 0.02)
        #expect(decision.trace.afterCash == 0.02)
        #expect(decision.sequence == 1)
    }

    @Test("step 2: the dynamic throttle multiplies the sized fraction")
    func throttle() {
        var book = F.book(strategies: [
            StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.05))
        ])
        let tier1 = RiskAdjustments(
            positionSizeFactor: 0.6, stopLossTightening: 1.4, dailyRiskFactor: 0.6,
            primaryReason: .drawdown, drawdownTier: 1)
        let decision = book.decide(F.request("a", adjustments: tier1))
        #expect(abs(decision.approvedFraction - 0.03) < 1e-15)
        #expect(decision.positionSizeFactor == 0.6)
        #expect(decision.primaryReason == .drawdown)
    }

    @Test("step 3: max_fraction cuts, min_fraction lifts")
    func strategyBounds() {
        var book = F.book(strategies: [
            StrategyRiskAccount(id: "cap", symbol: "AAA", capital: 0.5, profile: F.profile(base: 0.2, max: 0.1)),
            StrategyRiskAccount(id: "floor", symbol: "BBB", capital: 0.5, profile: F.profile(base: 0.001, min: 0.01)),
        ])
        let capped = book.decide(F.request("cap", sleeveEquity: 5_000))
        #expect(capped.trace.bounded == 0.1)
        #expect(abs(capped.approvedFraction - 0.05) < 1e-15)  // 0.1 of a half sleeve
        #expect(capped.bindingLimit == .maxFraction)
        let lifted = book.decide(F.request("floor", symbol: "BBB", sleeveEquity: 5_000))
        #expect(abs(lifted.approvedFraction - 0.005) < 1e-15)
        #expect(lifted.bindingLimit == .minFraction)
    }

    @Test("min_fraction never beats max_daily_risk")
    func minFractionNeverBeatsDailyRisk() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 0.03
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.001, min: 0.05))
            ])
        let decision = book.decide(F.request("a"))
        #expect(decision.trace.bounded == 0.05)
        #expect(decision.approvedFraction == 0.03)
        #expect(decision.bindingLimit == .maxDailyRisk)
        let next = book.decide(F.request("a", at: F.time(hour: 1)))
        #expect(next.approvedFraction == 0)
        #expect(next.bindingLimit == .maxDailyRisk)
    }

    @Test("step 4: the strategy's own daily cap, scaled by the daily risk factor, in sleeve terms")
    func strategyDailyBudget() {
        var profile = F.profile(base: 0.04)
        profile.maxDailyRisk = 0.1
        var book = F.book(strategies: [StrategyRiskAccount(id: "a", symbol: "AAA", capital: 0.5, profile: profile)])
        let throttled = RiskAdjustments(positionSizeFactor: 1, dailyRiskFactor: 0.7, primaryReason: .poorPerformance)
        // Cap 0.1 × 0.7 = 0.07 of the sleeve: 0.04, 0.03 (cut), then nothing.
        let first = book.decide(F.request("a", sleeveEquity: 5_000, adjustments: throttled))
        let second = book.decide(F.request("a", at: F.time(hour: 1), sleeveEquity: 5_000, adjustments: throttled))
        let third = book.decide(F.request("a", at: F.time(hour: 2), sleeveEquity: 5_000, adjustments: throttled))
        #expect(abs(first.approvedSleeveFraction - 0.04) < 1e-12)
        #expect(abs(first.approvedFraction - 0.02) < 1e-12)
        #expect(abs(second.approvedSleeveFraction - 0.03) < 1e-12)
        #expect(second.bindingLimit == .strategyDailyRisk)
        #expect(third.approvedFraction == 0)
        #expect(third.bindingLimit == .strategyDailyRisk)
    }

    @Test("step 6: max_position_size caps the portfolio fraction")
    func maxPositionSize() {
        var book = F.book(strategies: [
            StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.5))
        ])
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 1
        book = F.book(parameters: parameters, strategies: book.strategies)
        let decision = book.decide(F.request("a"))
        #expect(decision.approvedFraction == 0.25)
        #expect(decision.bindingLimit == .maxPositionSize)
    }

    @Test("the global daily budget is shared by all strategies and the lower priority one is cut")
    func sharedDailyBudget() {
        let strategies = [
            StrategyRiskAccount(id: "late", symbol: "BBB", priority: 2, capital: 0.5, profile: F.profile(base: 0.08)),
            StrategyRiskAccount(id: "early", symbol: "AAA", priority: 1, capital: 0.5, profile: F.profile(base: 0.08)),
        ]
        var book = F.book(strategies: strategies)
        let decisions = book.resolve([
            F.request("late", symbol: "BBB", sleeveEquity: 5_000), F.request("early", sleeveEquity: 5_000),
        ])
        #expect(decisions.map(\.strategyID) == ["early", "late"])
        #expect(abs(decisions[0].approvedFraction - 0.04) < 1e-12)
        #expect(abs(decisions[1].approvedFraction - 0.02) < 1e-12)
        #expect(decisions[1].bindingLimit == .maxDailyRisk)
    }

    @Test("same priority resolves by strategy id")
    func tieByID() {
        let strategies = ["c", "a", "b"].map {
            StrategyRiskAccount(id: $0, symbol: "S\($0)", priority: 5, capital: 1.0 / 3, profile: F.profile(base: 0.01))
        }
        var book = F.book(strategies: strategies)
        let decisions = book.resolve(["b", "c", "a"].map { F.request($0, symbol: "S\($0)") })
        #expect(decisions.map(\.strategyID) == ["a", "b", "c"])
        #expect(decisions.map(\.sequence) == [1, 2, 3])
    }

    @Test("the daily budget resets at 00:00 UTC, not on a position's close")
    func dailyResetAtUTCMidnight() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 0.05
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.05))
            ])
        #expect(book.decide(F.request("a", at: F.time(hour: 9))).approvedFraction == 0.05)
        // The position closes: the snapshot no longer shows it, and the budget is still spent.
        _ = book.updateAccount(AccountSnapshot(equity: 10_000, cash: 10_000), at: F.time(hour: 15))
        let sameDay = book.decide(F.request("a", at: F.time(hour: 23, minute: 59)))
        #expect(sameDay.approvedFraction == 0)
        #expect(sameDay.bindingLimit == .maxDailyRisk)
        let nextDay = book.decide(F.request("a", at: F.time(day: 1)))
        #expect(nextDay.approvedFraction == 0.05)
    }

    @Test("correlation headroom: 0.06 open in a group, cap 0.10, request 0.08 -> 0.04, binding correlation")
    func correlationHeadroom() {
        var parameters = RiskParameters()
        parameters.maxCorrelatedExposure = 0.10
        parameters.maxDailyRisk = 1
        let hook = FixedGroupCorrelationHook(groups: [["SPY", "QQQ"]])
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "SPY", capital: 0.5, profile: F.profile(base: 0.06)),
                StrategyRiskAccount(id: "b", symbol: "QQQ", capital: 0.5, profile: F.profile(base: 0.08)),
            ], hook: hook)
        _ = book.updateAccount(
            AccountSnapshot(
                equity: 10_000, cash: 9_400,
                openPositions: [
                    OpenExposure(strategyID: "a", symbol: "SPY", portfolioFraction: 0.06)
                ]), at: F.day0)
        let decision = book.decide(F.request("b", symbol: "QQQ", sleeveEquity: 10_000))
        #expect(decision.trace.afterDailyRisk == 0.08)
        #expect(abs(decision.approvedFraction - 0.04) < 1e-12)
        #expect(decision.bindingLimit == .correlation)
        #expect(decision.correlation?.groupExposure == 0.06)
        #expect(decision.correlation?.group == ["QQQ", "SPY"])
    }

    @Test("an approval counts against the correlation group of later requests in the same bar")
    func pendingApprovalsCount() {
        var parameters = RiskParameters()
        parameters.maxCorrelatedExposure = 0.10
        parameters.maxDailyRisk = 1
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "SPY", priority: 1, capital: 0.5, profile: F.profile(base: 0.07)),
                StrategyRiskAccount(id: "b", symbol: "SPY", priority: 2, capital: 0.5, profile: F.profile(base: 0.07)),
            ], hook: FixedGroupCorrelationHook(groups: []))
        let decisions = book.resolve([F.request("a", symbol: "SPY"), F.request("b", symbol: "SPY")])
        #expect(abs(decisions[0].approvedFraction - 0.07) < 1e-12)
        #expect(abs(decisions[1].approvedFraction - 0.03) < 1e-12)
        #expect(decisions[1].bindingLimit == .correlation)
    }

    @Test("a profile can switch the correlation check off or lower its cap")
    func profileCorrelationOverrides() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 1
        var off = F.profile(base: 0.2)
        off.correlationControl = false
        var tight = F.profile(base: 0.2)
        tight.maxCorrelatedExposure = 0.05
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "off", symbol: "SPY", capital: 0.5, profile: off),
                StrategyRiskAccount(id: "tight", symbol: "QQQ", capital: 0.5, profile: tight),
            ], hook: FixedGroupCorrelationHook(groups: []))
        let free = book.decide(F.request("off", symbol: "SPY", sleeveEquity: 10_000))
        #expect(free.approvedFraction == 0.2)
        #expect(free.correlation == nil)
        let capped = book.decide(F.request("tight", symbol: "QQQ", sleeveEquity: 10_000))
        #expect(abs(capped.approvedFraction - 0.05) < 1e-12)
        #expect(capped.bindingLimit == .correlation)
    }

    @Test("entries never use more than free buying power, long or short")
    func cashLimit() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 1
        parameters.maxPositionSize = 1
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.5))
            ])
        _ = book.updateAccount(AccountSnapshot(equity: 10_000, cash: 3_000), at: F.day0)
        let long = book.decide(F.request("a"))
        #expect(abs(long.approvedFraction - 0.3) < 1e-12)
        #expect(long.bindingLimit == .cash)
        let secondLong = book.decide(F.request("a"))
        #expect(secondLong.approvedFraction == 0)
        #expect(secondLong.bindingLimit == .cash)
        let short = book.decide(F.request("a", side: .short))
        #expect(short.approvedFraction == 0)
        #expect(short.bindingLimit == .cash)
        // The next mark frees the reservation: the engine's free cash now includes the fill.
        _ = book.updateAccount(AccountSnapshot(equity: 10_000, cash: 1_000), at: F.time(hour: 1))
        #expect(abs(book.decide(F.request("a", side: .short)).approvedFraction - 0.1) < 1e-12)
    }

    @Test("leverage 2 lets longs use equity beyond cash")
    func leverage() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 1
        parameters.maxPositionSize = 1
        parameters.leverage = 2
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.9))
            ])
        _ = book.updateAccount(AccountSnapshot(equity: 10_000, cash: 0), at: F.day0)
        #expect(abs(book.decide(F.request("a")).approvedFraction - 0.9) < 1e-12)
    }

    @Test("below min_order_fraction a request is denied; with nothing cutting it the binding limit is min_order")
    func minOrder() {
        var book = F.book(strategies: [
            StrategyRiskAccount(
                id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.1, sizer: .confidenceWeighted))
        ])
        let decision = book.decide(F.request("a", confidence: 0.0005))
        #expect(decision.trace.afterCash == 0.00005)
        #expect(decision.approvedFraction == 0)
        #expect(decision.bindingLimit == .minOrder)
        #expect(!decision.isApproved)
        #expect(book.state.used(on: F.day0.utcDay)?.portfolio == 0)
    }

    @Test("portfolio drawdown ≥ max_drawdown: reduce-only, entries denied; left below half of it")
    func portfolioReduceOnly() {
        var book = F.book(strategies: [
            StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.02))
        ])
        #expect(book.updateAccount(AccountSnapshot(equity: 12_000, cash: 12_000), at: F.day0).isEmpty)
        let entered = book.updateAccount(AccountSnapshot(equity: 9_600, cash: 9_600), at: F.time(day: 1))
        #expect(
            entered == [
                ReduceOnlyEvent(time: F.time(day: 1), strategyID: nil, entered: true, drawdown: 0.2, limit: 0.2)
            ])
        let denied = book.decide(F.request("a", at: F.time(day: 1)))
        #expect(denied.approvedFraction == 0)
        #expect(denied.bindingLimit == .portfolioDrawdown)
        // 10.5% drawdown: still latched (needs < 10%).
        #expect(book.updateAccount(AccountSnapshot(equity: 10_740, cash: 10_740), at: F.time(day: 2)).isEmpty)
        #expect(book.decide(F.request("a", at: F.time(day: 2))).bindingLimit == .portfolioDrawdown)
        let left = book.updateAccount(AccountSnapshot(equity: 10_860, cash: 10_860), at: F.time(day: 3))
        #expect(left.count == 1)
        #expect(left.first?.entered == false)
        #expect(book.decide(F.request("a", at: F.time(day: 3))).isApproved)
    }

    @Test("a profile's own max_drawdown puts only that strategy in reduce-only")
    func strategyReduceOnly() {
        var guarded = F.profile(base: 0.02)
        guarded.maxDrawdown = 0.1
        var book = F.book(strategies: [
            StrategyRiskAccount(id: "guarded", symbol: "AAA", capital: 0.5, profile: guarded),
            StrategyRiskAccount(id: "free", symbol: "BBB", capital: 0.5, profile: F.profile(base: 0.02)),
        ])
        let events = book.updateAccount(
            AccountSnapshot(equity: 9_500, cash: 9_500, sleeveEquity: ["guarded": 4_500, "free": 5_000]), at: F.day0)
        #expect(events.map(\.strategyID) == ["guarded"])
        #expect(book.decide(F.request("guarded", sleeveEquity: 4_500)).bindingLimit == .strategyDrawdown)
        #expect(book.decide(F.request("free", symbol: "BBB", sleeveEquity: 5_000)).isApproved)
        #expect(book.state.strategyReduceOnly == [true, false])
    }

    @Test("stop_distance daily measure counts fraction × stop distance")
    func stopDistanceMeasure() {
        var parameters = RiskParameters()
        parameters.dailyRiskMeasure = .stopDistance
        parameters.maxDailyRisk = 0.01
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.2))
            ])
        var request = F.request("a")
        request.stopDistanceFraction = 0.02
        // 0.2 × 0.02 = 0.004 of risk each: two fit, the third gets what is left (0.002 / 0.02 = 0.1).
        #expect(book.decide(request).approvedFraction == 0.2)
        #expect(book.decide(request).approvedFraction == 0.2)
        let third = book.decide(request)
        #expect(abs(third.approvedFraction - 0.1) < 1e-9)
        #expect(third.bindingLimit == .maxDailyRisk)
    }

    @Test("state survives a restart: a book rebuilt from its state decides the same")
    func restoreState() {
        let strategies = [StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.04))]
        var original = F.book(strategies: strategies)
        _ = original.decide(F.request("a"))
        var restored = PortfolioRiskBook(
            parameters: RiskParameters(), strategies: strategies, initialEquity: 10_000, state: original.state)
        #expect(restored.decide(F.request("a")) == original.decide(F.request("a")))
    }
}

@Suite("Daily budgets per UTC day")
struct DailyBudgetDayTests {
    typealias F = RiskFixtures

    @Test("a late request for an earlier day counts against that day, not today")
    func lateRequestUsesItsOwnDay() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 0.05
        var book = F.book(
            parameters: parameters,
            strategies: [
                StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.05))
            ])
        #expect(book.decide(F.request("a", at: F.time(day: 0, hour: 9))).isApproved)
        #expect(book.decide(F.request("a", at: F.time(day: 1, hour: 9))).isApproved)
        let late = book.decide(F.request("a", at: F.time(day: 0, hour: 23)))
        #expect(late.approvedFraction == 0)
        #expect(late.bindingLimit == .maxDailyRisk)
    }

    @Test("a daily bar decided at midnight counts on the bar's own day")
    func dailyBarCountsOnItsDay() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = 0.05
        var book = F.book(
            parameters: parameters,
            strategies: [StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.05))])
        var request = F.request("a", at: F.time(day: 0))
        request.decisionTime = F.time(day: 1)
        #expect(request.budgetTime == F.time(day: 0).adding(seconds: 86_399))
        let decision = book.decide(request)
        #expect(decision.isApproved)
        #expect(decision.time == F.time(day: 1))
        #expect(decision.barTime == F.time(day: 0))
        #expect(book.state.used(on: F.time(day: 0).utcDay)?.portfolio == 0.05)
        // The next daily bar (labelled day 1) has a fresh budget.
        var next = F.request("a", at: F.time(day: 1))
        next.decisionTime = F.time(day: 2)
        #expect(book.decide(next).isApproved)
    }

    @Test("without a daily budget (max_daily_risk none) nothing is cut by max_daily_risk")
    func noDailyBudget() {
        var parameters = RiskParameters()
        parameters.maxDailyRisk = nil
        parameters.maxPositionSize = 1
        parameters.maxCorrelatedExposure = 1
        var book = F.book(
            parameters: parameters,
            strategies: [StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 1))])
        for hour in 0..<5 {
            _ = book.updateAccount(AccountSnapshot(equity: 10_000, cash: 10_000), at: F.time(hour: Int64(hour)))
            let decision = book.decide(F.request("a", at: F.time(hour: Int64(hour))))
            #expect(decision.approvedFraction == 1)
            #expect(decision.bindingLimit == .none)
        }
        let budget = PortfolioRiskBudget(book: book, strategyID: "a", at: F.time(hour: 5))
        #expect(budget?.portfolioDailyLeft == nil)
        #expect(budget?.portfolioDailyUsed == 5)
    }

    @Test("days older than the retained window are closed")
    func closedDays() {
        var book = F.book(strategies: [
            StrategyRiskAccount(id: "a", symbol: "AAA", capital: 1, profile: F.profile(base: 0.01))
        ])
        book.advanceClock(to: F.time(day: 10))
        #expect(book.state.used(on: F.time(day: 3).utcDay) == nil)
        #expect(book.state.used(on: F.time(day: 4).utcDay) != nil)
        let stale = book.decide(F.request("a", at: F.time(day: 3)))
        #expect(stale.approvedFraction == 0)
        #expect(stale.bindingLimit == .maxDailyRisk)
        #expect(book.state.days.count == 1)
    }
}
