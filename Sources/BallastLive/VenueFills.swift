import BallastCore
import BallastEngine

/// The kernel's fill policy for a live run on an external venue (`KernelFillPolicy`): a pending
/// order fills at the venue's executions, recorded by order key (`BacktestKernel.venueKey`), instead
/// of the SPEC §8 model's next open. A part the venue did not fill leaves the position as the venue
/// has it (`BacktestKernel.executeAtVenue`).
///
/// Invariant: `executions` holds every execution the run's venue reported (journaled in
/// `venue_orders`, reloaded on a restart), so a replay of the journaled bars fills every order
/// exactly as the live run did.
struct VenueFills: KernelFillPolicy {
    /// The venue's executions by order key.
    var executions: [String: VenueExecution]

    func fill(_ order: PendingOrder, strategy: Int, bar: Int, time: Timestamp, kernel: inout BacktestKernel) {
        kernel.executeAtVenue(order, strategy: strategy, fills: executions, bar: bar, time: time)
    }

    /// Executes the exits `requestVenueExits` asked for at the venue's fills.
    func finishFills(kernel: inout BacktestKernel) {
        for index in kernel.ledgers.indices {
            guard let order = kernel.ledgers[index].pending else { continue }
            kernel.ledgers[index].pending = nil
            let series = kernel.columns[kernel.lanes[index].series].series
            kernel.executeAtVenue(
                order, strategy: index, fills: executions, bar: max(0, series.count - 1),
                time: Timestamp(seconds: series.times.last ?? 0))
        }
    }
}
