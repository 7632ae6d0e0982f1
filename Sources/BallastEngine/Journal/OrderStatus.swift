/// How a journaled order was resolved (`orders.status`): the engine writes an order once, when it
/// filled or was cancelled (an entry the risk book or the venue denied at its fill).
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case filled
    case cancelled
}
