/// The Pearson product-moment correlation coefficient of two equal-length samples.
///
/// A pure helper of `PearsonCorrelationHook`, usable on its own (budgets, reports, tests).
public enum Pearson {
    /// A sample counts as constant (zero variance) when its root-mean-square deviation from its mean is
    /// at most this multiple of its largest magnitude. This absorbs the rounding noise of values that are
    /// constant in exact arithmetic (for example the daily returns of a price growing 1% a day), whose
    /// coefficient would otherwise be an arbitrary number built from rounding errors.
    public static let constantTolerance = 1e-12

    /// The correlation of `x` and `y`, in [−1, 1].
    ///
    /// Returns nil when it is undefined: fewer than two pairs, a non-finite value, or a sample with
    /// zero variance (see `constantTolerance`). Deviations are taken about the first value before the
    /// mean is removed, so that an exactly constant sample always has exactly zero variance.
    /// The result is clamped to [−1, 1] against rounding.
    ///
    /// - Precondition: `x.count == y.count`.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "Pearson.correlation needs samples of equal length")
        let count = x.count
        guard count >= 2 else { return nil }
        let originX = x[0]
        let originY = y[0]
        var sumX = 0.0
        var sumY = 0.0
        var largestX = 0.0
        var largestY = 0.0
        for index in 0..<count {
            guard x[index].isFinite, y[index].isFinite else { return nil }
            sumX += x[index] - originX
            sumY += y[index] - originY
            largestX = max(largestX, abs(x[index]))
            largestY = max(largestY, abs(y[index]))
        }
        let size = Double(count)
        let meanX = sumX / size
        let meanY = sumY / size
        var squaresX = 0.0
        var squaresY = 0.0
        var products = 0.0
        for index in 0..<count {
            let deviationX = (x[index] - originX) - meanX
            let deviationY = (y[index] - originY) - meanY
            squaresX += deviationX * deviationX
            squaresY += deviationY * deviationY
            products += deviationX * deviationY
        }
        guard (squaresX / size).squareRoot() > constantTolerance * largestX,
            (squaresY / size).squareRoot() > constantTolerance * largestY
        else { return nil }
        let coefficient = products / (squaresX.squareRoot() * squaresY.squareRoot())
        guard coefficient.isFinite else { return nil }
        return min(1, max(-1, coefficient))
    }
}
