import Foundation

/// A sweep over a one-strategy `sma_cross` portfolio on real daily data (the repository's GOOGL
/// series, 2009–2018), written into a test's directory.
public enum SweepFixture {
    /// The portfolio: one `sma_cross` strategy `trend` on `GOOGL-1d.csv`, all-in, no stop.
    public static let portfolio = """
        [portfolio]
        name = "sweep-fixture"
        initial_balance = 10_000

        [risk]
        max_position_size = 1.0
        max_daily_risk = 1.0
        max_correlated_exposure = 1.0

        [[strategies]]
        id = "trend"
        kind = "sma_cross"
        symbol = "GOOGL"
        data = "GOOGL-1d.csv"
        params = { fast = 10, slow = 30 }

        [strategies.risk]
        base_fraction = 0.95
        stop_loss_pct = "none"
        take_profit_pct = "none"
        """

    /// Writes `portfolio.toml`, `GOOGL-1d.csv` and `sweep.toml` (`sweep` is its text) into
    /// `directory`; returns the sweep file's path.
    @discardableResult
    public static func write(in directory: TemporaryDirectory, sweep: String, portfolio: String = portfolio) throws
        -> String
    {
        let data = DemoPortfolioFixture.repositoryRoot.appendingPathComponent("portfolios/data/GOOGL-1d.csv")
        try directory.write("GOOGL-1d.csv", try String(contentsOf: data, encoding: .utf8))
        try directory.write("portfolio.toml", portfolio)
        return try directory.write("sweep.toml", sweep)
    }

    /// fast ∈ {5, 10, 15} × slow ∈ {10, 20, 30}: nine variants, of which (10, 10) is invalid.
    public static let smallGrid = """
        portfolio = "portfolio.toml"
        objective = "final_equity"

        [[axes]]
        key = "strategies.trend.params.fast"
        values = [5, 10, 15]

        [[axes]]
        key = "strategies.trend.params.slow"
        range = { from = 10, to = 40, step = 10 }
        """
}
