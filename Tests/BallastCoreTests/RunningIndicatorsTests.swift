import BallastCore
import PropertyBased
import Testing

/// The running (one value at a time, O(1) amortised) indicators equal the batch ones of
/// `Indicators` bit for bit at every index: a stepped strategy then computes exactly what the batch
/// one did, ties and all.
@Suite("Running indicators: bit for bit the batch ones")
struct RunningIndicatorsTests {
    /// Every output of feeding `values` one at a time.
    static func fed(_ values: [Double], _ next: (Double) -> Double) -> [Double] { values.map(next) }

    static func sameBits(_ left: [Double], _ right: [Double]) -> Bool {
        left.count == right.count
            && zip(left, right).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    static let long = SMAArithmeticTests.prices(count: 50_003, seed: 11)

    @Test("SMA", arguments: [1, 2, 3, 5, 10, 20, 30, 50, 160, 200, 999])
    func sma(period: Int) {
        var running = RunningSMA(period: period)
        #expect(Self.sameBits(Self.fed(Self.long) { running.next($0) }, Indicators.sma(Self.long, period: period)))
    }

    @Test("EMA", arguments: [1, 2, 12, 26, 200])
    func ema(period: Int) {
        var running = RunningEMA(period: period)
        #expect(Self.sameBits(Self.fed(Self.long) { running.next($0) }, Indicators.ema(Self.long, period: period)))
    }

    @Test("RSI", arguments: [1, 2, 5, 14, 100])
    func rsi(period: Int) {
        var running = RunningRSI(period: period)
        #expect(Self.sameBits(Self.fed(Self.long) { running.next($0) }, Indicators.rsi(Self.long, period: period)))
    }

    @Test("rolling standard deviation", arguments: [2, 3, 5, 20, 101])
    func standardDeviation(window: Int) {
        var running = RunningStandardDeviation(window: window)
        #expect(
            Self.sameBits(
                Self.fed(Self.long) { running.next($0) },
                Indicators.rollingStandardDeviation(Self.long, window: window)))
    }

    /// The inputs whose sums cancel (the fresh sums after a jump or a spike, `Indicators.cancels`).
    @Test("rolling standard deviation where the sums cancel and start afresh")
    func standardDeviationAfterCancellation() {
        let jump = IndicatorsTests.jumpThenStep
        let spike = [120_000.1, 120_000.1, 130_032.1, 120_000.1001, 120_000.1002, 120_000.0999, 120_000.1003]
        for (values, window) in [(jump, 2), (jump, 3), (spike, 4), (spike, 3)] {
            var running = RunningStandardDeviation(window: window)
            #expect(
                Self.sameBits(
                    Self.fed(values) { running.next($0) },
                    Indicators.rollingStandardDeviation(values, window: window)))
        }
    }

    @Test("rolling maximum and minimum equal a naive scan", arguments: [1, 2, 3, 10, 55])
    func extremes(window: Int) {
        let values = Array(Self.long.prefix(5_000))
        var highest = RunningExtreme(window: window, kind: .maximum)
        var lowest = RunningExtreme(window: window, kind: .minimum)
        for (index, value) in values.enumerated() {
            highest.push(value)
            lowest.push(value)
            if index < window - 1 {
                #expect(highest.value.isNaN && lowest.value.isNaN)
                continue
            }
            let slice = values[(index - window + 1)...index]
            #expect(highest.value == slice.max())
            #expect(lowest.value == slice.min())
        }
    }

    @Test("short and random inputs of every length")
    func randomInputs() async {
        await propertyCheck(input: Gen.double(in: 1...200).array(of: 0...60), Gen.int(in: 2...12)) { values, period in
            var sma = RunningSMA(period: period)
            var ema = RunningEMA(period: period)
            var rsi = RunningRSI(period: period)
            var deviation = RunningStandardDeviation(window: period)
            #expect(Self.sameBits(Self.fed(values) { sma.next($0) }, Indicators.sma(values, period: period)))
            #expect(Self.sameBits(Self.fed(values) { ema.next($0) }, Indicators.ema(values, period: period)))
            #expect(Self.sameBits(Self.fed(values) { rsi.next($0) }, Indicators.rsi(values, period: period)))
            #expect(
                Self.sameBits(
                    Self.fed(values) { deviation.next($0) },
                    Indicators.rollingStandardDeviation(values, window: period)))
        }
    }
}
