import BallastCore

extension DynamicRiskConfig {
    /// Every reason this configuration is invalid, in ``tomlKeys`` order; empty when it is valid.
    ///
    /// Each issue's key path is the snake_case TOML key relative to the `dynamic_risk` table, and its
    /// reason quotes the offending values. Checked (SPEC §5 and the ranges the manager needs):
    /// - `performance_window_days ≥ 1`, `min_trades ≥ 1`;
    /// - `drawdown_thresholds` non-empty, each in (0, 1), strictly ascending;
    /// - `risk_reduction_factors` as many as the thresholds, each in (0, 1], non-increasing;
    /// - `recovery_thresholds` each finite and > 0, strictly ascending (an empty list is allowed: then only
    ///   a new equity peak clears a latched tier);
    /// - `volatility_window_days ≥ 10` (a shorter window could never hold the
    ///   ``DailyVolatilityWindow/minimumReturns`` daily returns the component needs);
    /// - `0 ≤ low_volatility_threshold < high_volatility_threshold`, both finite;
    /// - scores in [0, 1] with `poor_performance_score < good_performance_score`;
    /// - every factor finite and > 0.
    public func validationIssues() -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        func issue(_ key: CodingKeys, _ reason: String) {
            issues.append(ConfigIssue(keyPath: key.rawValue, reason: reason))
        }
        if performanceWindowDays < 1 {
            issue(.performanceWindowDays, "must be at least 1 day, got \(performanceWindowDays)")
        }
        checkThresholds(into: issue)
        checkReductionFactors(into: issue)
        checkRecoveryThresholds(into: issue)
        checkVolatility(into: issue)
        if minTrades < 1 {
            issue(.minTrades, "must be at least 1, got \(minTrades)")
        }
        checkPerformance(into: issue)
        return issues
    }

    private func checkThresholds(into issue: (CodingKeys, String) -> Void) {
        let values = drawdownThresholds
        if values.isEmpty {
            issue(.drawdownThresholds, "must list at least one drawdown threshold")
        }
        let outside = values.filter { !($0 > 0 && $0 < 1) }
        if !outside.isEmpty {
            issue(.drawdownThresholds, "every threshold must be in (0, 1), got \(outside) in \(values)")
        }
        if let index = firstOutOfOrder(values, by: <) {
            issue(
                .drawdownThresholds,
                "must be strictly ascending, but \(values[index]) follows \(values[index - 1]) in \(values)")
        }
    }

    private func checkReductionFactors(into issue: (CodingKeys, String) -> Void) {
        let values = riskReductionFactors
        if values.count != drawdownThresholds.count {
            issue(
                .riskReductionFactors,
                "must have the same length as drawdown_thresholds (one factor per tier): \(values.count) factors "
                    + "\(values) for \(drawdownThresholds.count) thresholds \(drawdownThresholds)")
        }
        let outside = values.filter { !($0 > 0 && $0 <= 1) }
        if !outside.isEmpty {
            issue(.riskReductionFactors, "every factor must be in (0, 1], got \(outside) in \(values)")
        }
        if let index = firstOutOfOrder(values, by: >=) {
            issue(
                .riskReductionFactors,
                "must be non-increasing, but \(values[index]) follows \(values[index - 1]) in \(values)")
        }
    }

    private func checkRecoveryThresholds(into issue: (CodingKeys, String) -> Void) {
        let values = recoveryThresholds
        let invalid = values.filter { !($0 > 0 && $0.isFinite) }
        if !invalid.isEmpty {
            issue(.recoveryThresholds, "every threshold must be finite and > 0, got \(invalid) in \(values)")
        }
        if let index = firstOutOfOrder(values, by: <) {
            issue(
                .recoveryThresholds,
                "must be strictly ascending, but \(values[index]) follows \(values[index - 1]) in \(values)")
        }
    }

    private func checkVolatility(into issue: (CodingKeys, String) -> Void) {
        let minimum = DailyVolatilityWindow.minimumReturns
        if volatilityWindowDays < minimum {
            issue(
                .volatilityWindowDays,
                "must be at least \(minimum) days (the volatility needs \(minimum) daily returns), "
                    + "got \(volatilityWindowDays)")
        }
        if !(highVolatilityThreshold > 0 && highVolatilityThreshold.isFinite) {
            issue(.highVolatilityThreshold, "must be finite and > 0, got \(highVolatilityThreshold)")
        }
        if !(lowVolatilityThreshold >= 0 && lowVolatilityThreshold.isFinite) {
            issue(.lowVolatilityThreshold, "must be finite and ≥ 0, got \(lowVolatilityThreshold)")
        } else if !(lowVolatilityThreshold < highVolatilityThreshold) {
            issue(
                .lowVolatilityThreshold,
                "must be below high_volatility_threshold (\(highVolatilityThreshold)), got \(lowVolatilityThreshold)")
        }
        checkFactor(highVolatilityFactor, .highVolatilityFactor, into: issue)
        checkFactor(lowVolatilityFactor, .lowVolatilityFactor, into: issue)
    }

    private func checkPerformance(into issue: (CodingKeys, String) -> Void) {
        let poorValid = poorPerformanceScore >= 0 && poorPerformanceScore <= 1
        let goodValid = goodPerformanceScore >= 0 && goodPerformanceScore <= 1
        if !poorValid {
            issue(.poorPerformanceScore, "must be in [0, 1], got \(poorPerformanceScore)")
        }
        if !goodValid {
            issue(.goodPerformanceScore, "must be in [0, 1], got \(goodPerformanceScore)")
        }
        if poorValid && goodValid && !(poorPerformanceScore < goodPerformanceScore) {
            issue(
                .poorPerformanceScore,
                "must be below good_performance_score (\(goodPerformanceScore)), got \(poorPerformanceScore)")
        }
        checkFactor(poorPerformanceFactor, .poorPerformanceFactor, into: issue)
        checkFactor(goodPerformanceFactor, .goodPerformanceFactor, into: issue)
    }

    private func checkFactor(_ value: Double, _ key: CodingKeys, into issue: (CodingKeys, String) -> Void) {
        if !(value > 0 && value.isFinite) {
            issue(key, "must be finite and > 0, got \(value)")
        }
    }

    /// The first index `i ≥ 1` whose value is not `inOrder` after value `i − 1`, or nil.
    private func firstOutOfOrder(_ values: [Double], by inOrder: (Double, Double) -> Bool) -> Int? {
        guard values.count >= 2 else { return nil }
        for index in 1..<values.count where !inOrder(values[index - 1], values[index]) {
            return index
        }
        return nil
    }
}
