import BallastReports
import Testing

@Suite("CSVFormatter: RFC 4180 records, quoting and control characters")
struct CSVFormatterTests {
    @Test(
        "a field is quoted only when it holds a comma, a double quote or a line break; control characters are escaped",
        arguments: [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("", ""),
            ("esc\u{1B}[31m", "esc\\u{1B}[31m"),
            ("two\nlines", "two\\u{A}lines"),
            ("a,\"b\"\r\n", "\"a,\"\"b\"\"\\u{D}\\u{A}\""),
        ])
    func field(text: String, expected: String) {
        #expect(CSVFormatter.field(text) == expected)
    }

    @Test("a header record, then one CRLF-terminated record per row; short rows are padded")
    func records() {
        let text = CSVFormatter(header: ["id", "value"]).render(rows: [["x,y", "1.5"], ["z"]])
        #expect(text == "id,value\r\n\"x,y\",1.5\r\nz,\r\n")
        #expect(CSVFormatter.number(nil) == "")
        #expect(CSVFormatter.number(0.1) == "0.1")
    }
}
