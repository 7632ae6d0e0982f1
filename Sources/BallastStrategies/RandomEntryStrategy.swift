import BallastCore

/// The random baseline (kind `random_entry`): entries by coin toss, exits after a fixed holding time.
///
/// The strategy simulates its own intended position from bar 0. On each bar where it is flat it
/// draws one uniform `u` in [0, 1) and enters when `u < probability`: long-only that is
/// `.enterLong`; with `allowShort` it is `.enterLong` when `u < probability / 2` and `.enterShort`
/// otherwise (50/50). Exactly `holdBars` bars after an entry it emits `.exit` (unless the series
/// ends first) and is flat again; it draws again from the next bar on. No draw is made while it
/// holds, so the signals depend on the seed and the bar count only, never on prices: the same
/// seed gives identical signals on every platform. A position the engine stopped out early
/// still receives its `.exit` later (a no-op).
///
/// The generator is SplitMix64 (Steele, Lea and Flood, 2014), seeded with `seed`; `u` is the top 53
/// bits of one output scaled by 2⁻⁵³. No warm-up, no indicator columns.
/// Invariants: `0 < probability ≤ 1`, `holdBars ≥ 1`.
public struct RandomEntryStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "random_entry"
    /// The generator's seed.
    public let seed: UInt64
    /// The chance of an entry on each flat bar, in (0, 1].
    public let probability: Double
    /// How many bars after its entry a position is exited (≥ 1).
    public let holdBars: Int
    /// Whether half of the entries are shorts.
    public let allowShort: Bool
    /// The generator's state and the bars left until the intended position's exit (0: flat).
    private var generator: SplitMix64
    private var barsToExit = 0

    /// A strategy with the given seed and rules. Precondition: `0 < probability ≤ 1`, `holdBars ≥ 1`
    /// (`StrategyCatalog` reports violations as configuration issues instead).
    public init(seed: UInt64 = 1, probability: Double = 0.05, holdBars: Int = 10, allowShort: Bool = false) {
        precondition(probability > 0 && probability <= 1, "RandomEntryStrategy needs 0 < probability ≤ 1")
        precondition(holdBars >= 1, "RandomEntryStrategy needs holdBars ≥ 1")
        self.seed = seed
        self.probability = probability
        self.holdBars = holdBars
        self.allowShort = allowShort
        generator = SplitMix64(seed: seed)
    }

    /// `random_entry`.
    public var kind: String { Self.kind }

    /// 1: an entry is possible from bar 0.
    public var lookback: Int { 1 }

    /// Feeds one bar: while holding, counts down to the `.exit`; flat, draws once.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        if barsToExit > 0 {
            barsToExit -= 1
            return barsToExit == 0 ? .exit : .none
        }
        let draw = generator.nextUnit()
        guard draw < probability else { return .none }
        barsToExit = holdBars
        return draw < (allowShort ? probability / 2 : probability) ? .enterLong : .enterShort
    }
}

extension RandomEntryStrategy: BuiltInStrategy {
    static let parameterNames = ["seed", "probability", "hold_bars", "allow_short"]

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self? {
        let before = issues.count
        let seed = parameters.integer("seed", default: 1, in: 0...Int.max, &issues)
        let probability = parameters.number("probability", default: 0.05, in: 0...1, &issues)
        let holdBars = parameters.period("hold_bars", default: 10, &issues)
        let allowShort = parameters.bool("allow_short", default: false, &issues)
        if issues.count == before && probability == 0 {
            issues.append(ConfigIssue(keyPath: parameters.keyPath("probability"), reason: "must be above 0, got 0.0"))
        }
        guard issues.count == before else { return nil }
        return Self(seed: UInt64(seed), probability: probability, holdBars: holdBars, allowShort: allowShort)
    }
}
