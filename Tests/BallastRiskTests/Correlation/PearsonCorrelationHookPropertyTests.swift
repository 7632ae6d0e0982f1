import BallastCore
import BallastRisk
import PropertyBased
import Testing

/// Invariants of `check` over random portfolios on `CorrelationUniverse`.
@Suite("Pearson correlation hook: properties")
struct PearsonCorrelationHookPropertyTests {
    static let symbols = ["SPY", "QQQ", "GLD", "SH", "NEG", "MIX", "XYZ"]
    static let positions = zip(Gen.int(in: 0...6), Gen.double(in: -0.2...0.2)).array(of: 0...8)

    static func exposures(_ drawn: [(Int, Double)]) -> [OpenExposure] {
        drawn.enumerated().map { index, entry in
            OpenExposure(strategyID: "s\(index)", symbol: symbols[entry.0], portfolioFraction: entry.1)
        }
    }

    /// allowed ∈ [0, requested]; allowed + group exposure ≤ cap whenever allowed > 0; and the headroom
    /// is enforced, not scaled: allowed is the request or (to a few ulps) all of the headroom.
    @Test func allowedStaysWithinRequestAndCap() async {
        let hook = CorrelationUniverse.hook
        let time = CorrelationUniverse.decision
        await propertyCheck(
            input: Gen.int(in: 0...6), Gen.double(in: 0...0.5), Gen.double(in: 0...0.3), Self.positions
        ) { candidate, requested, cap, drawn in
            let result = hook.check(
                symbol: Self.symbols[candidate], requestedFraction: requested, openPositions: Self.exposures(drawn),
                cap: cap, at: time)
            #expect(result.allowedFraction >= 0)
            #expect(result.allowedFraction <= requested)
            if result.allowedFraction > 0 { #expect(result.allowedFraction + result.groupExposure <= cap) }
            let headroom = max(0, cap - result.groupExposure)
            #expect(result.allowedFraction >= min(requested, headroom) - 4 * cap.ulp)
            #expect(result.group.first == Self.symbols[candidate])
        }
    }

    /// The group exposure is Σ |fraction| of the positions whose symbol is in the group, and
    /// `largestGroupExposure` of one symbol is that symbol's group exposure.
    @Test func groupExposureMatchesTheGroup() async {
        let hook = CorrelationUniverse.hook
        let time = CorrelationUniverse.decision
        await propertyCheck(input: Gen.int(in: 0...6), Self.positions) { candidate, drawn in
            let positions = Self.exposures(drawn)
            let symbol = Self.symbols[candidate]
            let result = hook.check(
                symbol: symbol, requestedFraction: 0.1, openPositions: positions, cap: 0.15, at: time)
            let members = Set(result.group)
            let expected = positions.filter { members.contains($0.symbol) }.reduce(0) { $0 + abs($1.portfolioFraction) }
            #expect(abs(result.groupExposure - expected) < 1e-12)
            #expect(
                hook.largestGroupExposure(symbols: [symbol], openPositions: positions, at: time) == result.groupExposure
            )
            for other in members where other != symbol {
                #expect((hook.correlation(symbol, other, at: time) ?? -2) >= hook.threshold)
            }
        }
    }
}
