/// Why a `dynamic_performance_metrics` row was written (`trigger_kind`): at the last bar of a UTC
/// day, at a risk adjustment, or at the end of the run.
public enum PerformanceTrigger: String, Sendable, Codable, CaseIterable {
    case daily
    case adjustment
    case final
}
