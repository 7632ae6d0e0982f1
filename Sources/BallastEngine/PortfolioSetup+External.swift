import BallastCore
import BallastStrategies

extension PortfolioSetup {
    /// This setup with every `ExternalStrategy` run over its series and replaced by its
    /// `PrecomputedStrategy` (other strategies unchanged). The external strategies run
    /// concurrently, each on its own; their results are put back by registration index, so the
    /// outcome does not depend on which finished first. A strategy with no bars sits out and is
    /// replaced by an empty precomputation.
    ///
    /// - Throws: the first failure in registration order (naming strategy, bar and message).
    public func preparingExternalStrategies() async throws -> PortfolioSetup {
        let external = strategies.indices.filter { strategies[$0].strategy is any ExternalStrategy }
        guard !external.isEmpty else { return self }
        let outcomes = await withTaskGroup(of: (Int, Result<PrecomputedStrategy, any Error>).self) { group in
            for index in external {
                guard let strategy = strategies[index].strategy as? any ExternalStrategy else { continue }
                let series = self.series[strategies[index].seriesIndex]
                group.addTask {
                    do {
                        return (index, .success(try await strategy.precomputed(over: series)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var outcomes: [Int: Result<PrecomputedStrategy, any Error>] = [:]
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        var prepared = self
        for index in external {
            guard let outcome = outcomes[index] else { continue }
            prepared.strategies[index].strategy = try outcome.get()
        }
        return prepared
    }
}
