import BallastCore

/// A strategy that sits a run out because its data has no bar between `--from` and `--to`
/// (docs/BACKTEST.md, "Strategies without bars in the range"): it makes no decisions and no
/// trades, and its sleeve's capital stays in cash, flat, for the whole run.
public struct SittingOutStrategy: Sendable, Equatable {
    public var id: String
    public var symbol: String
    /// The sleeve's share of the initial balance, kept as cash.
    public var capital: Double
    /// The data file, and the first and last bar time it holds.
    public var dataFile: String
    public var dataSpan: ClosedRange<Timestamp>

    /// One line for the terminal, for example `strategy "momentum-googl" sits out: no GOOGL bars
    /// between --from and --to (GOOGL-1d.csv has 2009-05-22 .. 2018-12-31); its 20% of the capital
    /// stays in cash`. Control characters are escaped.
    public var note: String {
        let hundredths = (capital * 10_000).rounded()
        let share =
            hundredths.truncatingRemainder(dividingBy: 100) == 0 ? "\(Int(hundredths / 100))" : "\(hundredths / 100)"
        let file = dataFile.split(separator: "/").last.map(String.init) ?? dataFile
        return PrintableText.escaped(
            "strategy \"\(id)\" sits out: no \(symbol) bars between --from and --to (\(file) has "
                + "\(dataSpan.lowerBound.iso8601.prefix(10)) .. \(dataSpan.upperBound.iso8601.prefix(10))); "
                + "its \(share)% of the capital stays in cash")
    }
}
