/// The largest (or smallest) of the last `window` values fed, in O(1) amortised per value by a
/// monotonic deque kept in a ring of `window` slots. Exact: the extreme is one of the values.
public struct RunningExtreme: Sendable, Equatable {
    /// Which extreme is kept.
    public enum Kind: Sendable, Equatable {
        case maximum, minimum
    }

    /// The window length (≥ 1).
    public let window: Int
    public let kind: Kind
    /// The deque: candidate values and their indices, oldest at `front`, `size` of them.
    private var values: [Double]
    private var indices: [Int]
    private var front = 0
    private var size = 0
    /// How many values were fed.
    public private(set) var count = 0

    /// An extreme over `window` values. Precondition: `window ≥ 1`.
    public init(window: Int, kind: Kind) {
        precondition(window >= 1, "window must be at least 1")
        self.window = window
        self.kind = kind
        values = [Double](repeating: 0, count: window)
        indices = [Int](repeating: 0, count: window)
    }

    /// The extreme of the last `window` values fed; NaN before `window` values.
    public var value: Double {
        count >= window ? values[front] : .nan
    }

    /// Feeds the next value. Precondition: not NaN.
    public mutating func push(_ value: Double) {
        let index = count
        count += 1
        // The front leaves the window once this value enters.
        if size > 0, indices[front] <= index - window {
            front = front + 1 == window ? 0 : front + 1
            size -= 1
        }
        // Values the new one dominates can never be the extreme again.
        while size > 0 {
            let back = (front + size - 1) % window
            let dominated = kind == .maximum ? values[back] <= value : values[back] >= value
            guard dominated else { break }
            size -= 1
        }
        let slot = (front + size) % window
        values[slot] = value
        indices[slot] = index
        size += 1
    }
}
