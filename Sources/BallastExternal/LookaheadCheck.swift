import BallastCore
import BallastStrategies

/// One sign of look-ahead found by `LookaheadCheck`.
public struct LookaheadFinding: Sendable, Equatable, CustomStringConvertible {
    /// The strategy's id.
    public var strategy: String
    /// The bar whose signal depends on later bars (nil for a finding about a whole signals file).
    public var bar: Timestamp?
    /// What was seen.
    public var message: String

    public init(strategy: String, bar: Timestamp?, message: String) {
        self.strategy = strategy
        self.bar = bar
        self.message = message
    }

    /// `strategy 'ID' at bar 2009-01-05T00:00:00Z: message`.
    public var description: String {
        PrintableText.escaped("strategy '\(strategy)'" + (bar.map { " at bar \($0.iso8601)" } ?? "") + ": " + message)
    }
}

/// The look-ahead check of `ballast validate --lookahead` (issue 13 item 5).
///
/// - A process strategy is replayed on truncated histories: its signal (and sizing value) at a
///   sample of bars must be the same when the history ends at that bar as when the whole series
///   follows. A strategy that reads a later bar before answering (a backtest writes every bar
///   ahead, so a process *can* peek) answers differently once the later bars are gone.
/// - A signals file cannot be replayed (it is precomputed), so it is tested statistically: its
///   entries must not call the very next bar's close far better than chance. A file computed with
///   a future close calls it almost always; an honest strategy, near half the time.
public enum LookaheadCheck {
    /// `count` bars sampled evenly from `0 ..< total − 1` (the last bar has no later bar to remove),
    /// ascending, without duplicates.
    public static func sampleBars(total: Int, count: Int) -> [Int] {
        guard total > 1, count > 0 else { return [] }
        let last = total - 2
        guard count > 1 else { return [last] }
        var bars: [Int] = []
        for step in 0..<count {
            let bar = Int((Double(step) * Double(last) / Double(count - 1)).rounded())
            if bars.last != bar { bars.append(bar) }
        }
        return bars
    }

    /// Replays `strategy` over `series` whole and truncated after each sampled bar; one finding per
    /// sampled bar whose signal or sizing value differs.
    ///
    /// - Throws: the strategy's failure (`StrategyProcessError`) in any of the runs.
    public static func replay(
        _ strategy: any ExternalStrategy, over series: BarSeries, samples: Int
    ) async throws -> [LookaheadFinding] {
        let whole = try await strategy.precomputed(over: series)
        var findings: [LookaheadFinding] = []
        for bar in sampleBars(total: series.count, count: samples) {
            let truncated = try await strategy.precomputed(over: series.slice(0..<(bar + 1)))
            let time = Timestamp(seconds: series.times[bar])
            let before = whole.signals[bar]
            let after = truncated.signals[bar]
            if before != after {
                findings.append(
                    LookaheadFinding(
                        strategy: strategy.id, bar: time,
                        message: "signal \(name(before)) with the later bars, \(name(after)) without them"))
                continue
            }
            for (slot, valueName) in whole.valueNames.enumerated() where slot < truncated.columns.count {
                let full = whole.columns[slot][bar]
                let cut = truncated.columns[slot][bar]
                if !(full == cut || (full.isNaN && cut.isNaN)) {
                    findings.append(
                        LookaheadFinding(
                            strategy: strategy.id, bar: time,
                            message: "\(valueName) \(full) with the later bars, \(cut) without them"))
                }
            }
        }
        return findings
    }

    /// The smallest number of entries the signals-file test judges.
    public static let minimumEntries = 20
    /// The z-score above which entries call the next close too well.
    public static let zLimit = 4.0

    /// Tests a signals file's entries against the next bar's close: a finding when, over at least
    /// `minimumEntries` entries (next close unchanged ones left out), the share in the right
    /// direction is more than `zLimit` standard deviations above one half.
    public static func signalsFile(
        id: String, signals: PrecomputedStrategy, series: BarSeries
    ) -> [LookaheadFinding] {
        var entries = 0
        var right = 0
        var copy = signals
        let stepped = copy.step(over: series, columns: [])
        for bar in 0..<(series.count - 1) {
            let direction: Double
            switch stepped.signals[bar] {
            case .enterLong: direction = 1
            case .enterShort: direction = -1
            case .none, .exit: continue
            }
            let move = (series.close[bar + 1] - series.close[bar]) * direction
            guard move != 0 else { continue }
            entries += 1
            if move > 0 { right += 1 }
        }
        guard entries >= minimumEntries else { return [] }
        let z = (Double(right) - Double(entries) / 2) / (Double(entries).squareRoot() / 2)
        guard z > zLimit else { return [] }
        let share = (Double(right) / Double(entries) * 1000).rounded() / 10
        return [
            LookaheadFinding(
                strategy: id, bar: nil,
                message: "\(right) of \(entries) entries (\(share)%) call the next bar's close (z = "
                    + "\((z * 10).rounded() / 10), over \(zLimit)): signals computed with a later bar?")
        ]
    }

    static func name(_ signal: Signal) -> String {
        switch signal {
        case .none: "none"
        case .enterLong: "long"
        case .enterShort: "short"
        case .exit: "exit"
        }
    }
}
