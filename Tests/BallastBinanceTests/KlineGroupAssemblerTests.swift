import BallastBinance
import BallastCore
import BallastEngine
import Testing

@Suite struct KlineGroupAssemblerTests {
    let t0: Int64 = 1_700_000_100  // a multiple of 300

    func bar(_ open: Int64) -> Bar { Bar(time: Timestamp(seconds: open), open: 1, high: 2, low: 0.5, close: 1.5) }

    func assembler(maxGroupDelay: Int64? = nil) -> KlineGroupAssembler {
        KlineGroupAssembler(
            series: [.init(index: 0, timeframe: .oneMinute), .init(index: 1, timeframe: .fiveMinutes)],
            watermark: t0, maxGroupDelay: maxGroupDelay)
    }

    @Test func groupWaitsForEverySeriesWhoseGridReachesIt() {
        var merge = assembler()
        for close in stride(from: t0 + 60, through: t0 + 300, by: 60) {
            merge.add(series: 0, bar: bar(close - 60), closeTime: close)
        }
        let first = merge.advance(now: t0 + 301)
        #expect(first.map(\.closeTime) == [t0 + 60, t0 + 120, t0 + 180, t0 + 240])
        #expect(merge.pendingCloseTimes == [t0 + 300])
        merge.add(series: 1, bar: bar(t0), closeTime: t0 + 300)
        let second = merge.advance(now: t0 + 302)
        #expect(
            second == [
                .bars(closeTime: t0 + 300, [LiveBar(series: 0, bar: bar(t0 + 240)), LiveBar(series: 1, bar: bar(t0))])
            ])
    }

    @Test func missingSeriesIsDroppedFromItsGroupAtItsStaleDeadline() {
        var merge = assembler()
        for close in stride(from: t0 + 60, through: t0 + 540, by: 60) {
            merge.add(series: 0, bar: bar(close - 60), closeTime: close)
        }
        let events1 = merge.advance(now: t0 + 599)
        #expect(events1.map(\.closeTime) == [t0 + 60, t0 + 120, t0 + 180, t0 + 240])
        // The 5m series' latest close is t0: stale at t0 + 600, when group t0 + 300 stops waiting for it.
        let events = merge.advance(now: t0 + 600)
        #expect(events.first == .stale(series: [1]))
        #expect(events.dropFirst().map(\.closeTime) == [t0 + 300, t0 + 360, t0 + 420, t0 + 480, t0 + 540])
        #expect(events.dropFirst().allSatisfy { $0.seriesIndices == [0] })
        // Its late bar is dropped, but counts as fresh data.
        let accepted2 = merge.add(series: 1, bar: bar(t0), closeTime: t0 + 300)
        #expect(!accepted2)
        let events3 = merge.advance(now: t0 + 601)
        #expect(events3 == [.fresh(series: [1])])
    }

    @Test func staleOnceThenFreshOnce() {
        var merge = KlineGroupAssembler(series: [.init(index: 3, timeframe: .oneMinute)], watermark: t0)
        let events4 = merge.advance(now: t0 + 119)
        #expect(events4 == [])
        let events5 = merge.advance(now: t0 + 120)
        #expect(events5 == [.stale(series: [3])])
        let events6 = merge.advance(now: t0 + 500)
        #expect(events6 == [])
        merge.add(series: 3, bar: bar(t0 + 480), closeTime: t0 + 540)
        let events7 = merge.advance(now: t0 + 541)
        #expect(events7 == [.fresh(series: [3]), .bars(closeTime: t0 + 540, [LiveBar(series: 3, bar: bar(t0 + 480))])])
        let events8 = merge.advance(now: t0 + 542)
        #expect(events8 == [])
    }

    @Test func maxGroupDelayBoundsTheWait() {
        var merge = assembler(maxGroupDelay: 10)
        merge.add(series: 0, bar: bar(t0 + 240), closeTime: t0 + 300)
        let events9 = merge.advance(now: t0 + 309)
        #expect(events9 == [])
        let events10 = merge.advance(now: t0 + 310)
        #expect(events10.map(\.closeTime) == [t0 + 300])
    }

    @Test func nothingAtOrBeforeTheWatermarkAndStrictlyIncreasing() {
        var merge = KlineGroupAssembler(series: [.init(index: 0, timeframe: .oneMinute)], watermark: t0)
        let accepted11 = merge.add(series: 0, bar: bar(t0 - 60), closeTime: t0)
        #expect(!accepted11)
        let accepted12 = merge.add(series: 0, bar: bar(t0 + 60), closeTime: t0 + 120)
        #expect(accepted12)
        let accepted13 = merge.add(series: 0, bar: bar(t0), closeTime: t0 + 60)
        #expect(accepted13)
        let accepted14 = merge.add(series: 0, bar: bar(t0), closeTime: t0 + 60)  // duplicate replaces
        #expect(accepted14)
        let accepted15 = merge.add(series: 9, bar: bar(t0), closeTime: t0 + 60)  // unknown series
        #expect(!accepted15)
        let events = merge.advance(now: t0 + 200)
        #expect(events.map(\.closeTime) == [t0 + 60, t0 + 120])
        let accepted16 = merge.add(series: 0, bar: bar(t0 + 60), closeTime: t0 + 120)
        #expect(!accepted16)
        #expect(merge.watermark == t0 + 120)
    }

    @Test func neverEmitsABarClosingAfterNow() {
        var merge = KlineGroupAssembler(series: [.init(index: 0, timeframe: .oneMinute)], watermark: t0)
        merge.add(series: 0, bar: bar(t0), closeTime: t0 + 60)
        let events17 = merge.advance(now: t0 + 59)
        #expect(events17 == [])
        let events18 = merge.advance(now: t0 + 60)
        #expect(events18.map(\.closeTime) == [t0 + 60])
    }

    @Test func monthSeriesNeverHoldsAGroupBack() {
        var merge = KlineGroupAssembler(
            series: [.init(index: 0, timeframe: .oneDay), .init(index: 1, timeframe: .oneMonth)], watermark: 0)
        merge.add(series: 0, bar: bar(0), closeTime: 86_400)
        let events19 = merge.advance(now: 86_401)
        #expect(events19.map(\.closeTime) == [86_400])
    }

    @Test func gridAlignment() {
        #expect(KlineGroupAssembler.alignedClose(atOrBefore: t0 + 59, interval: 60) == t0)
        #expect(KlineGroupAssembler.alignedClose(atOrBefore: t0, interval: 300) == t0)
        // Weekly klines open on Mondays (1970-01-05 was one).
        let monday = Timestamp(year: 2024, month: 1, day: 8)!.seconds
        #expect(KlineGroupAssembler.alignedClose(atOrBefore: monday + 3 * 86_400, interval: 604_800) == monday)
    }
}
