import BallastConfig
import BallastCore
import Foundation

/// One `[[axes]]` entry of a sweep file: a key of the portfolio file and the values it takes.
///
/// Invariant: `values` is non-empty and its values are distinct.
public struct SweepAxis: Sendable, Equatable {
    /// The key by path in the portfolio document: `strategies.<id>.params.fast`,
    /// `strategies.<id>.risk.base_fraction`, `risk.max_position_size`, …
    public var key: String
    public var values: [SweepValue]

    public init(key: String, values: [SweepValue]) {
        self.key = key
        self.values = values
    }

    /// Reads one axis table (`key` and either `values` or `range = {from, to, step}`).
    static func read(_ reader: TableReader, issues: inout [ConfigIssue]) -> SweepAxis? {
        issues += reader.unknownKeys(allowed: ["key", "values", "range"])
        var local: [ConfigIssue] = []
        let key = reader.string("key", &local)
        if reader.table["key"] == nil { local.append(reader.issue("key", "is required")) }
        var values: [SweepValue] = []
        switch (reader.table["values"], reader.table["range"]) {
        case (.some, .some):
            local.append(reader.issue("values", "give either values or range, not both"))
        case (nil, nil):
            local.append(reader.issue("values", "is required (or a range = { from, to, step })"))
        case (.some(let listed), nil):
            values = readValues(listed, reader: reader, issues: &local)
        case (nil, .some):
            if let range = reader.subtable("range", &local) {
                values = readRange(range, issues: &local)
            }
        }
        issues += local
        guard local.isEmpty, let key else { return nil }
        return SweepAxis(key: key, values: values)
    }

    private static func readValues(_ value: ConfigValue, reader: TableReader, issues: inout [ConfigIssue])
        -> [SweepValue]
    {
        guard case .array(let elements) = value else {
            issues.append(reader.issue("values", "must be an array, got \(value.typeName)"))
            return []
        }
        if elements.isEmpty { issues.append(reader.issue("values", "is empty: an axis needs at least one value")) }
        var values: [SweepValue] = []
        for (index, element) in elements.enumerated() {
            guard let value = SweepValue(element) else {
                issues.append(
                    reader.issue(
                        "values", "element \(index) must be a number, a string or a boolean, got \(element.typeName)"))
                continue
            }
            if values.contains(value) {
                issues.append(reader.issue("values", "lists \(value) twice"))
            }
            values.append(value)
        }
        return values
    }

    /// `from` inclusive, `to` exclusive, `step` > 0. Integers when all three are integers, else
    /// floats computed as `from + i × step` (no accumulated error) and rounded to 12 decimals.
    private static func readRange(_ range: TableReader, issues: inout [ConfigIssue]) -> [SweepValue] {
        issues += range.unknownKeys(allowed: ["from", "to", "step"])
        var local: [ConfigIssue] = []
        let bounds = ["from", "to", "step"].map { key -> Double? in
            if range.table[key] == nil { local.append(range.issue(key, "is required")) }
            return range.number(key, &local)
        }
        issues += local
        guard local.isEmpty, let from = bounds[0], let to = bounds[1], let step = bounds[2] else { return [] }
        guard step > 0 else {
            issues.append(range.issue("step", "must be positive, got \(step)"))
            return []
        }
        guard from < to else {
            issues.append(range.issue("to", "the range is empty: from \(from) is not below to \(to) (to is exclusive)"))
            return []
        }
        let count = Int(((to - from) / step - 1e-9).rounded(.up))
        guard count <= 1_000_000 else {
            issues.append(range.issue("step", "the range has \(count) values, more than 1,000,000"))
            return []
        }
        let integral = ["from", "to", "step"].allSatisfy {
            if case .integer = range.table[$0] { return true } else { return false }
        }
        return (0..<count).map { index in
            let value = from + Double(index) * step
            return integral ? .integer(Int(value)) : .double((value * 1e12).rounded() / 1e12)
        }
    }
}
