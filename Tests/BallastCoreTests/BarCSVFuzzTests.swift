import BallastCore
import BallastTestKit
import Testing

/// Issue 16 item 5: the bar CSV loader never crashes or hangs on untrusted bytes; every rejection
/// is a `DataError` with a message. `BALLAST_FUZZ_ITERATIONS` sets the inputs (docs/RELIABILITY.md).
@Suite("Fuzz: the bar CSV loader")
struct BarCSVFuzzTests {
    static let seeds = [
        """
        timestamp,open,high,low,close,volume
        1999-01-04T00:00:00Z,1229.22998,1248.810059,1219.099976,1228.099976,877000000
        1999-01-05T00:00:00Z,1228.099976,1246.109985,1228.099976,1244.780029,775000000
        1999-01-06T00:00:00Z,1244.780029,1272.5,1244.780029,1272.339966,986900000

        """,
        "time,open,high,low,close,volume,prediction_confidence\r\n1700000000,1,2,0.5,1.5,10,0.7\r\n"
            + "1700086400,1.5,2,1,1.8,12,\r\n1700172800,1.8,1.9,1.7,1.75,3,0.2\r\n",
        "\"date\", \"open\", \"high\", \"low\", \"close\"\n2024-01-01,1e2,1.1e2,9.9e1,100.5\n"
            + "2024-01-02,100.5,101,99,100\n",
    ]
    static let dictionary = [
        ",", "\n", "\r\n", "\"", "-", ".", "e", "E", "+", "T", "Z", ":", "nan", "inf", "-0", "1e308", "1e-400",
        "9999999999999999999999", "timestamp", "open", "high", "low", "close", "volume", "\u{FEFF}", "\0", "  ",
        "2024-02-30T25:61:61Z", "0000-00-00",
    ]

    @Test("mutated bar files: no crash, no hang, every rejection a DataError with a message")
    func loaderSurvivesMutations() {
        var fuzzer = SeededFuzzer(seeds: Self.seeds, dictionary: Self.dictionary, seed: 0xBA11_A57C)
        let loader = BarCSVLoader(symbol: "FUZZ", timeframe: .oneDay)
        let tally = fuzzer.run(target: "bar CSV", iterations: SeededFuzzer.iterations(default: 3_000)) { input in
            input.withUnsafeBytes { bytes in
                do {
                    _ = try loader.parse(bytes: bytes, fileName: "fuzz.csv")
                    return FuzzOutcome.accepted
                } catch let error as DataError {
                    return .rejected(named: true, message: error.description)
                } catch {
                    return .rejected(named: false, message: "\(type(of: error)): \(error)")
                }
            }
        }
        print(tally)
        #expect(tally.badRejections.isEmpty, "\(tally.badRejections.prefix(5))")
        #expect(tally.slowest < 2, "an input took \(tally.slowest) s")
        #expect(tally.rejected > 0 && tally.accepted > 0)
    }
}
