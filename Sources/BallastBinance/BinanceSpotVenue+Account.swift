import BallastPorts

extension BinanceSpotVenue: AccountReadingVenue {
    /// Quote assets recognised at the end of a symbol when exchangeInfo does not name its assets.
    static let knownQuoteAssets = ["USDT", "FDUSD", "USDC", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "TRY"]

    /// Balances from `GET /api/v3/account`, open orders from `GET /api/v3/openOrders` per symbol,
    /// and each symbol's assets from exchangeInfo (cached with its rules; when exchangeInfo names
    /// none, the symbol is split at a known quote asset suffix).
    public func accountState(symbols: [String]) async throws -> VenueAccountState {
        let balances = try await client.balances()
        let open = try await openOrders(symbols: symbols)
        var assets: [String: SymbolAssets] = [:]
        for symbol in symbols {
            if let named = try await rules.rules(for: symbol, client: client)?.assets {
                assets[symbol] = named
            } else if let quote = Self.knownQuoteAssets.first(where: { symbol.hasSuffix($0) && symbol != $0 }) {
                assets[symbol] = SymbolAssets(base: String(symbol.dropLast(quote.count)), quote: quote)
            }
        }
        return VenueAccountState(balances: balances, openOrders: open, assets: assets)
    }
}

extension BinanceSpotVenue: StopOrderVenue {
    /// The symbols whose exchangeInfo does not list `STOP_LOSS` among its `orderTypes` (or that
    /// exchangeInfo does not list at all).
    public func symbolsWithoutStopOrders(_ symbols: [String]) async throws -> [String] {
        var missing: [String] = []
        for symbol in symbols {
            let accepts = try await rules.rules(for: symbol, client: client)?.acceptsStopLoss ?? false
            if !accepts { missing.append(symbol) }
        }
        return missing
    }
}
