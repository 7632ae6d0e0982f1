/// A done walk-forward window's row in `walk_forward_windows` (migration v7, docs/DATABASE.md).
///
/// Invariant: written only once every train variant of the window is done and, when a variant was
/// chosen, its test run too; `testJSON` is nil when no variant was chosen or the choice could not
/// run on the test window.
public struct WalkForwardWindowRecord: Sendable, Equatable {
    /// The window's number, from 0, in time order.
    public var window: Int
    /// The train window's start, the test window's start and end (epoch seconds, half-open).
    public var trainStart: Int64
    public var testStart: Int64
    public var testEnd: Int64
    /// The variant chosen on the train window, nil when none finished there.
    public var chosenVariant: Int?
    /// The chosen variant's run on the test window, as the walk-forward encodes it.
    public var testJSON: String?

    public init(
        window: Int, trainStart: Int64, testStart: Int64, testEnd: Int64, chosenVariant: Int?, testJSON: String?
    ) {
        self.window = window
        self.trainStart = trainStart
        self.testStart = testStart
        self.testEnd = testEnd
        self.chosenVariant = chosenVariant
        self.testJSON = testJSON
    }
}
