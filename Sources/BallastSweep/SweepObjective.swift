import BallastReports

/// The metric a sweep maximises: any portfolio metric of SPEC §14 (`final_equity`, `sharpe`, …).
///
/// Invariant: `key` is one of ``names``; ``value(of:)`` is nil when the metric is undefined for a
/// variant (a Sharpe without variance), and such a variant ranks after every defined one.
public struct SweepObjective: Sendable, Equatable {
    /// The metric's JSON key.
    public let key: PerformanceMetrics.CodingKeys

    /// The portfolio metrics an objective may name (`buy_and_hold_return_pct` is a strategy metric
    /// and `annualization` is not a number).
    public static let names: [String] = PerformanceMetrics.CodingKeys.allCases
        .filter { $0 != .buyAndHoldReturnPct && $0 != .annualization }.map(\.rawValue)

    /// The objective named `name`, nil for a name that is not a portfolio metric.
    public init?(name: String) {
        guard Self.names.contains(name), let key = PerformanceMetrics.CodingKeys(rawValue: name) else { return nil }
        self.key = key
    }

    /// The objective of a metric key (any key, for reading a metric by key).
    init(key: PerformanceMetrics.CodingKeys) { self.key = key }

    /// The metric's name as the sweep file spells it.
    public var name: String { key.rawValue }

    /// The metric's value in `metrics`, nil when undefined.
    public func value(of metrics: PerformanceMetrics) -> Double? {
        switch key {
        case .totalReturnPct: metrics.totalReturnPct
        case .cagrPct: metrics.cagrPct
        case .sharpe: metrics.sharpe
        case .sortino: metrics.sortino
        case .calmar: metrics.calmar
        case .maxDrawdownPct: metrics.maxDrawdownPct
        case .winRatePct: metrics.winRatePct
        case .profitFactor: metrics.profitFactor
        case .expectancyPct: metrics.expectancyPct
        case .sqn: metrics.sqn
        case .exposurePct: metrics.exposurePct
        case .trades: Double(metrics.trades)
        case .finalEquity: metrics.finalEquity
        case .buyAndHoldReturnPct: metrics.buyAndHoldReturnPct
        case .annualization: nil
        }
    }
}
