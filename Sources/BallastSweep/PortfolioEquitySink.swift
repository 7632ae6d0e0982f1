import BallastCore
import BallastEngine
import Synchronization

/// A journal sink that keeps only the portfolio's day-end equity snapshots of a run: the equity
/// curve a walk-forward stitches, through the backtester's public journal interface.
final class PortfolioEquitySink: JournalSink {
    private let points = Mutex<[(time: Timestamp, equity: Double)]>([])

    func write(_ batch: JournalBatch) async throws {
        let portfolio = batch.snapshots.filter { $0.scope == "portfolio" }.map { ($0.time, $0.equity) }
        points.withLock { $0 += portfolio }
    }

    /// The snapshots so far, in time order.
    var equity: [(time: Timestamp, equity: Double)] { points.withLock { $0 } }
}
