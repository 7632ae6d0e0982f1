import Foundation

/// How lists and documents are stored in text columns: lists comma-joined without spaces
/// (`drawdown,low_volatility`; an empty list is the empty string), documents as JSON with sorted keys.
enum StoredText {
    /// `values` joined with commas. The values must not contain commas (symbols and reason names
    /// do not).
    static func join(_ values: [String]) -> String {
        values.joined(separator: ",")
    }

    /// The values of a comma-joined list; the empty string is the empty list.
    static func split(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// `value` as compact JSON with sorted keys (so equal values give equal text).
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
