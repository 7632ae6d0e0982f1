import BallastCore

/// Hand-made bar series for engine tests.
public enum BarFixtures {
    /// A daily series from (open, high, low, close) rows starting at `start` (default 2024-01-01).
    public static func daily(
        _ symbol: String, _ rows: [(Double, Double, Double, Double)],
        start: Timestamp = Timestamp(year: 2024, month: 1, day: 1)!
    ) -> BarSeries {
        var series = BarSeries(symbol: symbol, timeframe: .oneDay)
        for (index, row) in rows.enumerated() {
            series.append(
                Bar(
                    time: start.adding(seconds: Int64(index) * 86_400), open: row.0, high: row.1, low: row.2,
                    close: row.3, volume: 1))
        }
        return series
    }

    /// A flat daily series: every bar opens, closes and ranges at `price`.
    public static func flat(_ symbol: String, price: Double, count: Int) -> BarSeries {
        daily(symbol, [(Double, Double, Double, Double)](repeating: (price, price, price, price), count: count))
    }
}
