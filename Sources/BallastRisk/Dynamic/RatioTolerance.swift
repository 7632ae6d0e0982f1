/// Tolerant comparisons of dimensionless ratios (drawdown, recovery, performance score) with their
/// configured thresholds (SPEC §5).
///
/// These ratios are computed in floating point, so a value that is exactly at a threshold on paper can land
/// one rounding step beside it: (9 078 − 8 900) / 8 900 is 2 % on paper. A value within ``tolerance``
/// (1e-12, absolute; the ratios are of order 0.01 to 1, so this is far below any meaningful difference and
/// far above rounding error) of a threshold counts as equal to it. Daily volatility is a measured
/// statistic, not a ratio of configured amounts, and is compared exactly.
public enum RatioTolerance {
    /// The absolute tolerance, 1e-12.
    public static let tolerance = 1e-12

    /// `value ≥ threshold`, where a value less than ``tolerance`` below the threshold also reaches it.
    @inlinable
    public static func reaches(_ value: Double, _ threshold: Double) -> Bool {
        value >= threshold - tolerance
    }

    /// `value < threshold` by more than ``tolerance`` (a value equal to it within tolerance is not below).
    @inlinable
    public static func isBelow(_ value: Double, _ threshold: Double) -> Bool {
        value < threshold - tolerance
    }

    /// `value > threshold` by more than ``tolerance`` (a value equal to it within tolerance is not above).
    @inlinable
    public static func isAbove(_ value: Double, _ threshold: Double) -> Bool {
        value > threshold + tolerance
    }
}
