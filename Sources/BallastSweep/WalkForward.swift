import BallastConfig
import BallastCore

/// `[walk_forward]` of a sweep file: train on `train`, test on the following `test`, move on by
/// `step` (SPEC §17).
public struct WalkForward: Sendable, Equatable {
    public var train: CalendarSpan
    public var test: CalendarSpan
    public var step: CalendarSpan

    public init(train: CalendarSpan, test: CalendarSpan, step: CalendarSpan) {
        self.train = train
        self.test = test
        self.step = step
    }

    /// One train window and the test window after it; both half-open `[start, end)`.
    public struct Window: Sendable, Equatable {
        public var trainStart: Timestamp
        public var testStart: Timestamp
        public var testEnd: Timestamp

        public init(trainStart: Timestamp, testStart: Timestamp, testEnd: Timestamp) {
            self.trainStart = trainStart
            self.testStart = testStart
            self.testEnd = testEnd
        }
    }

    /// The windows over data from `first` to `last` (bar open times, inclusive): the first train
    /// window starts at `first`; each next one `step` later; a window is kept while its test window
    /// starts at or before `last` (the last test window may end after the data does).
    ///
    /// - Throws: a `ConfigurationError` at `walk_forward.train` when even the first train and test
    ///   windows do not fit in the data (the last bar's day counts as covered).
    public func windows(first: Timestamp, last: Timestamp, file: String, text: String) throws(ConfigurationError)
        -> [Window]
    {
        // The data must hold one whole train window and one whole test window after it; the last
        // bar's day counts as covered.
        guard test.after(train.after(first)) <= last.adding(seconds: Timestamp.secondsPerDay) else {
            throw ConfigurationError(
                file: file, text: text,
                issues: [
                    ConfigIssue(
                        keyPath: "walk_forward.train",
                        reason:
                            "train \(train) + test \(test) is longer than the data (\(first.iso8601) .. \(last.iso8601))"
                    )
                ])
        }
        var windows: [Window] = []
        var start = first
        while true {
            let testStart = train.after(start)
            guard testStart <= last else { break }
            windows.append(Window(trainStart: start, testStart: testStart, testEnd: test.after(testStart)))
            let next = step.after(start)
            guard next > start else { break }
            start = next
        }
        return windows
    }

    static func read(_ table: TableReader, issues: inout [ConfigIssue]) -> WalkForward? {
        issues += table.unknownKeys(allowed: ["train", "test", "step"])
        var spans: [CalendarSpan] = []
        for key in ["train", "test", "step"] {
            var local: [ConfigIssue] = []
            let text = table.string(key, &local)
            if table.table[key] == nil {
                local.append(table.issue(key, "is required (such as \"3y\", \"6m\", \"90d\")"))
            }
            if let text {
                if let span = CalendarSpan(text) {
                    spans.append(span)
                } else {
                    local.append(
                        table.issue(key, "must be a positive count and a unit d, w, m or y (\"3y\"), got \"\(text)\""))
                }
            }
            issues += local
        }
        guard spans.count == 3 else { return nil }
        return WalkForward(train: spans[0], test: spans[1], step: spans[2])
    }
}
