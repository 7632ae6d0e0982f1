import BallastCore
import PropertyBased
import Testing

@Suite("RandomWalkBars")
struct RandomWalkBarsTests {
    static let start = Timestamp(seconds: 1_704_067_200)

    @Test("the same seed gives byte-identical CSV; another seed does not")
    func deterministic() {
        let walk = RandomWalkBars(timeframe: .oneMinute, start: Self.start, seed: 42)
        #expect(walk.csv(count: 2000) == walk.csv(count: 2000))
        #expect(walk.series(count: 2000) == walk.series(count: 2000))
        var other = walk
        other.seed = 43
        #expect(other.csv(count: 2000) != walk.csv(count: 2000))
    }

    @Test("pinned output: the generator is fixed arithmetic, identical on every platform")
    func pinned() {
        let walk = RandomWalkBars(timeframe: .oneMinute, start: Self.start, seed: 42)
        let lines = walk.csv(count: 3).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "timestamp,open,high,low,close,volume")
        #expect(lines[1] == "2024-01-01T00:00:00Z,100.0000,100.0230,99.8842,99.9195,641")
        #expect(lines[2] == "2024-01-01T00:01:00Z,99.9195,100.0084,99.8947,99.9214,767")
    }

    @Test("every bar is a plausible candle on the timeframe's grid")
    func invariants() async {
        await propertyCheck(
            count: 30, input: Gen.uint64(), Gen.element(of: [Timeframe.oneMinute, .oneHour, .oneDay, .oneMonth]),
            Gen.double(in: 0.0001...0.2), Gen.int(in: 0...8)
        ) { seed, timeframe, volatility, decimals in
            let walk = RandomWalkBars(
                timeframe: timeframe!, start: Self.start, seed: seed, volatility: volatility, decimals: decimals)
            let series = walk.series(count: 2000)
            #expect(series.count == 2000)
            for index in 0..<series.count {
                let bar = series[index]
                #expect(bar.time.seconds == Self.start.seconds + Int64(index) * timeframe!.nominalSeconds)
                #expect(bar.low > 0 && bar.low <= min(bar.open, bar.close))
                #expect(bar.high >= max(bar.open, bar.close))
                #expect(bar.volume >= 0 && bar.volume == bar.volume.rounded())
                if index > 0 { #expect(bar.open == series.close[index - 1]) }
            }
        }
    }

    @Test("the CSV reads back to the same series", arguments: [0, 2, 4, 8])
    func roundTrip(decimals: Int) throws {
        let walk = RandomWalkBars(
            symbol: "RT", timeframe: .fiveMinutes, start: Self.start, seed: 9, startPrice: 1.2345,
            volatility: 0.01, decimals: decimals)
        let loaded = try TemporaryFile.load(walk.csv(count: 3000), symbol: "RT", timeframe: .fiveMinutes)
        #expect(loaded == walk.series(count: 3000))
    }

    @Test("streamed chunks concatenate to the whole text", arguments: [1, 100, 1 << 16])
    func chunks(size: Int) {
        let walk = RandomWalkBars(timeframe: .oneHour, start: Self.start, seed: 5)
        var bytes: [UInt8] = []
        var calls = 0
        walk.writeCSV(count: 500, chunkSize: size) { chunk in
            bytes.append(contentsOf: chunk)
            calls += 1
        }
        #expect(String(decoding: bytes, as: UTF8.self) == walk.csv(count: 500))
        #expect(calls >= 1)
    }

    @Test("zero bars is the header alone")
    func empty() {
        let walk = RandomWalkBars(timeframe: .oneDay, start: Self.start, seed: 1)
        #expect(walk.csv(count: 0) == "timestamp,open,high,low,close,volume\n")
        #expect(walk.series(count: 0).isEmpty)
    }
}
