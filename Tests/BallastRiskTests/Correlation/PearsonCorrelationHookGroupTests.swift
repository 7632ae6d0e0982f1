import BallastCore
import BallastRisk
import Testing

/// Group membership and headroom (SPEC §6) on `CorrelationUniverse`: SPY and QQQ move together,
/// GLD is independent, SH is inverse, NEG is about −0.93 and MIX about 0.58 with SPY.
@Suite("Pearson correlation hook: groups and headroom")
struct PearsonCorrelationHookGroupTests {
    let hook = CorrelationUniverse.hook
    let time = CorrelationUniverse.decision

    func position(_ strategy: String, _ symbol: String, _ fraction: Double) -> OpenExposure {
        CorrelationUniverse.position(strategy, symbol, fraction)
    }

    @Test func universeHasTheIntendedCorrelations() throws {
        #expect(try #require(hook.correlation("SPY", "QQQ", at: time)) > 0.999_999)
        #expect(try #require(hook.correlation("SPY", "SH", at: time)) < -0.999_999)
        #expect(abs(try #require(hook.correlation("SPY", "GLD", at: time))) < 0.2)
        let negative = try #require(hook.correlation("SPY", "NEG", at: time))
        #expect(negative < -0.9 && negative > -0.95)
        let mixed = try #require(hook.correlation("SPY", "MIX", at: time))
        #expect(mixed > 0.5 && mixed < 0.7)
    }

    /// The spec's worked example: 0.06 already open in the group, cap 0.10, request 0.08 -> 0.04.
    @Test func workedExampleCutsTheRequestToTheHeadroom() {
        let result = hook.check(
            symbol: "QQQ", requestedFraction: 0.08, openPositions: [position("trend-spy", "SPY", 0.06)], cap: 0.10,
            at: time)
        #expect(abs(result.allowedFraction - 0.04) < 1e-12)
        #expect(result.allowedFraction + result.groupExposure <= 0.10)
        #expect(result.groupExposure == 0.06)
        #expect(result.group == ["QQQ", "SPY"])
        #expect(result.reason == "group [QQQ, SPY] exposure 0.06 of cap 0.10, headroom 0.04; request 0.08 cut to 0.04")
    }

    @Test func requestBelowTheHeadroomPassesUnchanged() {
        let result = hook.check(
            symbol: "QQQ", requestedFraction: 0.03, openPositions: [position("trend-spy", "SPY", 0.06)], cap: 0.10,
            at: time)
        #expect(result.allowedFraction == 0.03)
        #expect(result.reason == "group [QQQ, SPY] exposure 0.06 of cap 0.10, headroom 0.04")
    }

    @Test(arguments: [0.10, 0.12, 0.5])
    func groupAtOrAboveTheCapAllowsNothing(exposure: Double) {
        let result = hook.check(
            symbol: "QQQ", requestedFraction: 0.05, openPositions: [position("trend-spy", "SPY", exposure)], cap: 0.10,
            at: time)
        #expect(result.allowedFraction == 0)
        #expect(result.reason.hasSuffix("headroom 0.00; request 0.05 cut to 0.00"))
    }

    @Test(arguments: ["GLD", "SH", "NEG", "MIX"])
    func uncorrelatedOrNegativelyCorrelatedPositionsDoNotCount(other: String) {
        let positions = [position("trend-spy", "SPY", 0.06), position("other", other, 0.09)]
        let result = hook.check(symbol: "QQQ", requestedFraction: 0.08, openPositions: positions, cap: 0.10, at: time)
        #expect(result.groupExposure == 0.06)
        #expect(result.group == ["QQQ", "SPY"])
        #expect(abs(result.allowedFraction - 0.04) < 1e-12)
    }

    @Test func shortPositionsCountByAbsoluteValue() {
        let positions = [position("a", "SPY", -0.04), position("b", "QQQ", 0.02)]
        let result = hook.check(symbol: "SPY", requestedFraction: 0.08, openPositions: positions, cap: 0.10, at: time)
        #expect(abs(result.groupExposure - 0.06) < 1e-15)
        #expect(abs(result.allowedFraction - 0.04) < 1e-12)
    }

    @Test func otherStrategiesInTheSameSymbolAlwaysCount() {
        let positions = [position("a", "SPY", 0.03), position("b", "SPY", 0.02), position("c", "GLD", 0.05)]
        let result = hook.check(symbol: "SPY", requestedFraction: 0.08, openPositions: positions, cap: 0.10, at: time)
        #expect(abs(result.groupExposure - 0.05) < 1e-15)
        #expect(result.group == ["SPY"])
    }

    /// Without data there is no correlation with anything, but a symbol is still its own group.
    @Test func sameSymbolCountsEvenWithoutData() {
        let positions = [position("a", "XYZ", 0.04), position("b", "SPY", 0.05)]
        let result = hook.check(symbol: "XYZ", requestedFraction: 0.08, openPositions: positions, cap: 0.10, at: time)
        #expect(result.groupExposure == 0.04)
        #expect(result.group == ["XYZ"])
        #expect(hook.correlation("XYZ", "XYZ", at: time) == 1)
        #expect(hook.correlation("XYZ", "SPY", at: time) == nil)
    }

    @Test func groupListsTheCandidateFirstThenTheOthersByName() {
        let positions = [position("a", "SPY", 0.01), position("b", "QQQ", 0.01), position("c", "GLD", 0.01)]
        let result = hook.check(symbol: "SPY", requestedFraction: 0.01, openPositions: positions, cap: 0.15, at: time)
        #expect(result.group == ["SPY", "QQQ"])
    }

    /// The threshold is inclusive: a correlation exactly at it joins the group, one just below does not.
    @Test(arguments: [true, false])
    func thresholdIsInclusive(atThreshold: Bool) throws {
        let coefficient = try #require(hook.correlation("SPY", "MIX", at: time))
        let threshold = atThreshold ? coefficient : coefficient.nextUp
        let strict = PearsonCorrelationHook(series: CorrelationUniverse.series, threshold: threshold)
        let result = strict.check(
            symbol: "SPY", requestedFraction: 0.08, openPositions: [position("m", "MIX", 0.06)], cap: 0.10, at: time)
        #expect(result.groupExposure == (atThreshold ? 0.06 : 0))
        #expect(result.group == (atThreshold ? ["SPY", "MIX"] : ["SPY"]))
    }

    @Test func lowerThresholdAdmitsWeakerCorrelations() {
        let loose = PearsonCorrelationHook(series: CorrelationUniverse.series, threshold: 0.5)
        let positions = [position("m", "MIX", 0.06)]
        #expect(
            hook.check(symbol: "SPY", requestedFraction: 0.08, openPositions: positions, cap: 0.1, at: time)
                .groupExposure == 0)
        #expect(
            loose.check(symbol: "SPY", requestedFraction: 0.08, openPositions: positions, cap: 0.1, at: time)
                .groupExposure == 0.06)
    }

    @Test func resultDoesNotDependOnTheOrderOfPositions() {
        let positions = [
            position("a", "SPY", 0.013), position("b", "QQQ", 0.027), position("c", "SPY", 0.031),
            position("d", "GLD", 0.05), position("e", "QQQ", -0.011),
        ]
        let forward = hook.check(symbol: "QQQ", requestedFraction: 0.2, openPositions: positions, cap: 0.15, at: time)
        let backward = hook.check(
            symbol: "QQQ", requestedFraction: 0.2, openPositions: positions.reversed(), cap: 0.15, at: time)
        #expect(forward == backward)
    }

    @Test(arguments: [(-0.05, 0.10), (Double.nan, 0.10), (0.05, Double.nan)])
    func invalidInputsFailClosed(requested: Double, cap: Double) {
        let result = hook.check(
            symbol: "QQQ", requestedFraction: requested, openPositions: [position("a", "SPY", 0.02)], cap: cap, at: time
        )
        #expect(result.allowedFraction == 0)
    }

    @Test func largestGroupExposureReportsTheBiggestGroup() {
        let positions = [
            position("a", "SPY", 0.04), position("b", "QQQ", -0.03), position("c", "GLD", 0.05),
            position("d", "SH", 0.02),
        ]
        #expect(
            abs(hook.largestGroupExposure(symbols: ["SPY", "GLD", "SH"], openPositions: positions, at: time) - 0.07)
                < 1e-15)
        #expect(hook.largestGroupExposure(symbols: ["GLD", "SH"], openPositions: positions, at: time) == 0.05)
        #expect(hook.largestGroupExposure(symbols: ["SH"], openPositions: positions, at: time) == 0.02)
        #expect(hook.largestGroupExposure(symbols: ["XYZ"], openPositions: positions, at: time) == 0)
        #expect(hook.largestGroupExposure(symbols: [], openPositions: positions, at: time) == 0)
    }
}
