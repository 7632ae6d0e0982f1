import BallastConfig
import BallastSweep
import BallastTestKit
import Foundation
import Testing

/// Issue 16 item 5: the sweep file decoder never crashes or hangs on untrusted text; every
/// rejection is a `ConfigurationError` with a message. `BALLAST_FUZZ_ITERATIONS` sets the inputs
/// (docs/RELIABILITY.md).
@Suite("Fuzz: the sweep file decoder")
struct SweepFileFuzzTests {
    static let dictionary = [
        "[", "]", "[[axes]]", "{", "}", "=", "\"", ",", ".", "\n", "#", "-", "e", "inf", "nan", "0", "-1",
        "99999999999999999999", "1e308", "key = ", "range = { from = ", "to = ", "step = ", "values = [",
        "objective = ", "portfolio = ", "\"final_equity\"", "\"sharpe\"", "strategies.", ".params.", "[walk_forward]",
        "true", "false",
    ]

    @Test("mutated sweep files: no crash, no hang, every rejection a ConfigurationError with a message")
    func decoderSurvivesMutations() throws {
        let seed = try String(
            contentsOf: DemoPortfolioFixture.repositoryRoot.appendingPathComponent("bench/sweep-repro/sweep.toml"),
            encoding: .utf8)
        var fuzzer = SeededFuzzer(
            seeds: [seed, SweepFixture.smallGrid], dictionary: Self.dictionary, seed: 0x5EE9)
        let tally = fuzzer.run(target: "sweep", iterations: SeededFuzzer.iterations(default: 2_000)) { input in
            do {
                _ = try SweepFile.parse(text: String(decoding: input, as: UTF8.self), path: "fuzz-sweep.toml")
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
    }
}
