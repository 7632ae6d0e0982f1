/// The performance score of a set of closed trades (SPEC §5).
///
/// `winRate = wins / trades` (a win has pnl > 0; a trade with pnl exactly 0 counts as a trade but neither
/// a win nor a loss). `profitFactor = grossProfit / grossLoss`, or 2.0 when there is profit and no loss, or
/// 1.0 when there is neither; that scoring value is also what is reported (never infinity).
/// `score = 0.6 × winRate + 0.4 × min(profitFactor / 2, 1)`.
///
/// Invariants: `0 ≤ winRate ≤ 1`, `profitFactor ≥ 0` and finite, `0 ≤ score ≤ 1`, `trades ≥ 1`.
public struct PerformanceScore: Sendable, Equatable {
    /// The number of trades scored.
    public var trades: Int
    /// Wins / trades.
    public var winRate: Double
    /// Gross profit / gross loss, with the conventions above.
    public var profitFactor: Double
    /// `0.6 × winRate + 0.4 × min(profitFactor / 2, 1)`.
    public var score: Double

    /// Scores a tally; nil when `trades < 1`. `grossProfit` and `grossLoss` are sums of magnitudes (≥ 0).
    public init?(trades: Int, wins: Int, grossProfit: Double, grossLoss: Double) {
        guard trades >= 1 else { return nil }
        self.trades = trades
        winRate = Double(wins) / Double(trades)
        if grossLoss > 0 {
            profitFactor = grossProfit / grossLoss
        } else {
            profitFactor = grossProfit > 0 ? 2.0 : 1.0
        }
        score = 0.6 * winRate + 0.4 * min(profitFactor / 2, 1)
    }

    /// Scores the trades with these P&Ls; nil when there are none.
    public init?(pnls: some Sequence<Double>) {
        var trades = 0
        var wins = 0
        var grossProfit = 0.0
        var grossLoss = 0.0
        for pnl in pnls {
            trades += 1
            if pnl > 0 {
                wins += 1
                grossProfit += pnl
            } else if pnl < 0 {
                grossLoss -= pnl
            }
        }
        self.init(trades: trades, wins: wins, grossProfit: grossProfit, grossLoss: grossLoss)
    }
}
