import BallastCore

/// The one shared risk manager of a portfolio (SPEC §7): an actor around a `PortfolioRiskBook`.
///
/// Its one way in is `perform(_:)`: a piece of synchronous work (a chunk of the kernel in a
/// backtest, a bar group live) runs against the book on the actor with no `await` inside, so
/// check-and-reserve is atomic: callers performing at the same time can never jointly exceed a
/// global limit. The requests of one moment resolve by (priority, strategy id) inside that work
/// (`PortfolioRiskBook.resolve`), never by arrival, so live and replayed runs decide alike.
public actor RiskManager {
    private var book: PortfolioRiskBook

    /// A manager over a book (which carries the parameters, strategies, hook and state).
    public init(book: PortfolioRiskBook) {
        self.book = book
    }

    /// The book's remembered state, to persist for a restart.
    public var state: RiskBookState { book.state }

    /// Runs a piece of synchronous work against the book on this actor: one `await` for a whole
    /// chunk of a backtest instead of one per bar. The work value is handed over and returned.
    ///
    /// The consumed parameter is mutated in place and returned: copying it into a local `var`
    /// would keep two references to every array of the work for the whole call, so its first
    /// mutation of each would copy it (once per chunk, large buffers included).
    public func perform<Work: RiskBookWork>(_ work: consuming sending Work) -> Work {
        work.run(with: &book)
        return work
    }
}
