import BallastCore
import BallastReports
import Foundation
import Testing

@Suite("EquityCurveRecorder: daily buckets, peak and drawdown, counts (SPEC §14)")
struct EquityCurveRecorderTests {
    typealias F = ReportFixtures

    @Test("a fresh recorder holds the initial equity and nothing else")
    func empty() {
        let curve = EquityCurveRecorder(initialEquity: 1_000).curve
        #expect(curve.initialEquity == 1_000)
        #expect(curve.finalEquity == 1_000)
        #expect(curve.peakEquity == 1_000)
        #expect(curve.maxDrawdown == 0)
        #expect(curve.days.isEmpty && curve.dailyEquity.isEmpty)
        #expect(curve.bars == 0 && curve.barsInMarket == 0)
        #expect(curve.firstTime == nil && curve.lastTime == nil)
        #expect(curve.dailyReturns == [])
    }

    @Test("bars at 23:59 and 00:00 UTC land on different days; a day keeps its last bar's equity")
    func dailyBucketingAcrossMidnight() {
        let curve = F.curve(
            initial: 100,
            bars: [
                (F.time(2024, 3, 4, 12, 0), 101, false),
                (F.time(2024, 3, 4, 23, 59), 102, true),
                (F.time(2024, 3, 5, 0, 0), 103, true),
                (F.time(2024, 3, 5, 18, 30), 104, false),
                (F.time(2024, 3, 7, 9, 0), 105, false),
            ])
        let march4 = CivilDate.toDays(year: 2024, month: 3, day: 4)
        #expect(curve.days == [march4, march4 + 1, march4 + 3])
        #expect(curve.dailyEquity == [102, 104, 105])
        #expect(curve.bars == 5)
        #expect(curve.barsInMarket == 2)
        #expect(curve.firstTime == F.time(2024, 3, 4, 12, 0))
        #expect(curve.lastTime == F.time(2024, 3, 7, 9, 0))
        #expect(curve.finalEquity == 105)
    }

    @Test("bars before 1970 bucket by the floored UTC day")
    func daysBeforeTheEpoch() {
        let curve = F.curve(
            initial: 100, bars: [(Timestamp(seconds: -1), 99, false), (Timestamp(seconds: 0), 98, false)])
        #expect(curve.days == [-1, 0])
    }

    @Test("max drawdown of the bar path [100, 120, 90, 130, 117] is 25%")
    func maxDrawdownAtBarResolution() {
        let start = F.time(2024, 1, 1)
        let path: [Double] = [100, 120, 90, 130, 117]
        let curve = F.curve(
            initial: 100,
            bars: path.enumerated().map { index, equity in (start.adding(seconds: Int64(index) * 3_600), equity, true) }
        )
        // Peak 120, trough 90: (120 − 90) / 120 = 0.25; the later fall 130 → 117 is only 10%.
        #expect(F.close(curve.maxDrawdown, 0.25))
        #expect(curve.peakEquity == 130)
        // All five bars are on one day, so the daily series has one value: the last bar's.
        #expect(curve.dailyEquity == [117])
    }

    @Test("the running peak starts at the initial equity: a first bar below it is a drawdown")
    func drawdownFromTheInitialEquity() {
        let curve = F.dailyCurve(initial: 200, equities: [150, 180])
        #expect(F.close(curve.maxDrawdown, 0.25))
        #expect(curve.peakEquity == 200)
    }

    @Test("a curve that only rises has no drawdown")
    func noDrawdown() {
        #expect(F.dailyCurve(initial: 100, equities: [100, 101, 105]).maxDrawdown == 0)
    }

    @Test("daily returns start from the initial equity")
    func dailyReturns() throws {
        let returns = try #require(F.dailyCurve(initial: 100, equities: [110, 99, 121]).dailyReturns)
        #expect(returns.count == 3)
        #expect(F.close(returns[0], 0.1))
        #expect(F.close(returns[1], -0.1))
        #expect(F.close(returns[2], 2.0 / 9.0))
    }

    @Test("daily returns are undefined after the equity reaches 0")
    func dailyReturnsAfterRuin() {
        #expect(F.dailyCurve(initial: 100, equities: [0, 10]).dailyReturns == nil)
        #expect(F.dailyCurve(initial: 100, equities: [50, 0]).dailyReturns != nil)
    }

    @Test("reading the curve does not disturb further recording")
    func curveIsASnapshot() {
        var recorder = EquityCurveRecorder(initialEquity: 100)
        recorder.record(time: F.time(2024, 1, 1), equity: 101, inMarket: true)
        let before = recorder.curve
        recorder.record(time: F.time(2024, 1, 2), equity: 102, inMarket: false)
        #expect(before.dailyEquity == [101])
        #expect(recorder.curve.dailyEquity == [101, 102])
        #expect(recorder.curve.barsInMarket == 1)
    }

    @Test("equal times are accepted (non-decreasing)")
    func equalTimes() {
        let time = F.time(2024, 1, 1, 10)
        let curve = F.curve(initial: 100, bars: [(time, 100, false), (time, 95, true)])
        #expect(curve.bars == 2)
        #expect(curve.dailyEquity == [95])
    }

    @Test("an EquityCurve round-trips through JSON with snake_case keys")
    func codableRoundTrip() throws {
        let curve = F.dailyCurve(initial: 100, equities: [110, 99, 121])
        let data = try JSONEncoder().encode(curve)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"daily_equity\""))
        #expect(text.contains("\"bars_in_market\""))
        #expect(try JSONDecoder().decode(EquityCurve.self, from: data) == curve)
    }

    @Test(
        "decoding a curve that breaks an invariant throws",
        arguments: [
            // days not increasing
            #"{"initial_equity":100,"final_equity":100,"peak_equity":100,"max_drawdown":0,"days":[2,1],"#
                + #""daily_equity":[1,2],"bars":2,"bars_in_market":0,"first_time":0,"last_time":1}"#,
            // non-positive initial equity
            #"{"initial_equity":0,"final_equity":100,"peak_equity":100,"max_drawdown":0,"days":[],"#
                + #""daily_equity":[],"bars":0,"bars_in_market":0,"first_time":null,"last_time":null}"#,
            // more bars in market than bars
            #"{"initial_equity":100,"final_equity":100,"peak_equity":100,"max_drawdown":0,"days":[0],"#
                + #""daily_equity":[100],"bars":1,"bars_in_market":2,"first_time":0,"last_time":0}"#,
            // bars recorded but no times
            #"{"initial_equity":100,"final_equity":100,"peak_equity":100,"max_drawdown":0,"days":[0],"#
                + #""daily_equity":[100],"bars":1,"bars_in_market":0,"first_time":null,"last_time":null}"#,
        ])
    func invalidCurveDoesNotDecode(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EquityCurve.self, from: Data(json.utf8))
        }
    }
}
