import BallastConfig

/// Where an axis key points in a portfolio document: the root, or the `[[strategies]]` entry with
/// the named id, and the key path below it.
///
/// Sweepable: every key of `[portfolio]` but `name` and `data_dir`, `[risk]`, `[execution]`,
/// `[dynamic_risk]`, and a strategy's `capital`, `priority`, `quantity_step`, `params.*` and
/// `risk.*` (its override profile, `risk.dynamic_risk.*` included). A strategy's `id`, `kind`,
/// `symbol`, `timeframe` and `data` are not: the data is loaded once for every variant.
struct AxisTarget: Sendable, Equatable {
    /// The index of the strategy entry in the `strategies` array; nil for a root key.
    var strategyIndex: Int?
    /// The key path below the root or the strategy entry.
    var segments: [String]
    /// The key path as portfolio validation names it (`strategies[0].params.fast`).
    var issuePath: String

    static let rootTables = ["portfolio", "risk", "execution", "dynamic_risk"]
    static let strategyKeys = ["capital", "priority", "quantity_step", "params", "risk"]

    /// Resolves `key` against the base document, or says why it names nothing that can be swept.
    static func resolve(_ key: String, in document: ConfigTable) -> Result<AxisTarget, AxisKeyProblem> {
        if key.hasPrefix("strategies.") {
            let rest = key.dropFirst("strategies.".count)
            guard case .array(let elements) = document["strategies"] else {
                return .failure(AxisKeyProblem("the portfolio has no [[strategies]]"))
            }
            var best: (index: Int, id: String)?
            for (index, element) in elements.enumerated() {
                guard case .table(let table) = element, case .string(let id) = table["id"],
                    rest.hasPrefix(id + "."), id.count > (best?.id.count ?? -1)
                else { continue }
                best = (index, id)
            }
            guard let best else {
                let ids = elements.compactMap { element -> String? in
                    if case .table(let table) = element, case .string(let id) = table["id"] { return id }
                    return nil
                }
                return .failure(
                    AxisKeyProblem(
                        "names no strategy of the portfolio (strategies.<id>.…; ids: \(ids.joined(separator: ", ")))"))
            }
            let segments = rest.dropFirst(best.id.count + 1).split(separator: ".").map(String.init)
            guard let first = segments.first, strategyKeys.contains(first) else {
                return .failure(
                    AxisKeyProblem(
                        "cannot be swept: below strategies.\(best.id) a sweep may set "
                            + "\(strategyKeys.joined(separator: ", ")) (the data is loaded once for all variants)"))
            }
            guard first == "params" || first == "risk" ? segments.count >= 2 : segments.count == 1 else {
                return .failure(AxisKeyProblem("names a table, not a key"))
            }
            return .success(
                AxisTarget(
                    strategyIndex: best.index, segments: segments,
                    issuePath: (["strategies[\(best.index)]"] + segments).joined(separator: ".")))
        }
        let segments = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 2, rootTables.contains(segments[0]), !segments.contains("") else {
            return .failure(
                AxisKeyProblem(
                    "names nothing in the portfolio: a key is strategies.<id>.…, or a key of "
                        + "\(rootTables.map { "[\($0)]" }.joined(separator: ", "))"))
        }
        if segments[0] == "portfolio", ["name", "data_dir"].contains(segments[1]) {
            return .failure(AxisKeyProblem("cannot be swept: the data is loaded once for all variants"))
        }
        return .success(AxisTarget(strategyIndex: nil, segments: segments, issuePath: segments.joined(separator: ".")))
    }

    /// `document` with `value` at this target, nil when a value on the way is not a table.
    func applying(_ value: ConfigValue, to document: ConfigTable) -> ConfigTable? {
        guard let strategyIndex else { return document.setting(segments[...], to: value) }
        guard case .array(var elements) = document["strategies"], case .table(let entry) = elements[strategyIndex],
            let edited = entry.setting(segments[...], to: value)
        else { return nil }
        elements[strategyIndex] = .table(edited)
        return document.setting(["strategies"], to: .array(elements))
    }
}

/// Why an axis key cannot be swept.
struct AxisKeyProblem: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

extension ConfigTable {
    /// This table with `value` at the key path, creating missing tables on the way; nil when a
    /// value on the way exists and is not a table. Keys stay sorted.
    func setting(_ path: ArraySlice<String>, to value: ConfigValue) -> ConfigTable? {
        guard let key = path.first else { return nil }
        var result = self
        let newValue: ConfigValue
        if path.count == 1 {
            newValue = value
        } else {
            let inner: ConfigTable
            switch self[key] {
            case nil: inner = ConfigTable()
            case .table(let table): inner = table
            default: return nil
            }
            guard let edited = inner.setting(path.dropFirst(), to: value) else { return nil }
            newValue = .table(edited)
        }
        if let index = result.entries.firstIndex(where: { $0.key == key }) {
            result.entries[index].value = newValue
        } else {
            let index = result.entries.firstIndex { $0.key > key } ?? result.entries.count
            result.entries.insert((key, newValue), at: index)
        }
        return result
    }
}
