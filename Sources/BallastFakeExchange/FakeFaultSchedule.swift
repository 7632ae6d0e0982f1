/// A seeded schedule of faults for a chaos run: each request the fake exchange receives gets a
/// fault with probability `rate`, its kind drawn by weight. Same seed and same requests in the same
/// order, same faults. Scripted faults (`scriptFaults`) come first; the schedule only answers
/// requests no scripted fault matched.
public struct FakeFaultSchedule: Sendable, Equatable {
    /// A kind of fault and its weight among the kinds.
    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var weight: Double
        public init(_ kind: Kind, weight: Double) {
            self.kind = kind
            self.weight = weight
        }
    }

    /// The faults a chaos run injects (issue 16 item 4).
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// HTTP 503 without processing.
        case serverError = "5xx"
        /// Processed (an order is placed), then answered 504: the answer is lost.
        case lostResponse = "lost_response"
        /// HTTP 429 with `Retry-After`.
        case rateLimited = "429"
        /// HTTP 418 with `Retry-After`.
        case ipBanned = "418"
        /// Processed, then answered after `slowSeconds` (past the client's timeout).
        case slow = "slow"
    }

    public var seed: UInt64
    /// The probability that a request gets a fault (0…1).
    public var rate: Double
    public var entries: [Entry]
    /// The `Retry-After` of 429 and 418 answers, in seconds.
    public var retryAfter: Int
    /// How long a slow answer waits before it is sent, in seconds.
    public var slowSeconds: Double
    /// Paths never faulted (e.g. none; `/api/v3/time` to keep clock sync clean).
    public var sparedPaths: Set<String>
    private var state: UInt64

    public init(
        seed: UInt64, rate: Double, entries: [Entry] = Kind.allCases.map { Entry($0, weight: 1) },
        retryAfter: Int = 1, slowSeconds: Double = 3, sparedPaths: Set<String> = []
    ) {
        self.seed = seed
        self.rate = rate
        self.entries = entries
        self.retryAfter = retryAfter
        self.slowSeconds = slowSeconds
        self.sparedPaths = sparedPaths
        state = seed
    }

    /// The fault for the next request to `path`, nil for none.
    mutating func next(path: String) -> (kind: Kind, fault: FakeFault)? {
        guard !sparedPaths.contains(path), rate > 0, !entries.isEmpty else { return nil }
        guard uniform() < rate else { return nil }
        let total = entries.reduce(0) { $0 + max(0, $1.weight) }
        var draw = uniform() * total
        var kind = entries[entries.count - 1].kind
        for entry in entries {
            draw -= max(0, entry.weight)
            if draw < 0 {
                kind = entry.kind
                break
            }
        }
        switch kind {
        case .serverError: return (kind, .serverError(status: 503))
        case .lostResponse: return (kind, .processThenFail(status: 504))
        case .rateLimited: return (kind, .rateLimited(retryAfter: retryAfter))
        case .ipBanned: return (kind, .ipBanned(retryAfter: retryAfter))
        case .slow: return (kind, .slow(seconds: slowSeconds))
        }
    }

    /// SplitMix64, as a double in [0, 1).
    private mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}
