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

    /// Daily bars whose closes move ±1–3% in a fixed six-day pattern (times `scale`), from 100.
    public static func wiggle(_ symbol: String, count: Int, scale: Double = 1) -> BarSeries {
        var price = 100.0
        var rows: [(Double, Double, Double, Double)] = []
        for index in 0..<count {
            let move = [0.01, -0.02, 0.03, -0.01, 0.02, -0.03][index % 6] * scale
            let open = price
            price *= 1 + move
            rows.append((open, max(open, price), min(open, price), price))
        }
        return daily(symbol, rows)
    }
}
