import BallastCore
import Testing

/// The SMA's arithmetic, pinned: `Indicators.sma` runs block by block without a per-index
/// division, but must add exactly as the per-index formulation below (which `bench/peers`'
/// `common.ballast_sma` reproduces), since the last bit of an average decides on which side of an
/// exact tie a crossover falls. And its rounding drift must stay bounded over a long series.
@Suite("Indicators.sma: the pinned arithmetic and its drift bound")
struct SMAArithmeticTests {
    /// The previous formulation: a running sum, re-summed from scratch at every index that is a
    /// multiple of `period`.
    static func perIndexSMA(_ values: [Double], period: Int) -> [Double] {
        var result = [Double](repeating: .nan, count: values.count)
        guard values.count >= period else { return result }
        var sum = 0.0
        for index in 0..<period { sum += values[index] }
        result[period - 1] = sum / Double(period)
        var index = period
        while index < values.count {
            if index % period == 0 {
                sum = 0
                for back in (index - period + 1)...index { sum += values[back] }
            } else {
                sum += values[index] - values[index - period]
            }
            result[index] = sum / Double(period)
            index += 1
        }
        return result
    }

    /// A long random walk of 4-decimal prices (as the benchmark data), with stretches of exact
    /// repeats so that averages of different periods tie exactly.
    static func prices(count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var ticks: Int64 = 1_000_000  // 100.0000
        return (0..<count).map { _ in
            if generator.nextUnit() >= 0.2 { ticks += Int64((generator.nextUnit() - 0.5) * 200) }
            ticks = max(ticks, 1)
            return Double(ticks) / 10_000
        }
    }

    static let long = prices(count: 200_003, seed: 7)

    @Test("bit for bit the per-index formulation", arguments: [1, 2, 3, 5, 10, 20, 30, 50, 160, 200, 999])
    func sameBits(period: Int) {
        let actual = Indicators.sma(Self.long, period: period)
        let expected = Self.perIndexSMA(Self.long, period: period)
        #expect(actual.count == expected.count)
        let differing = zip(actual, expected).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0)
    }

    @Test("within 1e-12 (relative) of a naive windowed sum everywhere", arguments: [2, 10, 20, 200])
    func driftBound(period: Int) {
        let actual = Indicators.sma(Self.long, period: period)
        var worst = 0.0
        for index in (period - 1)..<Self.long.count {
            var sum = 0.0
            for back in (index - period + 1)...index { sum += Self.long[back] }
            let naive = sum / Double(period)
            worst = max(worst, abs(actual[index] - naive) / abs(naive))
        }
        let warmUpIsNaN = actual[..<(period - 1)].allSatisfy { $0.isNaN }
        #expect(warmUpIsNaN)
        #expect(worst <= 1e-12)
    }

    @Test("short inputs and the edges of the last block")
    func edges() {
        for count in 0...12 {
            let values = Self.long.prefix(count).map { $0 }
            for period in 1...5 {
                let actual = Indicators.sma(values, period: period)
                let expected = Self.perIndexSMA(values, period: period)
                #expect(actual.count == count)
                let same = zip(actual, expected).allSatisfy { $0.bitPattern == $1.bitPattern }
                #expect(same)
            }
        }
    }
}
