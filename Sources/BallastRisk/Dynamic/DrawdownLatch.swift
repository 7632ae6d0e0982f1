/// The drawdown component of dynamic risk (SPEC §5): latched drawdown tiers with staged recovery.
///
/// Fed the sleeve's equity marked to market once per bar, it keeps:
/// - `peak`, the running maximum of equity (it starts at the initial equity);
/// - the **dd tier**, the highest `i` with `drawdown ≥ thresholds[i]` (inclusive, see ``RatioTolerance``);
/// - the **latch**: entering a tier deeper than the latched one latches it as the *entry tier* and starts a
///   trough at the current equity; the trough then follows the lowest equity since;
/// - recovery `r = (equity − trough) / trough`; when `r` reaches `recoveryThresholds[j]` (the largest such
///   `j`), the latch is lifted to `entryTier − (j + 1)`, never below the current dd tier; a result below
///   tier 0 clears the latch.
///
/// Decisions the specification leaves open:
/// - The trough does **not** reset when the latch is lifted part-way: recovery is always measured from the
///   lowest equity since the entry tier was latched, and lifts count from the entry tier. A lift is therefore
///   never applied twice for the same recovery (bar after bar), and the spec's example reads literally
///   (at 9 501 the recovery from 8 900 is 6.75 % ≥ 5 %, so tier 1 is lifted by two tiers).
///   A consequence: from a tier deeper than the number of recovery thresholds, recovery alone lifts the latch
///   at most `recoveryThresholds.count` tiers, and the rest holds until a new peak.
/// - Lifts never reverse: the latch only gets deeper by entering a deeper tier (which restarts the trough).
/// - Equity at or above the peak (a new or equal high) clears the latch.
/// - While the peak is ≤ 0 the drawdown is 0; while the trough is ≤ 0 there is no recovery (no lift).
/// - Non-finite equity is ignored (the state does not change).
///
/// Invariants: `activeTier == max(drawdownTier, latchedTier)`, so never below the dd tier;
/// `latchedTier ≤ entryTier`; `entryTier` and `trough` are non-nil exactly when `latchedTier` is, and `recovery`
/// too unless the trough is ≤ 0; after equity ≥ the previous peak, `latchedTier` is nil.
public struct DrawdownLatch: Sendable, Equatable {
    /// Drawdowns that enter tiers 0, 1, …; strictly ascending in (0, 1).
    public let thresholds: [Double]
    /// Recoveries that lift the latch by 1, 2, … tiers; strictly ascending and > 0.
    public let recoveryThresholds: [Double]
    /// The running maximum of equity.
    public private(set) var peak: Double
    /// The last equity seen.
    public private(set) var equity: Double
    /// `(peak − equity) / peak`, 0 while the peak is ≤ 0.
    public private(set) var drawdown: Double = 0
    /// The tier the current drawdown alone reaches, nil when none.
    public private(set) var drawdownTier: Int?
    /// The latched tier, nil when no tier is latched.
    public private(set) var latchedTier: Int?
    /// The tier latched when the current trough started; lifts count from it.
    public private(set) var entryTier: Int?
    /// The lowest equity since the entry tier was latched, nil when no tier is latched.
    public private(set) var trough: Double?
    /// `(equity − trough) / trough` while a tier is latched, else nil.
    public private(set) var recovery: Double?

    /// A latch with no tier, its peak at `initialEquity`.
    public init(thresholds: [Double], recoveryThresholds: [Double], initialEquity: Double) {
        self.thresholds = thresholds
        self.recoveryThresholds = recoveryThresholds
        peak = initialEquity
        equity = initialEquity
    }

    /// The tier in force: `max(drawdownTier, latchedTier)`, nil when neither is set.
    public var activeTier: Int? {
        guard let latched = latchedTier else { return drawdownTier }
        guard let current = drawdownTier else { return latched }
        return max(latched, current)
    }

    /// Stop tightening of tier `tier`: `1 + 0.2 × (tier + 1)` (1.2, 1.4, 1.6, …).
    public static func stopTightening(forTier tier: Int) -> Double {
        1 + 0.2 * Double(tier + 1)
    }

    /// The highest `i` with `value ≥ thresholds[i]` (within ``RatioTolerance``), or nil: the dd tier of a
    /// drawdown, or the recovery step `j` of a recovery. `thresholds` must be ascending.
    public static func highestReached(_ value: Double, thresholds: [Double]) -> Int? {
        var index = thresholds.count - 1
        while index >= 0 {
            if RatioTolerance.reaches(value, thresholds[index]) { return index }
            index -= 1
        }
        return nil
    }

    /// Takes the equity at one bar close and updates peak, drawdown, latch, trough and recovery. O(tiers).
    public mutating func update(equity newEquity: Double) {
        guard newEquity.isFinite else { return }
        equity = newEquity
        if newEquity >= peak {
            peak = newEquity
            clearLatch()
        }
        drawdown = peak > 0 ? (peak - newEquity) / peak : 0
        let currentTier = Self.highestReached(drawdown, thresholds: thresholds)
        drawdownTier = currentTier
        if let current = currentTier, current > (latchedTier ?? -1) {
            latchedTier = current
            entryTier = current
            trough = newEquity
        } else if let low = trough, newEquity < low {
            trough = newEquity
        }
        guard let latched = latchedTier, let entry = entryTier, let low = trough else { return }
        guard low > 0 else {
            recovery = nil
            return
        }
        let rise = (newEquity - low) / low
        recovery = rise
        guard let step = Self.highestReached(rise, thresholds: recoveryThresholds) else { return }
        let lifted = max(entry - (step + 1), currentTier ?? -1)
        if lifted < 0 {
            clearLatch()
        } else if lifted < latched {
            latchedTier = lifted
        }
    }

    private mutating func clearLatch() {
        latchedTier = nil
        entryTier = nil
        trough = nil
        recovery = nil
    }
}
