/// Downsamples a time series for a chart `columns` pixels wide by keeping, in every pixel column,
/// the point with the lowest and the point with the highest value — in time order, one point when
/// they are the same. Nothing else is dropped for size, so every extreme of the series survives:
/// the global minimum and maximum, and the minimum and maximum of every column.
///
/// Invariants of the result: at most 2 points per column (so at most `2 × columns` points); a
/// subsequence of the input (no value is invented or averaged); in input order; the input's first
/// minimum and first maximum of each column are kept. A pure function.
public enum MinMaxDownsampler {
    /// The column (0 ..< columns) of `time` in [start, end]; times outside are clamped to the first
    /// or last column. A zero-length range puts everything in column 0.
    public static func column(of time: Double, start: Double, end: Double, columns: Int) -> Int {
        guard columns > 1, end > start else { return 0 }
        let position = (time - start) / (end - start) * Double(columns)
        guard position.isFinite else { return 0 }
        return min(columns - 1, max(0, Int(position.rounded(.down))))
    }

    /// `points` (sorted by time) reduced to at most two per column of `columns` equal columns over
    /// [start, end]. Points with a non-finite value are skipped. `columns` < 1 is taken as 1.
    public static func downsample(_ points: [SeriesPoint], start: Double, end: Double, columns: Int) -> [SeriesPoint] {
        let columns = max(1, columns)
        var result: [SeriesPoint] = []
        result.reserveCapacity(min(points.count, 2 * columns))
        var current = -1
        var low: SeriesPoint?
        var lowIndex = 0
        var high: SeriesPoint?
        var highIndex = 0

        func flush() {
            guard let low, let high else { return }
            if lowIndex == highIndex {
                result.append(low)
            } else if lowIndex < highIndex {
                result.append(low)
                result.append(high)
            } else {
                result.append(high)
                result.append(low)
            }
        }

        for (index, point) in points.enumerated() where point.value.isFinite {
            let column = column(of: point.time, start: start, end: end, columns: columns)
            if column != current {
                flush()
                current = column
                low = point
                lowIndex = index
                high = point
                highIndex = index
                continue
            }
            if point.value < low!.value {
                low = point
                lowIndex = index
            }
            if point.value > high!.value {
                high = point
                highIndex = index
            }
        }
        flush()
        return result
    }
}
