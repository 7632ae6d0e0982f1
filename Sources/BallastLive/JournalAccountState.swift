import BallastEngine

/// What the journal says the venue's account should hold, as the reconciliation at start reads it
/// (SPEC §18): the portfolio's initial balance in its quote asset, every venue execution of the run
/// (`venue_orders`, plus the run's own orders found at the venue that the journal had not recorded
/// yet: a crash between the POST and the record), and the offsets adopted with
/// `--adopt-venue-state`.
///
/// Invariant: a value; `expectedBalances` is a pure function of it and the symbols' assets.
public struct JournalAccountState: Sendable, Equatable {
    /// One venue execution of the run, as journaled: the venue's answer (`VenueExecution`, the
    /// same value the store's `venue_orders` row holds) and the order's action, which the answer
    /// does not carry. Its fields read through to the answer (`execution.symbol`).
    @dynamicMemberLookup
    public struct Execution: Sendable, Equatable {
        public var action: OrderAction
        /// The venue's last known state of the order; `commission` is in the quote asset.
        public var venue: VenueExecution

        public init(action: OrderAction, venue: VenueExecution) {
            self.action = action
            self.venue = venue
        }

        public init(_ order: VenueOrder, _ execution: VenueExecution) {
            self.init(action: order.action, venue: execution)
        }

        public subscript<Value>(dynamicMember keyPath: KeyPath<VenueExecution, Value>) -> Value {
            venue[keyPath: keyPath]
        }
    }

    /// The portfolio's `initial_balance`, held in `quoteAsset`.
    public var initialBalance: Double
    /// The quote asset of the portfolio's first series' symbol (the ledger's currency).
    public var quoteAsset: String
    /// The symbols the portfolio trades: their base assets and open orders are compared.
    public var symbols: [String]
    public var executions: [Execution]
    /// Asset → amount adopted from the venue (venue − journal at the adoption), summed.
    public var adoptedOffsets: [String: Double]

    public init(
        initialBalance: Double, quoteAsset: String, symbols: [String], executions: [Execution],
        adoptedOffsets: [String: Double] = [:]
    ) {
        self.initialBalance = initialBalance
        self.quoteAsset = quoteAsset
        self.symbols = symbols
        self.executions = executions
        self.adoptedOffsets = adoptedOffsets
    }

    /// The balance the journal expects of each asset it touches: the quote asset starts at the
    /// initial balance; a buy adds its executed quantity to the base asset and takes quantity ×
    /// average price plus commission from the quote asset (a sell the reverse, commission still
    /// taken); the adopted offsets are added. Every traded symbol's base asset is listed (0 when
    /// nothing was bought).
    public func expectedBalances(assets: [String: SymbolAssets]) -> [String: Double] {
        var balances: [String: Double] = [quoteAsset: initialBalance]
        for symbol in symbols {
            if let base = assets[symbol]?.base { balances[base, default: 0] += 0 }
        }
        for execution in executions where execution.executedQuantity > 0 {
            guard let pair = assets[execution.symbol] else { continue }
            let notional = execution.executedQuantity * (execution.averagePrice ?? 0)
            let sign: Double = execution.action == .buy ? 1 : -1
            balances[pair.base, default: 0] += sign * execution.executedQuantity
            balances[pair.quote, default: 0] -= sign * notional + execution.commission
        }
        for (asset, offset) in adoptedOffsets { balances[asset, default: 0] += offset }
        return balances
    }

    /// The client ids of the run's orders the journal last saw open.
    public var openClientOrderIDs: Set<String> {
        Set(executions.filter { $0.status.isOpen }.map(\.clientOrderID))
    }
}
