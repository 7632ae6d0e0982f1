import BallastCore
import BallastEngine
import BallastRisk

/// A live run with `[execution] stops = "venue"` (docs/LIVE.md): the stops the venue should hold,
/// and the exit of a position whose venue stop filled.
extension LivePortfolio {
    /// True when each long position's stop-loss also rests at the venue: `stops = "venue"` with an
    /// external venue (the paper venue and a backtest leave stops to the SPEC §8 model).
    public var restsStopsAtVenue: Bool { setup.execution.stops == .venue && usesVenueFills }

    /// The stops the venue should hold now (`BacktestKernel.venueStopTargets`).
    public func venueStopTargets() -> [VenueStopTarget] { kernel.venueStopTargets() }

    /// True when strategy `index` holds a position with no order pending: a venue stop that filled
    /// is then booked as its exit (`requestVenueStopExit`).
    public func awaitsVenueStopExit(strategy index: Int) -> Bool {
        kernel.ledgers[index].position != nil && kernel.ledgers[index].pending == nil
    }

    /// Asks for the exit of strategy `index`'s position at the next fill, because its venue stop
    /// filled; returns the exit's order key (nil when the sleeve holds nothing or has an order
    /// pending). Pure: a replay asks for it again after the same bar group (`stopExitSchedule`).
    public mutating func requestVenueStopExit(strategy index: Int) -> String? {
        kernel.requestVenueStopExit(strategy: index)
    }

    /// Replay: processes the appended groups up to each scheduled stop exit's bar group and asks
    /// for the exit there, as the live run did after that group.
    mutating func replayStopExits(with book: inout PortfolioRiskBook) {
        guard !stopExitSchedule.isEmpty else { return }
        let end = kernel.timeline.count
        var remaining: [(strategy: Int, time: Int64)] = []
        var points: [(groupEnd: Int, strategy: Int, time: Int64)] = []
        for exit in stopExitSchedule {
            guard let groupEnd = groupEnd(strategy: exit.strategy, barTime: exit.time), groupEnd <= end else {
                remaining.append(exit)
                continue
            }
            if groupEnd > processedEvents { points.append((groupEnd, exit.strategy, exit.time)) }
        }
        stopExitSchedule = remaining
        for point in points.sorted(by: { ($0.groupEnd, $0.strategy) < ($1.groupEnd, $1.strategy) }) {
            kernel.chunkEnd = point.groupEnd
            kernel.run(with: &book)
            processedEvents = point.groupEnd
            _ = kernel.requestVenueStopExit(strategy: point.strategy, barTime: point.time)
        }
    }

    /// The timeline index just after the bar group holding strategy `index`'s bar at `barTime`.
    private func groupEnd(strategy index: Int, barTime: Int64) -> Int? {
        let lane = kernel.lanes[index]
        let series = kernel.columns[lane.series].series
        guard let bar = series.times.lastIndex(where: { $0 == barTime }) else { return nil }
        let closeTime = kernel.columns[lane.series].closeTime(at: bar)
        var low = 0
        var high = kernel.timeline.count
        while low < high {
            let mid = (low + high) / 2
            if kernel.timeline[mid].closeTime <= closeTime { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
