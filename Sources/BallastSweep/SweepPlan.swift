import BallastCore

/// One variant of a sweep: its number in the plan and one value per axis.
public struct PlannedVariant: Sendable, Equatable {
    /// Its position in the plan, from 0: the variant's identity in the journal and across shards.
    public var index: Int
    /// One value per axis, in the order of the sweep file's axes.
    public var values: [SweepValue]
}

/// The variants of a sweep, expanded from its axes and mode; a pure function of the sweep file.
///
/// Grid order: the first axis varies slowest. A random sweep draws `samples` distinct grid
/// positions with SplitMix64 from `seed` and keeps them in grid order, so its plan is the same on
/// every machine and a shard manifest can be checked against it.
public struct SweepPlan: Sendable, Equatable {
    public var axes: [SweepAxis]
    public var variants: [PlannedVariant]

    /// The most variants a sweep may plan.
    public static let maximumVariants = 1_000_000

    public init(axes: [SweepAxis], mode: SweepMode) {
        self.axes = axes
        let sizes = axes.map(\.values.count)
        let gridCount = sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        let positions: [Int]
        switch mode {
        case .grid:
            positions = Array(0..<gridCount)
        case .random(let samples, let seed):
            positions = Self.sample(samples, of: gridCount, seed: seed)
        }
        variants = positions.enumerated().map { index, position in
            var rest = position
            var values = [SweepValue](repeating: .integer(0), count: axes.count)
            for axis in axes.indices.reversed() {
                values[axis] = axes[axis].values[rest % sizes[axis]]
                rest /= sizes[axis]
            }
            return PlannedVariant(index: index, values: values)
        }
    }

    /// The number of grid points of `axes` (saturating).
    public static func gridCount(of axes: [SweepAxis]) -> Int {
        axes.map(\.values.count).reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
    }

    /// `samples` distinct positions in `0..<count` (all of them when `samples >= count`), sorted.
    static func sample(_ samples: Int, of count: Int, seed: UInt64) -> [Int] {
        guard samples < count else { return Array(0..<count) }
        var generator = SplitMix64(seed: seed)
        var chosen = Set<Int>()
        while chosen.count < samples {
            chosen.insert(Int(generator.next() % UInt64(count)))
        }
        return chosen.sorted()
    }

    /// The variant's params as `(key, value)` pairs in axis order.
    public func params(of variant: PlannedVariant) -> [(key: String, value: SweepValue)] {
        zip(axes, variant.values).map { ($0.key, $1) }
    }
}
