/// Why a position closed. Raw values are what the journal (`trades.exit_reason`, `orders.intent`)
/// and the JSON summary store.
public enum ExitReason: String, Sendable, Codable, CaseIterable {
    case signal
    case reversal
    case stopLoss = "stop_loss"
    case takeProfit = "take_profit"
    case trailingStop = "trailing_stop"
    case endOfData = "end_of_data"
}
