/// How the tables show a drawdown tier. Tiers are numbered from 0 as in docs/RISK.md and the
/// journal: tier `i` is in force once the sleeve's drawdown reaches `drawdown_thresholds[i]`, so
/// tier 0 is the first (mildest) reduction, not "no reduction"; no tier shows as `—`.
enum DrawdownTierText {
    /// The tier, or `—` for none.
    static func text(_ tier: Int?) -> String {
        tier.map { "\($0)" } ?? "—"
    }

    /// The line printed under a table with a tier column.
    static let legend =
        "dd tier: 0-based; tier i applies once the sleeve's drawdown reaches drawdown_thresholds[i] "
        + "(0 = the first, mildest reduction); — = no tier, full size (docs/RISK.md)"
}
