import BallastCore

/// The seam in the kernel's phase 1 where a pending order is filled by something other than the
/// SPEC §8 model: a live run with an external venue fills it at the venue's execution instead of
/// the bar's open (`VenueFills`, BallastLive).
///
/// A backtest sets no policy (`BacktestKernel.fillPolicy == nil`): the model's fill is the inlined
/// default and the seam costs one test of an optional per pending order, as the venue's executions
/// did before they moved out (docs/PERFORMANCE.md). With a policy set, the kernel also treats a stop
/// or target hit as a market exit sent now (an external venue cannot fill at a price already past),
/// and an operator's flatten under fill-at-close waits for the next fill.
package protocol KernelFillPolicy: Sendable {
    /// Phase 1: fills sleeve `strategy`'s pending `order` (already taken off the sleeve) at bar `bar`,
    /// which opened at `time`, booking and recording it on `kernel`.
    func fill(_ order: PendingOrder, strategy: Int, bar: Int, time: Timestamp, kernel: inout BacktestKernel)

    /// At the end of the run, before the positions still open close at their last close: fills the
    /// exits the run asked for.
    func finishFills(kernel: inout BacktestKernel)
}
