import Testing

@testable import BallastHTMLReport

@Suite("Min/max downsampling per pixel column")
struct MinMaxDownsamplerTests {
    /// A deterministic noisy series with one spike up and one spike down.
    static func series(count: Int) -> [SeriesPoint] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var value = 100.0
        return (0..<count).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            value += Double(Int64(state >> 33) % 2001 - 1000) / 1000
            var point = SeriesPoint(time: Double(index) * 60, value: value)
            if index == count / 3 { point.value = 10_000 }
            if index == 2 * count / 3 { point.value = -10_000 }
            return point
        }
    }

    @Test(
        "at most 2 points per column, every column's min and max kept, a subsequence in order",
        arguments: [(10_000, 1), (10_000, 7), (10_000, 100), (100_000, 1000), (50, 1000)])
    func keepsExtremes(count: Int, columns: Int) {
        let points = Self.series(count: count)
        let start = points.first!.time
        let end = points.last!.time
        let sampled = MinMaxDownsampler.downsample(points, start: start, end: end, columns: columns)

        var perColumn: [Int: [SeriesPoint]] = [:]
        for point in points {
            perColumn[MinMaxDownsampler.column(of: point.time, start: start, end: end, columns: columns), default: []]
                .append(point)
        }
        var sampledPerColumn: [Int: [SeriesPoint]] = [:]
        for point in sampled {
            sampledPerColumn[
                MinMaxDownsampler.column(of: point.time, start: start, end: end, columns: columns), default: []
            ].append(point)
        }
        #expect(sampled.count <= 2 * columns)
        for (column, kept) in sampledPerColumn { #expect(kept.count <= 2, "column \(column)") }
        for (column, all) in perColumn {
            let kept = sampledPerColumn[column] ?? []
            #expect(kept.map(\.value).min() == all.map(\.value).min(), "column \(column) min")
            #expect(kept.map(\.value).max() == all.map(\.value).max(), "column \(column) max")
        }
        #expect(sampled.map(\.value).contains(10_000))
        #expect(sampled.map(\.value).contains(-10_000))
        // A subsequence of the input, in time order.
        var cursor = points.startIndex
        for point in sampled {
            guard let found = points[cursor...].firstIndex(of: point) else {
                Issue.record("\(point) is not in the input after index \(cursor)")
                return
            }
            cursor = found + 1
        }
    }

    @Test("a single spike in a flat series of a million points survives")
    func spikeSurvives() {
        var points = (0..<1_000_000).map { SeriesPoint(time: Double($0), value: 1) }
        points[777_777].value = 42
        let sampled = MinMaxDownsampler.downsample(points, start: 0, end: 999_999, columns: 1000)
        #expect(sampled.contains(SeriesPoint(time: 777_777, value: 42)))
        #expect(sampled.count <= 2000)
    }

    @Test("a short series is kept whole; non-finite values are skipped; empty stays empty")
    func edgeCases() {
        let points = (0..<5).map { SeriesPoint(time: Double($0) * 100, value: Double($0)) }
        #expect(MinMaxDownsampler.downsample(points, start: 0, end: 400, columns: 1000) == points)
        let withNaN = [
            SeriesPoint(time: 0, value: 1), SeriesPoint(time: 1, value: .nan), SeriesPoint(time: 2, value: 3),
        ]
        #expect(MinMaxDownsampler.downsample(withNaN, start: 0, end: 2, columns: 10).map(\.value) == [1, 3])
        #expect(MinMaxDownsampler.downsample([], start: 0, end: 1, columns: 10).isEmpty)
    }

    @Test("points outside the range fall into the first or last column")
    func clamped() {
        #expect(MinMaxDownsampler.column(of: -5, start: 0, end: 10, columns: 10) == 0)
        #expect(MinMaxDownsampler.column(of: 10, start: 0, end: 10, columns: 10) == 9)
        #expect(MinMaxDownsampler.column(of: 99, start: 0, end: 10, columns: 10) == 9)
        #expect(MinMaxDownsampler.column(of: 5, start: 3, end: 3, columns: 10) == 0)
    }
}
