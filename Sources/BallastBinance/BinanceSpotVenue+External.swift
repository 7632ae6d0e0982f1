import BallastPorts

extension BinanceSpotVenue {
    /// Binance executes the orders: a live run's ledger fills at its executions.
    public var isExternal: Bool { true }
}
