import BallastCore

/// The bars of every series merged into one sequence of bar-close events, ordered by
/// (close time, series index) — never by arrival — so a joint run is deterministic.
struct EventTimeline: Sendable {
    /// One bar closing.
    struct Event: Sendable, Equatable {
        var closeTime: Int64
        var series: Int32
        var bar: Int32
    }

    /// The merged events; empty for a single series, whose events are its bars in order.
    private var events: [Event]
    /// A single series' open times and bar length (no merged array is built for it).
    private var single: (times: [Int64], length: Int64)?

    /// The number of events.
    private(set) var count: Int

    /// The event at a position.
    subscript(position: Int) -> Event {
        if let single {
            return Event(closeTime: single.times[position] + single.length, series: 0, bar: Int32(position))
        }
        return events[position]
    }

    init(series: [BarSeries]) {
        if series.count == 1 {
            single = (series[0].times, series[0].timeframe.nominalSeconds)
            events = []
            count = series[0].count
            return
        }
        single = nil
        var merged: [Event] = []
        merged.reserveCapacity(series.reduce(0) { $0 + $1.count })
        var heads = [Int](repeating: 0, count: series.count)
        let lengths = series.map { Int64($0.timeframe.nominalSeconds) }
        while true {
            var best = -1
            var bestTime = Int64.max
            for index in series.indices where heads[index] < series[index].count {
                let time = series[index].times[heads[index]] + lengths[index]
                if time < bestTime {
                    best = index
                    bestTime = time
                }
            }
            guard best >= 0 else { break }
            // Take the whole run of this series up to the next head of any other series.
            var limit = Int64.max
            for index in series.indices where index != best && heads[index] < series[index].count {
                let other = series[index].times[heads[index]] + lengths[index]
                limit = min(limit, index < best ? other - 1 : other)
            }
            let times = series[best].times
            var bar = heads[best]
            while bar < times.count, times[bar] + lengths[best] <= limit {
                merged.append(Event(closeTime: times[bar] + lengths[best], series: Int32(best), bar: Int32(bar)))
                bar += 1
            }
            heads[best] = bar
        }
        events = merged
        count = merged.count
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
    mutating func append(_ event: Event) {
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
