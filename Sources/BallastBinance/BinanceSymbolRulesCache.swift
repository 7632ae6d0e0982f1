import Logging

/// Each symbol's `BinanceSymbolRules`, fetched once from exchangeInfo and kept until a filter
/// rejection says they changed (`invalidate`).
///
/// Invariant: a failed fetch is not cached (the next order asks again); a symbol exchangeInfo does
/// not list is cached as "no rules" (nil) so it is not asked for on every order.
public actor BinanceSymbolRulesCache {
    private var rules: [String: BinanceSymbolRules?] = [:]

    public init() {}

    /// The symbol's rules, fetched through `client` when not cached.
    public func rules(for symbol: String, client: BinanceRESTClient) async throws -> BinanceSymbolRules? {
        if let cached = rules[symbol] { return cached }
        let fetched = try await client.symbolRules(symbol: symbol)
        rules[symbol] = .some(fetched)
        return fetched
    }

    /// Forgets the symbol's rules: the next order fetches them again.
    public func invalidate(_ symbol: String) { rules[symbol] = nil }
}
