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

    static let controlCells: [(cell: String, printed: String)] = [
        ("evil\u{1B}[2Jid", "evil\\u{1B}[2Jid"),
        ("bell\u{07}", "bell\\u{7}"),
        ("nul\u{0}x", "nul\\u{0}x"),
        ("tab\tcr\rlf\n", "tab\\u{9}cr\\u{D}lf\\u{A}"),
        ("del\u{7F}c1\u{9B}", "del\\u{7F}c1\\u{9B}"),
        ("rtl\u{202E}txt", "rtl\\u{202E}txt"),
        ("plain-id_1.2 ü 株", "plain-id_1.2 ü 株"),
    ]

    @Test(
        "control characters in cells and titles are escaped, and widths count what is printed",
        arguments: controlCells)
    func escapesControlCharacters(cell: String, printed: String) {
        let table = TableFormatter(columns: [
            .init(title: "id\u{1B}", alignment: .left), .init(title: "n", alignment: .right),
        ])
        let text = table.render(rows: [[cell, "1"]])
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("id\\u{1B}"))
        #expect(lines[2].hasPrefix(printed))
        let width = max(printed.count, "id\\u{1B}".count)
        #expect(lines[1] == Substring(String(repeating: "-", count: width) + "  -"))
        #expect(lines[2] == Substring(printed + String(repeating: " ", count: width - printed.count) + "  1"))
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
