import BallastCore
import BallastExternal
import BallastStrategies
import Foundation
import Testing

/// Protocol v1's lines (SPEC §15): what Ballast writes reads back exactly; what it reads is judged
/// strictly on known keys and ignores unknown ones.
@Suite("Strategy protocol v1: bar lines round-trip, answers are read strictly")
struct StrategyProtocolTests {
    /// The bar line, read with `JSONValue` (numbers through `Double(String)`, correctly rounded;
    /// Foundation's JSON reader on Linux is not, for long mantissas).
    static func barLine(_ bar: Bar) throws -> [String: JSONValue] {
        var bytes: [UInt8] = []
        StrategyProtocol.appendBar(bar, to: &bytes)
        #expect(bytes.last == UInt8(ascii: "\n"))
        let value = try bytes.withUnsafeBufferPointer { JSONValue.parse($0) }.get()
        guard case .object(let members) = value else { return [:] }
        return members
    }

    @Test("every price reads back as the same double, and the time as the bar's ISO-8601 open time")
    func barRoundTrip() throws {
        var generator = SplitMix64(seed: 13)
        let specials: [Double] = [100, 0.1, 0.3, 1e-7, 123.456, 4_048_270_000, 1e20, 2.5e-12, 99.99, 1 / 3]
        for index in 0..<2_000 {
            let random = Double(generator.next() % 10_000_000) / [1, 10, 100, 1_000, 7][index % 5]
            let value = index < specials.count ? specials[index] : random + Double(generator.next() % 1_000) * 1e-9
            let time = Timestamp(seconds: Int64(generator.next() % 4_000_000_000))
            let bar = Bar(time: time, open: value, high: value * 1.5, low: value / 3, close: value, volume: value * 7)
            let line = try Self.barLine(bar)
            #expect(line["time"] == .string(time.iso8601))
            for (key, expected) in [
                ("open", bar.open), ("high", bar.high), ("low", bar.low), ("close", bar.close), ("volume", bar.volume),
            ] {
                #expect(line[key] == .number(expected), "\(key): \(String(describing: line[key])) != \(expected)")
            }
        }
    }

    /// (answer line, expected signal or the words of the violation)
    static let answers: [(String, String)] = [
        (#"{"type":"signal","signal":"none"}"#, "none"),
        (#"{"type":"signal","signal":"long","values":{"prediction_confidence":0.7},"extra":[1,{"a":null}]}"#, "long"),
        (#" {"signal":"exit","type":"signal"} "#, "exit"),
        (#"{"type":"signal","signal":"short","values":{"x":null}}"#, "short"),
        (#"{"type":"signal","signal":"buy"}"#, "unknown signal \"buy\""),
        (#"{"type":"signal","signal":1}"#, "\"signal\" must be a string, got a number"),
        (#"{"type":"signal"}"#, "missing \"signal\""),
        (#"{"type":"signal","signal":"long","values":[0.7]}"#, "\"values\" must be an object"),
        (#"{"type":"signal","signal":"long","values":{"c":"high"}}"#, "value \"c\" must be a number or null"),
        (#"{"type":"ready","lookback":1}"#, "expected a \"signal\" message, got \"ready\""),
        (#"{"signal":"long"}"#, "has no string \"type\""),
        (#"["signal"]"#, "expected a JSON object, got an array"),
        (#"{"type":"signal","signal":"long""#, "malformed JSON"),
        (#"{"type":"signal","signal":"long"} x"#, "malformed JSON (unexpected text after the value"),
        ("", "malformed JSON"),
    ]

    @Test("signal answers: known keys strictly typed, unknown keys ignored", arguments: answers)
    func signals(_ line: String, _ expected: String) {
        var copy = line
        let result = copy.withUTF8 { StrategyProtocol.readSignal($0) }
        switch result {
        case .success(let (signal, _)):
            let name = [Signal.none: "none", .enterLong: "long", .enterShort: "short", .exit: "exit"][signal]
            #expect(name == expected, "\(line)")
        case .failure(let violation):
            #expect(violation.message.contains(expected), "\(line): \(violation.message)")
        }
    }

    @Test("values carry the sizer's number; null is undefined")
    func values() throws {
        var line = #"{"type":"signal","signal":"long","values":{"prediction_confidence":0.25,"other":null}}"#
        let (_, values) = try line.withUTF8 { StrategyProtocol.readSignal($0) }.get()
        #expect(values["prediction_confidence"] == 0.25)
        #expect(values["other"]?.isNaN == true)
    }

    @Test("hello carries the strategy, symbol, timeframe and params, escaped")
    func hello() throws {
        let line = StrategyProtocol.hello(
            strategy: "mine", symbol: "S\"P", timeframe: .oneHour,
            params: ["b": .bool(true), "a": .integer(3), "c": .double(0.5), "d": .string("x\ny")])
        #expect(line.hasSuffix("}\n"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "hello" && json["protocol"] as? Int == 1)
        #expect(json["symbol"] as? String == "S\"P" && json["timeframe"] as? String == "1h")
        let params = try #require(json["params"] as? [String: Any])
        #expect(params["a"] as? Int == 3 && params["b"] as? Bool == true && params["d"] as? String == "x\ny")
    }

    @Test("JSON strings with escapes and surrogate pairs parse; bad escapes do not")
    func jsonStrings() throws {
        #expect(try JSONValue.parse(#""a\"b\\c\u00e9\ud83d\ude00""#).get() == .string("a\"b\\cé😀"))
        #expect((try? JSONValue.parse(#""\x""#).get()) == nil)
        // A high surrogate followed by an escape that is not a low one (a fuzzer's trap, stop 21).
        #expect(try JSONValue.parse(#""\ud800\u00e1x""#).get() == .string("\u{FFFD}áx"))
        #expect(try JSONValue.parse(#""\ud800\ud800\udc00""#).get() == .string("\u{FFFD}\u{10000}"))
        #expect(try JSONValue.parse(#""\udc00\ud800""#).get() == .string("\u{FFFD}\u{FFFD}"))
        #expect(
            try JSONValue.parse("[1, -2.5e3, true, null]").get()
                == .array([.number(1), .number(-2500), .bool(true), .null]))
    }
}
