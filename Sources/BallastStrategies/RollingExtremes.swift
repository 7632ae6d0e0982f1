/// Sliding-window maxima and minima in O(n) by the van Herk / Gil–Werman method.
///
/// The column is cut into blocks of `window` values. Any window of that length is a suffix of one
/// block plus a prefix of the next, so its extreme combines a suffix extreme (one backward pass)
/// with a prefix extreme (kept running in the forward pass): three comparisons per value,
/// whatever the window, without branches or a deque, written in place into a caller's buffer so
/// one allocation serves several channels. It is exact (no rounding), so the extreme of a window
/// depends on the values inside it only.
enum RollingExtremes {
    /// Sets `result[j]` to the largest of `values[j..<(j + window)]` (the window that *starts* at
    /// `j`) for every `j ≤ values.count − window`; later slots are unspecified. The channel of the
    /// `window` bars before bar `i` is then `result[i − window]`.
    /// Preconditions: `window ≥ 1`; `result.count == values.count`; no value is NaN.
    static func maxima(_ values: [Double], window: Int, into result: inout [Double]) {
        fill(&result, values, window, Highest.self)
    }

    /// Sets `result[j]` to the smallest of `values[j..<(j + window)]` for every
    /// `j ≤ values.count − window`; later slots are unspecified. Preconditions as for `maxima`.
    static func minima(_ values: [Double], window: Int, into result: inout [Double]) {
        fill(&result, values, window, Lowest.self)
    }

    private protocol Order {
        static func pick(_ first: Double, _ second: Double) -> Double
    }

    private enum Highest: Order {
        @inline(__always)
        static func pick(_ first: Double, _ second: Double) -> Double { first > second ? first : second }
    }

    private enum Lowest: Order {
        @inline(__always)
        static func pick(_ first: Double, _ second: Double) -> Double { first < second ? first : second }
    }

    private static func fill<O: Order>(_ result: inout [Double], _ values: [Double], _ window: Int, _: O.Type) {
        precondition(window >= 1, "window must be at least 1")
        precondition(result.count == values.count, "result must be as long as values")
        let count = values.count
        guard count >= window else { return }
        // Backward pass: result[k] = extreme of values[k...end of k's block].
        var blockStart = 0
        while blockStart < count {
            let blockEnd = min(blockStart + window, count)
            var running = values[blockEnd - 1]
            result[blockEnd - 1] = running
            var index = blockEnd - 2
            while index >= blockStart {
                running = O.pick(running, values[index])
                result[index] = running
                index -= 1
            }
            blockStart = blockEnd
        }
        // Forward pass: the window ending at `end` is the suffix stored at its start combined with
        // the running prefix of `end`'s block; it is stored at the start, a slot no later window reads.
        var prefix = values[0]
        var offset = 0
        for end in 0..<count {
            prefix = offset == 0 ? values[end] : O.pick(prefix, values[end])
            offset = offset == window - 1 ? 0 : offset + 1
            if end >= window - 1 {
                let start = end - window + 1
                result[start] = O.pick(result[start], prefix)
            }
        }
    }
}
