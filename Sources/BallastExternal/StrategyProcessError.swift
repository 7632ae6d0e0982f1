import BallastCore

/// A process strategy that failed (SPEC §15): it exited, hung past its timeout, answered a line
/// that breaks protocol v1, or could not be started. In a backtest the run fails with it (exit 1)
/// and writes no run; in a live run the strategy goes reduce-only with this message.
public struct StrategyProcessError: BallastFailure, Equatable {
    /// The strategy's id in the portfolio file.
    public var strategy: String
    /// The bar being answered (its open time), nil before the first bar (hello, ready).
    public var bar: Timestamp?
    /// The bar's index in the series the strategy was given, nil before the first bar.
    public var barIndex: Int?
    /// What went wrong, in words a user can act on (with the process's last stderr lines).
    public var message: String

    public init(strategy: String, bar: Timestamp? = nil, barIndex: Int? = nil, message: String) {
        self.strategy = strategy
        self.bar = bar
        self.barIndex = barIndex
        self.message = message
    }

    /// `.failure` (1): the strategy failed while running, the inputs were fine.
    public var exitStatus: ExitStatus { .failure }

    /// `strategy 'ID' failed at bar 2009-01-05T00:00:00Z (#3): message`.
    public var description: String {
        var text = "strategy '\(strategy)' failed"
        if let bar, let barIndex {
            text += " at bar \(bar.iso8601) (#\(barIndex + 1))"
        } else {
            text += " before its first bar"
        }
        return PrintableText.escaped(text + ": " + message)
    }
}
