import BallastStore

/// Finds the sweep `ballast report --sweep ID` asks for.
enum SweepReportWriting {
    /// The sweep whose id is `selector` or the only one that starts with it.
    ///
    /// - Throws: `InspectionError` (exit 1) naming the journal's sweeps when none or several match.
    static func selectedSweep(_ selector: String, in store: BallastStore) throws -> SweepRecord {
        if let exact = try store.sweep(id: selector) { return exact }
        let sweeps = try store.sweeps()
        let matches = sweeps.filter { $0.id.hasPrefix(selector) }
        if matches.count == 1 { return matches[0] }
        let known = sweeps.isEmpty ? "it holds no sweep" : "its sweeps: " + sweeps.map(\.id).joined(separator: ", ")
        let problem = matches.isEmpty ? "no sweep '\(selector)'" : "'\(selector)' matches \(matches.count) sweeps"
        throw InspectionError(message: "\(store.path): \(problem); \(known)")
    }
}
