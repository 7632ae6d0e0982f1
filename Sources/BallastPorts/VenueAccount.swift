/// The base and quote asset of a symbol (`BTCUSDT`: `BTC`, `USDT`).
public struct SymbolAssets: Sendable, Equatable, Codable {
    public var base: String
    public var quote: String

    public init(base: String, quote: String) {
        self.base = base
        self.quote = quote
    }
}

/// What a venue holds for the account, read at the start of a live run to reconcile it with the
/// journal (SPEC §18).
///
/// Invariants: `balances` are totals (free + locked) per asset; an asset the venue does not list
/// holds 0. `openOrders` are the open orders on the symbols asked for, every one of them, whoever
/// placed it. `assets` names the base and quote asset of every symbol asked for.
public struct VenueAccountState: Sendable, Equatable {
    public var balances: [String: Double]
    public var openOrders: [VenueExecution]
    public var assets: [String: SymbolAssets]

    public init(balances: [String: Double], openOrders: [VenueExecution], assets: [String: SymbolAssets]) {
        self.balances = balances
        self.openOrders = openOrders
        self.assets = assets
    }
}

/// A venue whose account can be read: an exchange. The paper venue is not one (the journal is its
/// whole state, so there is nothing to reconcile).
public protocol AccountReadingVenue: OrderVenue {
    /// The account's balances, the open orders on `symbols`, and those symbols' assets.
    func accountState(symbols: [String]) async throws -> VenueAccountState
}
