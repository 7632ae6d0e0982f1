import BallastConfig
import BallastTestKit
import Foundation
import Testing

/// Issue 16 item 5: the portfolio decoder never crashes or hangs on untrusted text; every rejection
/// is a `ConfigurationError` with a message. `BALLAST_FUZZ_ITERATIONS` sets the inputs
/// (docs/RELIABILITY.md).
@Suite("Fuzz: the portfolio decoder")
struct PortfolioDecoderFuzzTests {
    static let dictionary = [
        "[", "]", "[[", "]]", "{", "}", "=", "\"", "'", "\"\"\"", ",", ".", "\n", "#", "_", "-", "+", "e", "inf", "nan",
        "true", "false", "1979-05-27T07:32:00Z", "0x", "0o", "0b", "\\u00", "\\", "[portfolio]", "[risk]",
        "[execution]", "[[strategies]]", "[strategies.risk]", "[strategies.risk.dynamic_risk]", "kind = ",
        "params = {", "id = ", "stops = \"venue\"", "fill = \"close\"", "1e400", "-0", "99999999999999999999",
    ]

    @Test("mutated portfolio files: no crash, no hang, every rejection a ConfigurationError with a message")
    func decoderSurvivesMutations() throws {
        let root = DemoPortfolioFixture.repositoryRoot
        let seeds = [
            try String(contentsOf: root.appendingPathComponent("portfolios/demo.toml"), encoding: .utf8),
            try String(
                contentsOf: root.appendingPathComponent("examples/python-strategy/portfolio.toml"), encoding: .utf8),
            SweepFixture.portfolio,
        ]
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The files the seeds name exist (empty: the decoder checks that a data file exists, the
        // loader reads it later), so unmutated and lightly mutated seeds pass the existence checks
        // and reach the validation of every key behind them.
        let base = directory.url.appendingPathComponent("portfolio/folder")
        for data in ["portfolio/folder/data/", "portfolio/folder/", "portfolios/data/"] {
            for name in ["SP500-1d.csv", "GOOGL-1d.csv"] { try directory.write(data + name, "") }
        }
        for (index, seed) in seeds.enumerated() {
            #expect(throws: Never.self, "seed \(index) is valid where the fuzzer runs") {
                try PortfolioDefinition(toml: seed, file: "seed.toml", directory: base)
            }
        }
        var fuzzer = SeededFuzzer(seeds: seeds, dictionary: Self.dictionary, seed: 0x70_4D_1F)
        let tally = fuzzer.run(target: "portfolio", iterations: SeededFuzzer.iterations(default: 1_500)) { input in
            do {
                _ = try PortfolioDefinition(
                    toml: String(decoding: input, as: UTF8.self), file: "fuzz.toml", directory: base)
                return .accepted
            } catch let error as ConfigurationError {
                return .rejected(named: true, message: error.description)
            } catch {
                return .rejected(named: false, message: "\(type(of: error)): \(error)")
            }
        }
        print(tally)
        #expect(tally.badRejections.isEmpty, "\(tally.badRejections.prefix(5))")
        #expect(tally.slowest < 2, "an input took \(tally.slowest) s")
        #expect(tally.rejected > 0)
        #expect(tally.accepted > 0, "no input passed validation: the fuzzer stops at the first check")
    }
}
