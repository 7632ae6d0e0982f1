import BallastCore

/// When a signal's order fills (SPEC §8).
public enum FillTiming: String, Sendable, Codable, CaseIterable {
    /// At the next bar's open of the strategy's symbol (the default).
    case nextOpen = "next_open"
    /// At the signal bar's close.
    case close
}

/// Where a live run's protective stop-losses rest (`[execution] stops`, SPEC §18, docs/LIVE.md).
public enum StopPlacement: String, Sendable, Codable, CaseIterable {
    /// In Ballast only: the kernel checks the stop on each closed bar (the default).
    case ballast
    /// Also at an exchange venue: each open long position's stop-loss rests there as a stop order,
    /// so it stays protected while Ballast is down. A backtest and the paper venue behave as with
    /// `ballast` (the SPEC §8 model already fills a stop intrabar, as a resting stop does).
    case venue
}

/// The `[execution]` table: fills and costs, shared by every strategy of a portfolio.
///
/// Invariants after validation: `feeRate` and `slippageRate` in [0, 0.1).
public struct ExecutionSettings: Sendable, Equatable, Codable {
    public var fill = FillTiming.nextOpen
    /// Fee as a fraction of notional, charged on every fill.
    public var feeRate = 0.001
    /// Buys fill at price × (1 + s), sells at price × (1 − s).
    public var slippageRate = 0.0005
    /// Where a live run's stop-losses rest; the kernel never reads it.
    public var stops = StopPlacement.ballast

    public init(
        fill: FillTiming = .nextOpen, feeRate: Double = 0.001, slippageRate: Double = 0.0005,
        stops: StopPlacement = .ballast
    ) {
        self.fill = fill
        self.feeRate = feeRate
        self.slippageRate = slippageRate
        self.stops = stops
    }

    /// The `[execution]` table's keys.
    public static let tomlKeys = ["fill", "fee_rate", "slippage_rate", "stops"]

    /// Every invalid setting, keyed by the table's keys.
    public func validationIssues() -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        if !(feeRate >= 0 && feeRate < 0.1) {
            issues.append(ConfigIssue(keyPath: "fee_rate", reason: "must be in [0, 0.1), got \(feeRate)"))
        }
        if !(slippageRate >= 0 && slippageRate < 0.1) {
            issues.append(ConfigIssue(keyPath: "slippage_rate", reason: "must be in [0, 0.1), got \(slippageRate)"))
        }
        return issues
    }

    /// The price a fill gets after slippage: buys pay more, sells receive less.
    @inlinable
    public func fillPrice(_ price: Double, buying: Bool) -> Double {
        buying ? price * (1 + slippageRate) : price * (1 - slippageRate)
    }
}
