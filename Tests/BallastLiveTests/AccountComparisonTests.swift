import BallastEngine
import BallastLive
import Testing

/// The reconciliation's pure comparison (SPEC §18): what the journal implies against what the venue
/// holds, one row per case.
@Suite("Account comparison at the start of a live run")
struct AccountComparisonTests {
    static let assets = ["BTCUSDT": SymbolAssets(base: "BTC", quote: "USDT")]

    static func execution(
        _ id: String, _ action: OrderAction, _ quantity: Double, at price: Double, fee: Double = 0,
        status: VenueOrderStatus = .filled
    ) -> JournalAccountState.Execution {
        .init(
            action: action,
            venue: VenueExecution(
                clientOrderID: id, symbol: "BTCUSDT", status: status, executedQuantity: quantity,
                averagePrice: quantity > 0 ? price : nil, commission: fee))
    }

    static func open(_ id: String, symbol: String = "BTCUSDT") -> VenueExecution {
        VenueExecution(clientOrderID: id, symbol: symbol, status: .new, executedQuantity: 0, averagePrice: nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var executions: [JournalAccountState.Execution] = []
        var offsets: [String: Double] = [:]
        var balances: [String: Double]
        var openOrders: [VenueExecution] = []
        var expected: [AccountDifference]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "fresh account holding the initial balance", balances: ["USDT": 10_000], expected: []),
        Case(
            name: "a reserve of quote asset and an unrelated asset are accepted",
            balances: ["USDT": 12_000, "BNB": 3], expected: []),
        Case(
            name: "less quote asset than the journal implies",
            balances: ["USDT": 9_000], expected: [.balance(asset: "USDT", journal: 10_000, venue: 9_000)]),
        Case(
            name: "an extra base asset is a holding Ballast does not manage",
            balances: ["USDT": 10_000, "BTC": 0.5], expected: [.balance(asset: "BTC", journal: 0, venue: 0.5)]),
        Case(
            name: "a bought position with its fee matches",
            executions: [execution("bl1-e0-1", .buy, 2, at: 100, fee: 0.2)],
            balances: ["USDT": 9_799.8, "BTC": 2], expected: []),
        Case(
            name: "a position sold while Ballast was down",
            executions: [execution("bl1-e0-1", .buy, 2, at: 100, fee: 0.2)],
            balances: ["USDT": 10_009.8, "BTC": 0], expected: [.balance(asset: "BTC", journal: 2, venue: 0)]),
        Case(
            name: "bought then sold: flat again, the fees paid",
            executions: [
                execution("bl1-e0-1", .buy, 2, at: 100, fee: 0.2), execution("bl1-x0-2", .sell, 2, at: 110, fee: 0.22),
            ],
            balances: ["USDT": 10_019.58], expected: []),
        Case(
            name: "decimal rounding within the tolerance",
            executions: [execution("bl1-e0-1", .buy, 0.12345678, at: 100)],
            balances: ["USDT": 9_987.654322, "BTC": 0.123456780001], expected: []),
        Case(
            name: "an adopted offset is part of what the journal implies",
            offsets: ["BTC": 0.5], balances: ["USDT": 10_000, "BTC": 0.5], expected: []),
        Case(
            name: "an unknown open order on a traded symbol",
            balances: ["USDT": 10_000], openOrders: [open("manual-1")],
            expected: [.unknownOpenOrder(open("manual-1"))]),
        Case(
            name: "an open order on a symbol the portfolio does not trade is not compared",
            balances: ["USDT": 10_000], openOrders: [open("other", symbol: "ETHUSDT")], expected: []),
        Case(
            name: "the journal's open order is still open",
            executions: [execution("bl1-e0-1", .buy, 0, at: 100, status: .new)],
            balances: ["USDT": 10_000], openOrders: [open("bl1-e0-1")], expected: []),
        Case(
            name: "the journal's open order is no longer open at the venue",
            executions: [execution("bl1-e0-1", .buy, 0, at: 100, status: .new)],
            balances: ["USDT": 10_000],
            expected: [.orderNoLongerOpen(clientOrderID: "bl1-e0-1", symbol: "BTCUSDT")]),
    ]

    @Test("differences", arguments: cases)
    func differences(_ row: Case) {
        let journal = JournalAccountState(
            initialBalance: 10_000, quoteAsset: "USDT", symbols: ["BTCUSDT"], executions: row.executions,
            adoptedOffsets: row.offsets)
        let venue = VenueAccountState(balances: row.balances, openOrders: row.openOrders, assets: Self.assets)
        #expect(AccountComparison.differences(journal: journal, venue: venue) == row.expected)
    }

    @Test("the table names what differs, the journal's figure and the venue's")
    func table() {
        let text = AccountDifference.table([
            .balance(asset: "BTC", journal: 0, venue: 0.5), .unknownOpenOrder(Self.open("manual-1")),
        ])
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: width - text.count) }
        let lines = [
            pad("what", 29) + "  " + "journal" + "  " + "venue",
            pad("balance BTC", 29) + "  " + pad("0", 7) + "  " + "0.5",
            "open order manual-1 (BTCUSDT)" + "  " + pad("none", 7) + "  " + "new, 0 filled",
        ]
        #expect(text == lines.joined(separator: "\n"))
    }
}
