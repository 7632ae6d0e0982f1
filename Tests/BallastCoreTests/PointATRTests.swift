import BallastCore
import PropertyBased
import Testing

@Suite("ATR at one bar")
struct PointATRTests {
    @Test("equals the column ATR at every bar, nil where the column is undefined")
    func equalsColumn() async {
        await propertyCheck(
            count: 100, input: Gen.double(in: 50...150).array(of: 1...60), Gen.int(in: 1...20)
        ) { closes, period in
            let high = closes.map { $0 * 1.01 }
            let low = closes.map { $0 * 0.985 }
            let column = Indicators.atr(high: high, low: low, close: closes, period: period)
            for index in closes.indices {
                let point = Indicators.atr(at: index, high: high, low: low, close: closes, period: period)
                if column[index].isNaN {
                    #expect(point == nil)
                } else {
                    #expect(abs((point ?? .nan) - column[index]) <= 1e-9 * column[index])
                }
            }
        }
    }
}
