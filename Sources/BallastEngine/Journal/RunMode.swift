/// What kind of run a journal holds (`runs.mode`).
public enum RunMode: String, Sendable, Codable, CaseIterable {
    case backtest
    case live
}
