import BallastCore
import BallastStrategies
import Foundation
import Synchronization

/// A strategy run by another program (kind `process`, SPEC §15): Ballast starts `command` and
/// speaks protocol v1 (`StrategyProtocol`) over its stdin and stdout.
///
/// - In a backtest `precomputed(over:)` runs a fresh process over the whole series: a thread
///   writes every bar in large buffered chunks while this one reads the answers, so the pipe is
///   never flushed per bar; any failure throws `StrategyProcessError` naming the bar.
/// - Stepped bar by bar (a live run, its warm-up included), the process is started at the first
///   step and asked one bar at a time. A failure does not throw (`step` cannot): the process is
///   killed, `failure` says why, and every later step answers `.none`, so the strategy takes no
///   new entries while its stops and targets still run. The live session turns `failure` into a
///   reduce-only event (`strategy_failed`).
///
/// Copies share the stepped process (it is one program with one state): step one copy only.
/// `valueNames` is the one named value the sizer reads (the profile's `confidence_key`); other
/// values a process sends are accepted and ignored.
public struct ProcessStrategy: ExternalStrategy {
    public static let kind = "process"
    public let id: String
    public let symbol: String
    public let timeframe: Timeframe
    public let params: [String: ParameterValue]
    public let command: ProcessCommand
    public let valueNames: [String]
    private let link: ProcessLink

    public init(
        id: String, symbol: String, timeframe: Timeframe, params: [String: ParameterValue], command: ProcessCommand,
        confidenceKey: String
    ) {
        self.id = id
        self.symbol = symbol
        self.timeframe = timeframe
        self.params = params
        self.command = command
        valueNames = [confidenceKey]
        link = ProcessLink()
    }

    public var kind: String { Self.kind }

    /// The lookback the stepped process announced in `ready` (0 before it started).
    public var lookback: Int { link.state.withLock { $0.lookback } }

    /// Why the stepped process failed, nil while it works (or before it started).
    public var failure: StrategyProcessError? { link.state.withLock { $0.failure } }

    /// Asks the stepped process for its answer to `bar` (starting it at the first call).
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        link.step(bar, strategy: self, values: &values)
    }

    /// Stops the stepped process (`stop`, then a kill after a second).
    public func stop() { link.stop() }

    /// The `hello` line for this strategy.
    var hello: String { StrategyProtocol.hello(strategy: id, symbol: symbol, timeframe: timeframe, params: params) }

    public func precomputed(over series: BarSeries) async throws -> PrecomputedStrategy {
        let run = ProcessBatchRun(strategy: self, series: series)
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try run.run() }) }
            thread.name = "ballast-strategy-\(id)"
            thread.start()
        }
    }

    /// Starts a process and reads its `ready`: the process and its lookback.
    func start() throws(StrategyProcessError) -> (StrategyProcess, Int) {
        let process = try StrategyProcess(command: command, strategyID: id)
        process.writer.enqueue(Array(hello.utf8))
        let (outcome, answer) = process.readLine(timeout: command.timeoutMilliseconds) {
            StrategyProtocol.readReady($0)
        }
        switch outcome {
        case .line:
            switch answer! {
            case .success(let lookback): return (process, lookback)
            case .failure(let violation):
                process.terminate()
                throw StrategyProcessError(strategy: id, message: violation.message)
            }
        case .endOfFile:
            let ending = process.endDescription()
            throw StrategyProcessError(strategy: id, message: "the process \(ending) before answering hello with ready")
        case .timedOut:
            process.terminate()
            throw StrategyProcessError(
                strategy: id,
                message: "no ready within \(command.timeoutMilliseconds) ms (timeout_ms)\(process.stderrSuffix())")
        }
    }

    /// Reads the answer to bar `index` (at `time`) and stores it: the signal, and the confidence
    /// value in `values[0]` when sent (NaN otherwise).
    func readAnswer(
        from process: StrategyProcess, index: Int, time: Timestamp, values: inout [Double]
    ) throws(StrategyProcessError) -> Signal {
        let (outcome, answer) = process.readLine(timeout: command.timeoutMilliseconds) {
            StrategyProtocol.readSignal($0)
        }
        switch outcome {
        case .line:
            switch answer! {
            case .success(let (signal, named)):
                if !values.isEmpty { values[0] = named.isEmpty ? .nan : (named[valueNames[0]] ?? .nan) }
                return signal
            case .failure(let violation):
                throw StrategyProcessError(strategy: id, bar: time, barIndex: index, message: violation.message)
            }
        case .endOfFile:
            throw StrategyProcessError(
                strategy: id, bar: time, barIndex: index,
                message: "the process \(process.endDescription()) before answering the bar")
        case .timedOut:
            throw StrategyProcessError(
                strategy: id, bar: time, barIndex: index,
                message: "no answer within \(command.timeoutMilliseconds) ms (timeout_ms)\(process.stderrSuffix())")
        }
    }
}

extension ProcessStrategy: FallibleStrategy {
    /// `failure`'s text.
    public var failureMessage: String? { failure?.description }
}

extension ProcessStrategy: Equatable {
    /// Equal when configured alike (the running process is not compared).
    public static func == (lhs: ProcessStrategy, rhs: ProcessStrategy) -> Bool {
        lhs.id == rhs.id && lhs.symbol == rhs.symbol && lhs.timeframe == rhs.timeframe && lhs.params == rhs.params
            && lhs.command == rhs.command && lhs.valueNames == rhs.valueNames
    }
}

/// The stepped process of a `ProcessStrategy` and what it said so far, shared by its copies.
final class ProcessLink: Sendable {
    struct State: @unchecked Sendable {
        var process: StrategyProcess?
        var lookback = 0
        var failure: StrategyProcessError?
        var bars = 0
    }

    let state = Mutex(State())

    deinit { state.withLock { $0.process?.terminate() } }

    func step(_ bar: Bar, strategy: ProcessStrategy, values: inout [Double]) -> Signal {
        state.withLock { state in
            guard state.failure == nil else {
                for slot in values.indices { values[slot] = .nan }
                return .none
            }
            do throws(StrategyProcessError) {
                if state.process == nil {
                    let (process, lookback) = try strategy.start()
                    state.process = process
                    state.lookback = lookback
                }
                var line: [UInt8] = []
                StrategyProtocol.appendBar(bar, to: &line)
                state.process!.writer.enqueue(line)
                let index = state.bars
                state.bars += 1
                return try strategy.readAnswer(from: state.process!, index: index, time: bar.time, values: &values)
            } catch {
                state.failure = error
                state.process?.terminate()
                state.process = nil
                for slot in values.indices { values[slot] = .nan }
                return .none
            }
        }
    }

    func stop() {
        let process = state.withLock { state -> StrategyProcess? in
            defer { state.process = nil }
            return state.process
        }
        process?.stop()
    }
}
