import BallastReports
import Testing

@Suite("TableFormatter: plain-text tables and deterministic fixed-point numbers")
struct TableFormatterTests {
    static let formatter = TableFormatter(columns: [
        .init(title: "strategy", alignment: .left),
        .init(title: "return %", alignment: .right),
        .init(title: "trades", alignment: .right),
        .init(title: "exit", alignment: .left),
    ])

    @Test("text aligns left, numbers right, a dashed separator under the header, no trailing spaces")
    func alignment() {
        let text = Self.formatter.render(rows: [
            ["sma_cross", "12.50", "7", "signal"],
            ["rsi", "-3.25", "112", "stop_loss"],
            ["breakout", "—", "0", ""],
        ])
        let expected = """
            strategy   return %  trades  exit
            ---------  --------  ------  ---------
            sma_cross     12.50       7  signal
            rsi           -3.25     112  stop_loss
            breakout          —       0

            """
        #expect(text == expected)
    }

    @Test("a header wider than every cell sets the width; short rows are padded, extra cells dropped")
    func shortAndLongRows() {
        let table = TableFormatter(columns: [
            .init(title: "id", alignment: .left), .init(title: "equity", alignment: .right),
        ])
        let text = table.render(rows: [["a"], ["bb", "1", "ignored"]])
        #expect(text == "id  equity\n--  ------\na\nbb       1\n")
    }

    @Test("no rows: header and separator only")
    func noRows() {
        let table = TableFormatter(columns: [.init(title: "n", alignment: .right)])
        #expect(table.render(rows: []) == "n\n-\n")
    }

    static let fixedCases: [(value: Double?, digits: Int, expected: String)] = [
        (Double?.none, 2, "—"),
        (0.0, 2, "0.00"),
        (-0.0, 2, "0.00"),
        (21.0, 2, "21.00"),
        (66.666_666_666_666_67, 2, "66.67"),
        (-3.14159, 3, "-3.142"),
        (2.675, 2, "2.68"),
        (1.005, 2, "1.01"),
        (0.5, 0, "1"),
        (-0.5, 0, "-1"),
        (-0.004, 2, "0.00"),
        (9.999, 2, "10.00"),
        (99.96, 1, "100.0"),
        (0.000_012_34, 6, "0.000012"),
        (0.000_015, 5, "0.00002"),
        (1e-20, 3, "0.000"),
        (1.5e16, 1, "15000000000000000.0"),
        (123_456.789, 0, "123457"),
        (7.0, -2, "7"),
        (Double.nan, 2, "nan"),
        (Double.infinity, 2, "inf"),
        (-Double.infinity, 2, "-inf"),
    ]

    @Test("fixed-point numbers", arguments: fixedCases)
    func fixed(value: Double?, digits: Int, expected: String) {
        #expect(TableFormatter.fixed(value, digits: digits) == expected)
    }
}
