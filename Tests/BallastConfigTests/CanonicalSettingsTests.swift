import BallastConfig
import Testing

/// A live run is keyed by the parsed settings, not the file's bytes (issue 11, item 4).
@Suite("CanonicalSettings: comments and formatting do not count, real changes are named")
struct CanonicalSettingsTests {
    static let base = """
        [portfolio]
        name = "p"
        initial_balance = 10_000
        [risk]
        max_daily_risk = 0.06
        max_drawdown = 0.20
        [[strategies]]
        id = "a"
        kind = "sma_cross"
        params = { fast = 2, slow = 4 }
        """

    @Test(
        "the same settings however written",
        arguments: [
            base + "\n# a comment appended\n",
            base.replacingOccurrences(of: "max_drawdown = 0.20", with: "max_drawdown=0.2   # trailing comment"),
            base.replacingOccurrences(of: "initial_balance = 10_000", with: "initial_balance = 10000.0"),
            base.replacingOccurrences(of: "name = \"p\"", with: "name = 'p'"),
            base.replacingOccurrences(
                of: "max_daily_risk = 0.06\nmax_drawdown = 0.20", with: "max_drawdown = 0.20\nmax_daily_risk = 0.06"),
            base.replacingOccurrences(
                of: "params = { fast = 2, slow = 4 }", with: "[strategies.params]\nslow = 4\nfast = 2"),
        ])
    func sameSettings(text: String) throws {
        let original = try CanonicalSettings(toml: Self.base, file: "p.toml")
        let edited = try CanonicalSettings(toml: text, file: "p.toml")
        #expect(edited == original)
        #expect(edited.hash == original.hash)
        #expect(edited.changedKeys(from: original).isEmpty)
    }

    @Test("a real change names its keys: changed, added and removed")
    func changedKeys() throws {
        let original = try CanonicalSettings(toml: Self.base, file: "p.toml")
        let text = Self.base
            .replacingOccurrences(of: "max_daily_risk = 0.06", with: "max_daily_risk = 0.05")
            .replacingOccurrences(of: "max_drawdown = 0.20\n", with: "")
            .replacingOccurrences(of: "slow = 4 }", with: "slow = 4, extra = true }")
        let edited = try CanonicalSettings(toml: text, file: "p.toml")
        #expect(edited.hash != original.hash)
        #expect(
            edited.changedKeys(from: original) == [
                "risk.max_daily_risk", "risk.max_drawdown", "strategies[0].params.extra",
            ])
    }

    @Test("the backtest run id still hashes the file's text; the live key does not")
    func backtestIdUnchanged() throws {
        let settings = try CanonicalSettings(toml: Self.base, file: "p.toml")
        let key = RunIdentity.liveKey(settings: settings, feed: "replay", venue: "paper")
        #expect(key == "live-\(settings.hash)-replay-paper")
        #expect(RunIdentity.feedAndVenue(ofLiveKey: key)! == ("replay", "paper"))
        #expect(
            RunIdentity.feedAndVenue(ofLiveKey: "live-bt-0123456789abcdef-binance-binance")! == ("binance", "binance"))
    }
}
