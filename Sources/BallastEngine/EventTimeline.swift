import BallastCore

/// The bars of every series merged into one sequence of bar-close events, ordered by
/// (close time, series index) — never by arrival — so a joint run is deterministic.
package struct EventTimeline: Sendable {
    /// One bar closing.
    package struct Event: Sendable, Equatable {
        package var closeTime: Int64
        package var series: Int32
        package var bar: Int32

        package init(closeTime: Int64, series: Int32, bar: Int32) {
            self.closeTime = closeTime
            self.series = series
            self.bar = bar
        }
    }

    /// The merged events; empty for a single series, whose events are its bars in order.
    private var events: [Event]
    /// A single series' open times and bar length (no merged array is built for it).
    private var single: (times: [Int64], length: Int64)?

    /// The number of events.
    package private(set) var count: Int

    /// The event at a position.
    package subscript(position: Int) -> Event {
        if let single {
            return Event(closeTime: single.times[position] + single.length, series: 0, bar: Int32(position))
        }
        return events[position]
    }

    package init(series: [BarSeries]) {
        if series.count == 1 {
            single = (series[0].times, series[0].timeframe.nominalSeconds)
            events = []
            count = series[0].count
            return
        }
        single = nil
        let times = series.map(\.times)
        let lengths = series.map(\.timeframe.nominalSeconds)
        let merged =
            !series.isEmpty && lengths.allSatisfy({ $0 == lengths[0] }) && times.allSatisfy({ $0 == times[0] })
            ? Self.interleave(times: times[0], length: lengths[0], seriesCount: series.count)
            : Self.merge(openTimes: times, lengths: lengths)
        events = merged
        count = merged.count
    }

    /// Series on one clock (the same bar times and length): each time's bars in series order.
    private static func interleave(times: [Int64], length: Int64, seriesCount: Int) -> [Event] {
        var merged: [Event] = []
        merged.reserveCapacity(times.count * seriesCount)
        for (bar, time) in times.enumerated() {
            for series in 0..<seriesCount {
                merged.append(Event(closeTime: time + length, series: Int32(series), bar: Int32(bar)))
            }
        }
        return merged
    }

    /// Merges the series' bars by close time (`times[s][bar] + lengths[s]`), then series index:
    /// takes the whole run of the earliest series up to the next head of any other series, reading
    /// the time columns directly rather than through `BarSeries`' accessors.
    private static func merge(openTimes times: [[Int64]], lengths: [Int64]) -> [Event] {
        let seriesCount = times.count
        var merged: [Event] = []
        merged.reserveCapacity(times.reduce(0) { $0 + $1.count })
        var heads = [Int](repeating: 0, count: seriesCount)
        let counts = times.map(\.count)
        while true {
            // The earliest head (first series on a tie) and the earliest key of any other series.
            var best = -1
            var bestTime = Int64.max
            for index in 0..<seriesCount where heads[index] < counts[index] {
                let time = times[index][heads[index]] + lengths[index]
                if time < bestTime {
                    best = index
                    bestTime = time
                }
            }
            guard best >= 0 else { break }
            // A bar of `best` goes first while it closes before the other heads (or at the same
            // time as those of later series).
            var limit = Int64.max
            for index in 0..<seriesCount where index != best && heads[index] < counts[index] {
                let other = times[index][heads[index]] + lengths[index]
                limit = min(limit, index < best ? other - 1 : other)
            }
            let length = lengths[best]
            let series = Int32(best)
            heads[best] = times[best].withUnsafeBufferPointer { column in
                var bar = heads[best]
                while bar < column.count, column[bar] + length <= limit {
                    merged.append(Event(closeTime: column[bar] + length, series: series, bar: Int32(bar)))
                    bar += 1
                }
                return bar
            }
        }
        return merged
    }

    /// The end (exclusive) of the group of events sharing the close time of `events[start]`.
    func groupEnd(from start: Int) -> Int {
        if single != nil { return start + 1 }  // one series: its times are strictly increasing
        let time = events[start].closeTime
        var end = start + 1
        while end < events.count, events[end].closeTime == time { end += 1 }
        return end
    }

    /// Appends one event (a live bar). Precondition: it does not close before the last event, and at
    /// the same close time its series index is larger (the caller appends a group in series order).
    package mutating func append(_ event: Event) {
        if let single {
            events = single.times.indices.map {
                Event(closeTime: single.times[$0] + single.length, series: 0, bar: Int32($0))
            }
            self.single = nil
        }
        precondition(
            events.last.map { ($0.closeTime, $0.series) < (event.closeTime, event.series) } ?? true,
            "timeline events must be appended in (close time, series) order")
        events.append(event)
        count = events.count
    }
}
