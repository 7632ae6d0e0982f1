import BallastCore
import BallastRisk
import Testing

@testable import BallastEngine

@Suite("The journal pipeline: one write at a time, queued batches together, in order")
struct JournalPipelineTests {
    /// A batch marked by one order whose sequence number names it.
    static func batch(_ number: Int) -> JournalBatch {
        var batch = JournalBatch()
        batch.orders = [
            OrderRecord(
                seq: number, strategyID: "s", symbol: "SYN", side: .long, intent: .entry,
                createdAt: Timestamp(seconds: Int64(number)), decisionSeq: nil, fraction: nil, status: .filled)
        ]
        return batch
    }

    /// Records every call; the first write waits until the test opens the gate, so that later
    /// batches queue up behind it. Optionally fails on a given call.
    actor GatedSink: JournalSink {
        private(set) var calls: [[Int]] = []
        private var gate: CheckedContinuation<Void, Never>?
        private var opened = false
        private var entered: CheckedContinuation<Void, Never>?
        private var hasEntered = false
        let failOnCall: Int?

        struct Broken: Error {}

        init(failOnCall: Int? = nil) {
            self.failOnCall = failOnCall
        }

        func write(_ batch: JournalBatch) async throws {
            try await record([batch])
        }

        func write(contentsOf batches: [JournalBatch]) async throws {
            try await record(batches)
        }

        private func record(_ batches: [JournalBatch]) async throws {
            calls.append(batches.flatMap { $0.orders.map(\.seq) })
            if calls.count == 1 {
                hasEntered = true
                entered?.resume()
                if !opened { await withCheckedContinuation { gate = $0 } }
            }
            if calls.count == failOnCall { throw Broken() }
        }

        /// Returns once the first write has started.
        func waitUntilWriting() async {
            if hasEntered { return }
            await withCheckedContinuation { entered = $0 }
        }

        func open() {
            opened = true
            gate?.resume()
            gate = nil
        }
    }

    @Test("batches submitted during a write go out in one later write, in submission order, each once")
    func queuedBatchesGoOutTogether() async throws {
        let sink = GatedSink()
        let pipeline = JournalPipeline(sink: sink)
        pipeline.submit(Self.batch(1))
        await sink.waitUntilWriting()
        for number in 2...5 { pipeline.submit(Self.batch(number)) }
        pipeline.submit(JournalBatch())  // empty: ignored
        await sink.open()
        try await pipeline.finish()
        #expect(await sink.calls == [[1], [2, 3, 4, 5]])
        // A later batch starts a new write.
        pipeline.submit(Self.batch(6))
        try await pipeline.finish()
        #expect(await sink.calls == [[1], [2, 3, 4, 5], [6]])
    }

    @Test("after a failed write nothing more is written and finish throws the error")
    func failureStopsTheWrites() async throws {
        let sink = GatedSink(failOnCall: 1)
        let pipeline = JournalPipeline(sink: sink)
        pipeline.submit(Self.batch(1))
        await sink.waitUntilWriting()
        pipeline.submit(Self.batch(2))
        await sink.open()
        await #expect(throws: GatedSink.Broken.self) { try await pipeline.finish() }
        pipeline.submit(Self.batch(3))
        await #expect(throws: GatedSink.Broken.self) { try await pipeline.finish() }
        #expect(await sink.calls == [[1]])
    }
}
