import BallastCore

/// The passive benchmark (kind `buy_and_hold`): `.enterLong` at bar 0, nothing afterwards.
///
/// Signals are events, so a position the engine stops out is not re-entered. The entry belongs to
/// the first bar of whatever series it is given. No parameters, no warm-up, no indicator columns.
public struct BuyAndHoldStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "buy_and_hold"

    /// Whether the first bar was fed.
    private var started = false

    /// The strategy (it has no parameters).
    public init() {}

    /// `buy_and_hold`.
    public var kind: String { Self.kind }

    /// 1: the only signal is at bar 0.
    public var lookback: Int { 1 }

    /// `.enterLong` at the first bar fed, `.none` at every later one.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        defer { started = true }
        return started ? .none : .enterLong
    }
}

extension BuyAndHoldStrategy: BuiltInStrategy {
    static let parameterNames: [String] = []

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self? { Self() }
}
