import BallastCore
import Testing

/// Large files are scanned in two halves concurrently; results and errors must be exactly those of
/// a sequential scan.
@Suite("CSV loader: parallel scan of large files")
struct BarCSVParallelScanTests {
    static let generator = RandomWalkBars(
        symbol: "SYN", timeframe: .oneMinute, start: Timestamp(year: 2024, month: 1, day: 1)!, seed: 7)
    static let rows = 75_000

    static func lines() -> [Substring] {
        generator.csv(count: rows).split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test("a large valid file loads exactly as generated")
    func validLargeFile() throws {
        let text = Self.generator.csv(count: Self.rows)
        #expect(text.utf8.count > 4 << 20)
        let series = try BarCSVLoader(symbol: "SYN", timeframe: .oneMinute).parse(text: text, fileName: "big.csv")
        #expect(series == Self.generator.series(count: Self.rows))
    }

    @Test("an error in the second half names its exact line")
    func errorInSecondHalf() {
        var lines = Self.lines()
        let bad = 70_000  // index in `lines`; the header is index 0, so this is line 70 001
        lines[bad] = "2024-03-01T00:00:00Z,1,0.5,0.4,1,0"
        let text = lines.joined(separator: "\n")
        #expect {
            _ = try BarCSVLoader(symbol: "SYN", timeframe: .oneMinute).parse(text: text, fileName: "big.csv")
        } throws: { error in
            (error as? DataError)?.line == bad + 1
        }
    }

    @Test("when both halves are bad, the first half's error is reported")
    func firstHalfWins() {
        var lines = Self.lines()
        lines[10] = "2024-01-01T00:09:00Z,x,1,1,1,0"
        lines[72_000] = "garbage"
        #expect {
            _ = try BarCSVLoader(symbol: "SYN", timeframe: .oneMinute).parse(
                text: lines.joined(separator: "\n"), fileName: "big.csv")
        } throws: { error in
            (error as? DataError)?.line == 11
        }
    }

    @Test("a time going backwards exactly at the seam is found, with its line")
    func seamOrder() {
        var lines = Self.lines()
        let text = lines.joined(separator: "\n")
        // Find the first line of the second half as the loader splits it, and give it an old time.
        let bytes = Array(text.utf8)
        let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        var middle = headerEnd + (bytes.count - headerEnd) / 2
        while bytes[middle - 1] != UInt8(ascii: "\n") { middle += 1 }
        let seamLine = bytes[headerEnd..<middle].filter { $0 == UInt8(ascii: "\n") }.count + 1
        let fields = lines[seamLine].split(separator: ",", maxSplits: 1)
        lines[seamLine] = "2024-01-01T00:00:00Z," + fields[1]
        #expect {
            _ = try BarCSVLoader(symbol: "SYN", timeframe: .oneMinute).parse(
                text: lines.joined(separator: "\n"), fileName: "big.csv")
        } throws: { error in
            let error = error as? DataError
            return error?.line == seamLine + 1 && error?.column == "timestamp"
        }
    }
}
