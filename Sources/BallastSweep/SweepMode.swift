/// How a sweep picks its variants from the grid of its axes.
public enum SweepMode: Sendable, Equatable {
    /// Every combination of the axes' values (the first axis varies slowest).
    case grid
    /// `samples` distinct combinations drawn with SplitMix64 from `seed` (every one of them when
    /// the grid is smaller), run in grid order.
    case random(samples: Int, seed: UInt64)

    /// `grid` or `random`, as the sweep file and the journal spell it.
    public var name: String {
        switch self {
        case .grid: "grid"
        case .random: "random"
        }
    }
}
