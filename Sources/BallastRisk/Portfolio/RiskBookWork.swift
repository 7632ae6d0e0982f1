/// Synchronous work that runs against the shared book on the `RiskManager` actor (see
/// `RiskManager.perform(_:)`), such as one chunk of a backtest's sequential ledger-and-risk loop.
public protocol RiskBookWork: Sendable {
    /// Runs the work, calling the book's synchronous methods directly.
    mutating func run(with book: inout PortfolioRiskBook)
}
