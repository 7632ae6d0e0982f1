import BallastCore
import BallastRisk
import GRDB

/// A fetched row with typed, throwing accessors: a value of the wrong type, a NULL where a value
/// must be, or an enum raw value this build does not know becomes `StoreError.invalidData` (never a
/// crash), naming the table and column.
struct StoredRow {
    let row: Row
    let table: String
    let path: String

    /// The column's value; `T` may be an optional for a NULLable column.
    func value<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws(StoreError) -> T {
        do {
            return try row.decode(T.self, forColumn: column)
        } catch {
            throw .invalidData(path: path, reason: "\(table).\(column): \(error)")
        }
    }

    /// An INTEGER column holding epoch seconds.
    func time(_ column: String) throws(StoreError) -> Timestamp {
        Timestamp(seconds: try value(column, as: Int64.self))
    }

    /// A NULLable INTEGER column holding epoch seconds.
    func optionalTime(_ column: String) throws(StoreError) -> Timestamp? {
        try value(column, as: Int64?.self).map { Timestamp(seconds: $0) }
    }

    /// An INTEGER 0/1 column.
    func flag(_ column: String) throws(StoreError) -> Bool {
        try value(column, as: Int64.self) != 0
    }

    /// A TEXT column holding an enum's raw value.
    func raw<E: RawRepresentable>(_ column: String, as type: E.Type = E.self) throws(StoreError) -> E
    where E.RawValue == String {
        let text = try value(column, as: String.self)
        guard let parsed = E(rawValue: text) else {
            throw .invalidData(path: path, reason: "\(table).\(column): unknown value '\(text)'")
        }
        return parsed
    }

    /// A NULLable TEXT column holding an enum's raw value.
    func optionalRaw<E: RawRepresentable>(_ column: String, as type: E.Type = E.self) throws(StoreError) -> E?
    where E.RawValue == String {
        guard try value(column, as: String?.self) != nil else { return nil }
        return try raw(column, as: E.self)
    }

    /// A comma-joined TEXT column of adjustment reasons.
    func reasons(_ column: String) throws(StoreError) -> [AdjustmentReason] {
        var result: [AdjustmentReason] = []
        for text in StoredText.split(try value(column, as: String.self)) {
            guard let reason = AdjustmentReason(rawValue: text) else {
                throw .invalidData(path: path, reason: "\(table).\(column): unknown reason '\(text)'")
            }
            result.append(reason)
        }
        return result
    }

    /// A NULLable comma-joined TEXT column of strings.
    func optionalList(_ column: String) throws(StoreError) -> [String]? {
        try value(column, as: String?.self).map(StoredText.split)
    }
}

extension StoredRow {
    /// The dynamic-risk inputs of a row that has their nine columns (`drawdown`, `recovery`,
    /// `trough`, `peak`, `score`, `win_rate`, `profit_factor`, `trade_count`, `volatility`), as
    /// `SQLiteRow.put(_: RiskInputs)` writes them.
    func inputs() throws(StoreError) -> RiskInputs {
        RiskInputs(
            drawdown: try value("drawdown"), recovery: try value("recovery"), trough: try value("trough"),
            peak: try value("peak"), score: try value("score"), winRate: try value("win_rate"),
            profitFactor: try value("profit_factor"), tradeCount: try value("trade_count"),
            volatility: try value("volatility"))
    }
}
