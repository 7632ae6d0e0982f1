import BallastCore
import BallastStrategies

extension PortfolioSetup {
    /// What running one external strategy gave.
    private enum Outcome: Sendable {
        case done(index: Int, strategy: PrecomputedStrategy)
        case failed(index: Int, error: any Error)

        var index: Int {
            switch self {
            case .done(let index, _), .failed(let index, _): index
            }
        }
    }

    /// This setup with every `ExternalStrategy` run over its series and replaced by its
    /// `PrecomputedStrategy` (other strategies unchanged). The external strategies run
    /// concurrently, each on its own; their results are put back by registration index, so the
    /// outcome does not depend on which finished first.
    ///
    /// - Throws: the first failure in registration order (naming strategy, bar and message).
    public func preparingExternalStrategies() async throws -> PortfolioSetup {
        var work: [(Int, any ExternalStrategy, BarSeries)] = []
        for (index, entry) in strategies.enumerated() {
            if let external = entry.strategy as? any ExternalStrategy {
                work.append((index, external, series[entry.seriesIndex]))
            }
        }
        guard !work.isEmpty else { return self }
        var outcomes = await withTaskGroup(of: Outcome.self) { group in
            for (index, strategy, series) in work {
                group.addTask {
                    do {
                        return .done(index: index, strategy: try await strategy.precomputed(over: series))
                    } catch {
                        return .failed(index: index, error: error)
                    }
                }
            }
            var outcomes: [Outcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        outcomes.sort { $0.index < $1.index }
        var prepared = self
        for outcome in outcomes {
            switch outcome {
            case .done(let index, let strategy): prepared.strategies[index].strategy = strategy
            case .failed(_, let error): throw error
            }
        }
        precondition(outcomes.count == work.count, "every external strategy ran")
        return prepared
    }
}
