import Foundation

/// A seeded mutational fuzzer for the decoders of untrusted input (issue 16 item 5): each input is
/// a valid seed with a few mutations — byte flips, random bytes, truncation, deletions,
/// duplications, splices of dictionary tokens (the format's own keywords and delimiters) and
/// splices of other seeds. Same seed, same inputs: a failure reproduces from the seed and index
/// printed with it.
///
/// The number of inputs per target is `BALLAST_FUZZ_ITERATIONS` when set (the long pass of
/// docs/RELIABILITY.md), else `defaultIterations` (the short pass of `swift test`).
public struct SeededFuzzer: Sendable {
    /// The environment variable that sets the number of inputs per target.
    public static let iterationsVariable = "BALLAST_FUZZ_ITERATIONS"

    /// Inputs per target: `BALLAST_FUZZ_ITERATIONS` when it is a positive integer, else `fallback`.
    public static func iterations(default fallback: Int) -> Int {
        guard let text = ProcessInfo.processInfo.environment[iterationsVariable], let value = Int(text), value > 0
        else { return fallback }
        return value
    }

    public let seeds: [[UInt8]]
    public let dictionary: [[UInt8]]
    private var state: UInt64

    /// - Precondition: `seeds` is not empty.
    public init(seeds: [String], dictionary: [String], seed: UInt64) {
        precondition(!seeds.isEmpty, "a fuzzer needs at least one seed")
        self.seeds = seeds.map { Array($0.utf8) }
        self.dictionary = dictionary.map { Array($0.utf8) }
        state = seed
    }

    /// SplitMix64.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (0 when `bound` ≤ 0).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    /// The next input: a seed with one to eight mutations.
    public mutating func nextInput() -> [UInt8] {
        var bytes = seeds[below(seeds.count)]
        for _ in 0..<(1 + below(8)) { mutate(&bytes) }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = below(bytes.count + 1)
        switch below(9) {
        case 0 where !bytes.isEmpty:  // flip a bit
            let index = min(position, bytes.count - 1)
            bytes[index] ^= UInt8(1 << below(8))
        case 1 where !bytes.isEmpty:  // a random byte
            bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
        case 2:  // truncate
            bytes.removeSubrange(position...)
        case 3 where !bytes.isEmpty:  // delete a run
            let end = min(bytes.count, position + 1 + below(16))
            bytes.removeSubrange(min(position, bytes.count - 1)..<end)
        case 4 where !bytes.isEmpty:  // duplicate a run
            let start = min(position, bytes.count - 1)
            let end = min(bytes.count, start + 1 + below(32))
            bytes.insert(contentsOf: bytes[start..<end], at: start)
        case 5...6 where !dictionary.isEmpty:  // insert a token
            bytes.insert(contentsOf: dictionary[below(dictionary.count)], at: position)
        case 7 where !dictionary.isEmpty:  // overwrite with a token
            let token = dictionary[below(dictionary.count)]
            let end = min(bytes.count, position + token.count)
            bytes.replaceSubrange(position..<end, with: token)
        case 8:  // splice another seed's tail
            let other = seeds[below(seeds.count)]
            let from = below(other.count + 1)
            bytes.replaceSubrange(position..., with: other[from...])
        default:
            bytes.insert(UInt8(truncatingIfNeeded: next()), at: position)
        }
        // Keep inputs bounded: a run of duplications could otherwise grow one without limit.
        if bytes.count > 1 << 16 { bytes.removeSubrange((1 << 16)...) }
    }
}

/// What a target did with one input.
public enum FuzzOutcome: Sendable, Equatable {
    case accepted
    /// Rejected with `message`; `named` when the error is the target's own error type.
    case rejected(named: Bool, message: String)
}

extension SeededFuzzer {
    /// Feeds `iterations` inputs to `body` and tallies what it did. A crash ends the process; with
    /// `BALLAST_FUZZ_LAST=PATH` each input is written to PATH before it runs, so a crash leaves the
    /// input that caused it there. A hang shows as `slowest`.
    public mutating func run(
        target: String, iterations: Int, body: ([UInt8]) -> FuzzOutcome
    ) -> FuzzTally {
        var tally = FuzzTally(target: target)
        let clock = ContinuousClock()
        let last = ProcessInfo.processInfo.environment["BALLAST_FUZZ_LAST"]
        for index in 0..<iterations {
            let input = nextInput()
            if let last { _ = FileManager.default.createFile(atPath: last, contents: Data(input)) }
            let start = clock.now
            let outcome = body(input)
            tally.record(outcome, index: index, input: input, seconds: (clock.now - start).seconds)
        }
        return tally
    }

    /// `run` for an asynchronous target.
    public mutating func run(
        target: String, iterations: Int, body: ([UInt8]) async -> FuzzOutcome
    ) async -> FuzzTally {
        var tally = FuzzTally(target: target)
        let clock = ContinuousClock()
        for index in 0..<iterations {
            let input = nextInput()
            let start = clock.now
            let outcome = await body(input)
            tally.record(outcome, index: index, input: input, seconds: (clock.now - start).seconds)
        }
        return tally
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// What a fuzz pass over one target saw.
public struct FuzzTally: Sendable, Equatable, CustomStringConvertible {
    public var target: String
    public var inputs = 0
    public var accepted = 0
    public var rejected = 0
    /// Rejections that were not the target's named error, or had an empty message.
    public var badRejections: [String] = []
    /// The slowest single input, in seconds.
    public var slowest: Double = 0

    public init(target: String) { self.target = target }

    mutating func record(_ outcome: FuzzOutcome, index: Int, input: [UInt8], seconds: Double) {
        inputs += 1
        slowest = max(slowest, seconds)
        switch outcome {
        case .accepted:
            accepted += 1
        case .rejected(let named, let message):
            rejected += 1
            if !named || message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                let text = String(decoding: input.prefix(200), as: UTF8.self)
                badRejections.append("input \(index) (\(text.debugDescription)): \(named ? "empty message" : message)")
            }
        }
    }

    public var description: String {
        "\(target): \(inputs) inputs, \(accepted) accepted, \(rejected) rejected with a named error, "
            + "\(badRejections.count) other failures, slowest input \(String(format: "%.3f", slowest)) s"
    }
}
