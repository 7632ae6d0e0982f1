import BallastExternal
import BallastTestKit
import Testing

/// Issue 16 item 5: the process-strategy protocol reader never crashes or hangs on what a process
/// writes; every rejection is a `ProtocolViolation` with a message. `BALLAST_FUZZ_ITERATIONS` sets
/// the inputs (docs/RELIABILITY.md).
@Suite("Fuzz: the process-strategy protocol reader")
struct StrategyProtocolFuzzTests {
    static let seeds = [
        #"{"type":"ready","lookback":50}"#,
        #"{"type":"signal","signal":"none"}"#,
        #"{"type":"signal","signal":"long","values":{"confidence":0.75,"sma":null}}"#,
        #"{"signal":"exit","type":"signal","extra":[1,2,{"a":"b"}],"values":{}}"#,
        #"{"type":"signal","signal":"short","values":{"x":-1.5e-3,"y":"\u00e9\n"}}"#,
    ]
    static let dictionary = [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "null", "true", "false", "-", "0", "1e999",
        "-1e-999",
        "0.0000000000000000000001", "\"type\"", "\"ready\"", "\"signal\"", "\"values\"", "\"lookback\"", "\"long\"",
        "\"exit\"", "1000001", "NaN", "Infinity", "\u{0}", "\u{FEFF}", " ", "\t", String(repeating: "[", count: 80),
        String(repeating: "{\"a\":", count: 70),
    ]

    static func read(_ input: [UInt8], ready: Bool) -> FuzzOutcome {
        input.withUnsafeBufferPointer { line in
            if ready {
                switch StrategyProtocol.readReady(line) {
                case .success: return .accepted
                case .failure(let violation): return .rejected(named: true, message: violation.message)
                }
            }
            switch StrategyProtocol.readSignal(line) {
            case .success: return .accepted
            case .failure(let violation): return .rejected(named: true, message: violation.message)
            }
        }
    }

    @Test("mutated answer lines: no crash, no hang, every rejection a ProtocolViolation with a message")
    func readerSurvivesMutations() {
        var fuzzer = SeededFuzzer(seeds: Self.seeds, dictionary: Self.dictionary, seed: 0x9_0C01)
        var asReady = false
        let tally = fuzzer.run(target: "protocol", iterations: SeededFuzzer.iterations(default: 5_000)) { input in
            asReady.toggle()
            return Self.read(input, ready: asReady)
        }
        print(tally)
        #expect(tally.badRejections.isEmpty, "\(tally.badRejections.prefix(5))")
        #expect(tally.slowest < 2, "an input took \(tally.slowest) s")
        #expect(tally.rejected > 0 && tally.accepted > 0)
    }

    @Test("nesting far past the limit is a violation, not a stack overflow", arguments: ["[", "{\"a\":"])
    func deepNesting(_ opener: String) {
        let line = Array((#"{"type":"signal","signal":"none","x":"# + String(repeating: opener, count: 100_000)).utf8)
        guard case .rejected(true, let message) = Self.read(line, ready: false) else {
            Issue.record("a 100,000-deep line was not rejected")
            return
        }
        #expect(message.contains("nested too deeply"))
    }
}
