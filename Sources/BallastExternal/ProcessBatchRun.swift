import BallastCore
import BallastStrategies
import Foundation
import Synchronization

/// One backtest run of a process strategy over a whole series (`ProcessStrategy.precomputed`):
/// a producer thread encodes the bars into 64 KiB chunks for the `PipeWriter` while this thread
/// reads the answers, so the process is limited only by its own speed. Blocking: run it on a
/// thread of its own.
struct ProcessBatchRun: Sendable {
    let strategy: ProcessStrategy
    let series: BarSeries

    func run() throws(StrategyProcessError) -> PrecomputedStrategy {
        let count = series.count
        guard count > 0 else {
            return PrecomputedStrategy(
                kind: ProcessStrategy.kind, times: [], signals: [], valueNames: strategy.valueNames,
                columns: strategy.valueNames.map { _ in [] })
        }
        let (process, lookback) = try strategy.start()
        defer { process.terminate() }
        let cancelled = Atomic<Bool>(false)
        let series = self.series
        let writer = process.writer
        let producer = Thread {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 16 + 512)
            var encoder = BarLineEncoder()
            for index in 0..<count {
                encoder.append(series[index], to: &chunk)
                if chunk.count >= 1 << 16 {
                    if cancelled.load(ordering: .relaxed) { return }
                    writer.enqueue(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            chunk.append(contentsOf: StrategyProtocol.stop.utf8)
            writer.enqueue(chunk)
            writer.finish()
        }
        producer.name = "ballast-strategy-bars"
        producer.start()
        var signals = [Signal]()
        signals.reserveCapacity(count)
        var column = [Double]()
        column.reserveCapacity(count)
        var values = [Double](repeating: .nan, count: 1)
        do throws(StrategyProcessError) {
            for index in 0..<count {
                let time = Timestamp(seconds: series.times[index])
                signals.append(try strategy.readAnswer(from: process, index: index, time: time, values: &values))
                column.append(values[0])
            }
        } catch {
            cancelled.store(true, ordering: .relaxed)
            throw error
        }
        // Every bar answered: the process read `stop` (or will); give it a moment to exit by itself.
        process.stop(grace: 1_000)
        return PrecomputedStrategy(
            kind: ProcessStrategy.kind, lookback: lookback, times: series.times, signals: signals,
            valueNames: strategy.valueNames, columns: [column])
    }
}
