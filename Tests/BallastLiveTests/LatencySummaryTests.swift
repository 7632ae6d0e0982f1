import BallastLive
import Foundation
import Testing

@Suite("LatencySummary: nearest-rank percentiles and the first and last tenth of a run")
struct LatencySummaryTests {
    @Test("100 groups taking 1…100 µs, then 100 groups where the cost grows: tenths show the growth")
    func percentilesAndTenths() throws {
        let flat = LatencySummary((1...100).map { Duration.microseconds($0) })
        #expect(flat.count == 100)
        #expect(flat.p50Microseconds == 50 && flat.p99Microseconds == 99 && flat.maxMicroseconds == 100)
        #expect(flat.p50FirstTenthMicroseconds == 5 && flat.p50LastTenthMicroseconds == 95)
        // A run whose groups cost the same throughout has equal tenths, whatever its length.
        let steady = LatencySummary([Duration](repeating: .microseconds(120), count: 1_000))
        #expect(steady.p50FirstTenthMicroseconds == 120 && steady.p50LastTenthMicroseconds == 120)
        let json = try #require(String(data: try steady.jsonData(), encoding: .utf8))
        #expect(json.contains("\"p50LastTenthMicroseconds\" : 120"))
    }

    @Test("no groups (and fewer than ten): zeros, not a crash")
    func empty() {
        #expect(LatencySummary([]).p50Microseconds == 0)
        #expect(LatencySummary([.microseconds(7)]).p50FirstTenthMicroseconds == 0)
        #expect(LatencySummary([.microseconds(7)]).p50Microseconds == 7)
    }
}
