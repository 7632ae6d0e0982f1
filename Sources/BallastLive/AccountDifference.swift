import BallastEngine
import Foundation

/// One way the venue's account differs from what the journal says (SPEC §18), a row of the table a
/// refused start prints.
public enum AccountDifference: Sendable, Equatable {
    /// An asset's balance (free + locked) is not what the journal implies.
    case balance(asset: String, journal: Double, venue: Double)
    /// An order is open at the venue on a traded symbol that the journal does not know as open.
    case unknownOpenOrder(VenueExecution)
    /// The journal last saw this order of the run open; the venue no longer lists it as open.
    case orderNoLongerOpen(clientOrderID: String, symbol: String)

    /// The table's first column.
    public var what: String {
        switch self {
        case .balance(let asset, _, _): "balance \(asset)"
        case .unknownOpenOrder(let order): "open order \(order.clientOrderID) (\(order.symbol))"
        case .orderNoLongerOpen(let id, let symbol): "open order \(id) (\(symbol))"
        }
    }

    /// What the journal says.
    public var journal: String {
        switch self {
        case .balance(_, let journal, _): Self.amount(journal)
        case .unknownOpenOrder: "none"
        case .orderNoLongerOpen: "open"
        }
    }

    /// What the venue says.
    public var venue: String {
        switch self {
        case .balance(_, _, let venue): Self.amount(venue)
        case .unknownOpenOrder(let order):
            "\(order.status.rawValue), \(Self.amount(order.executedQuantity)) filled"
        case .orderNoLongerOpen: "not open"
        }
    }

    /// An amount with 8 fraction digits, trailing zeros dropped (as Binance prints balances).
    static func amount(_ value: Double) -> String {
        var text = String(format: "%.8f", value == 0 ? 0 : value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The differences as an aligned text table with the header `what | journal | venue`.
    public static func table(_ differences: [AccountDifference]) -> String {
        let rows = [["what", "journal", "venue"]] + differences.map { [$0.what, $0.journal, $0.venue] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == 2 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
