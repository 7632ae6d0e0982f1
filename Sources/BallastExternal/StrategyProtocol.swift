import BallastCore
import BallastStrategies

/// Protocol v1 of process strategies (SPEC §15, docs/STRATEGY-PROTOCOL.md): the lines Ballast
/// writes and the reading of the lines it gets back. Pure functions; the I/O is `StrategyProcess`.
public enum StrategyProtocol {
    /// The protocol version this Ballast speaks.
    public static let version = 1
    /// The largest lookback a `ready` may announce.
    public static let maximumLookback = 1_000_000

    /// The `hello` line (with its newline).
    public static func hello(
        strategy: String, symbol: String, timeframe: Timeframe, params: [String: ParameterValue]
    ) -> String {
        let members = params.keys.sorted().map { key -> String in
            let value: String
            switch params[key]! {
            case .integer(let integer): value = "\(integer)"
            case .double(let double): value = number(double)
            case .bool(let bool): value = bool ? "true" : "false"
            case .string(let string): value = quoted(string)
            }
            return "\(quoted(key)):\(value)"
        }
        return "{\"type\":\"hello\",\"protocol\":\(version),\"strategy\":\(quoted(strategy)),\"symbol\":"
            + "\(quoted(symbol)),\"timeframe\":\(quoted(timeframe.rawValue)),\"params\":{"
            + members.joined(separator: ",") + "}}\n"
    }

    /// Appends the `bar` line of `bar` (with its newline) to `buffer`: numbers in their shortest
    /// round-trip form, so the process reads exactly the doubles Ballast holds.
    public static func appendBar(_ bar: Bar, to buffer: inout [UInt8]) {
        var encoder = BarLineEncoder()
        encoder.append(bar, to: &buffer)
    }

    /// The `stop` line.
    public static let stop = "{\"type\":\"stop\"}\n"

    /// Reads a `ready` line: its lookback, or why the line is not a valid `ready`.
    public static func readReady(_ line: UnsafeBufferPointer<UInt8>) -> Result<Int, ProtocolViolation> {
        let object: [String: JSONValue]
        switch message(line, expecting: "ready") {
        case .success(let members): object = members
        case .failure(let violation): return .failure(violation)
        }
        guard let value = object["lookback"] else { return .failure(ProtocolViolation("ready: missing \"lookback\"")) }
        guard case .number(let number) = value else {
            return .failure(ProtocolViolation("ready: \"lookback\" must be a number, got \(value.typeName)"))
        }
        guard number == number.rounded(), number >= 0, number <= Double(maximumLookback) else {
            return .failure(
                ProtocolViolation("ready: \"lookback\" must be a whole number in 0...\(maximumLookback), got \(number)")
            )
        }
        return .success(Int(number))
    }

    /// Reads a `signal` line: the signal and the named values it carries (in any order), or why
    /// the line is not a valid `signal`.
    public static func readSignal(
        _ line: UnsafeBufferPointer<UInt8>
    ) -> Result<(Signal, [String: Double]), ProtocolViolation> {
        // The common answer, byte for byte: no parse.
        if line.elementsEqual(noneLine) { return .success((.none, [:])) }
        let object: [String: JSONValue]
        switch message(line, expecting: "signal") {
        case .success(let members): object = members
        case .failure(let violation): return .failure(violation)
        }
        guard let value = object["signal"] else { return .failure(ProtocolViolation("signal: missing \"signal\"")) }
        guard case .string(let name) = value else {
            return .failure(ProtocolViolation("signal: \"signal\" must be a string, got \(value.typeName)"))
        }
        let signal: Signal
        switch name {
        case "long": signal = .enterLong
        case "short": signal = .enterShort
        case "exit": signal = .exit
        case "none": signal = .none
        default:
            return .failure(
                ProtocolViolation("signal: unknown signal \"\(name)\"; expected long, short, exit or none"))
        }
        var values: [String: Double] = [:]
        if let named = object["values"] {
            guard case .object(let members) = named else {
                return .failure(ProtocolViolation("signal: \"values\" must be an object, got \(named.typeName)"))
            }
            for (key, member) in members {
                switch member {
                case .number(let number): values[key] = number
                case .null: values[key] = .nan
                default:
                    return .failure(
                        ProtocolViolation("signal: value \"\(key)\" must be a number or null, got \(member.typeName)"))
                }
            }
        }
        return .success((signal, values))
    }

    private static let noneLine = Array("{\"type\":\"signal\",\"signal\":\"none\"}".utf8)

    private static func message(
        _ line: UnsafeBufferPointer<UInt8>, expecting type: String
    ) -> Result<[String: JSONValue], ProtocolViolation> {
        let value: JSONValue
        switch JSONValue.parse(line) {
        case .success(let parsed): value = parsed
        case .failure(let error):
            return .failure(
                ProtocolViolation("malformed JSON (\(error.reason) at byte \(error.offset + 1)): \(excerpt(line))"))
        }
        guard case .object(let object) = value else {
            return .failure(ProtocolViolation("expected a JSON object, got \(value.typeName): \(excerpt(line))"))
        }
        guard case .string(let got)? = object["type"] else {
            return .failure(
                ProtocolViolation("expected a \"\(type)\" message, the line has no string \"type\": \(excerpt(line))"))
        }
        guard got == type else {
            return .failure(ProtocolViolation("expected a \"\(type)\" message, got \"\(got)\""))
        }
        return .success(object)
    }

    /// The line, cut to 200 bytes, for messages.
    static func excerpt(_ line: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[0..<min(line.count, 200)]), as: UTF8.self)
        return line.count > 200 ? text + "…" : text
    }

    /// Swift's shortest round-trip spelling (`100.0`, `1e-05`), valid JSON for finite values.
    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// An answer that breaks protocol v1, and why.
public struct ProtocolViolation: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
