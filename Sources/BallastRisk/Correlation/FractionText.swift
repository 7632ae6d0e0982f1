/// Short decimal text for fractions in journaled reasons, without Foundation: at most four decimals,
/// at least two (`0.06`, `0.10`, `0.0125`), rounded half away from zero.
enum FractionText {
    /// The text of `value`; non-finite values and magnitudes beyond 10^11 use Swift's own description.
    static func format(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e11 else { return "\(value)" }
        let scaled = Int64((abs(value) * 10_000).rounded())
        let whole = scaled / 10_000
        var decimals = String(scaled % 10_000)
        decimals = String(repeating: "0", count: 4 - decimals.count) + decimals
        while decimals.count > 2, decimals.hasSuffix("0") { decimals.removeLast() }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return "\(sign)\(whole).\(decimals)"
    }
}
