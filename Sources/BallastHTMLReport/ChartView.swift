import Foundation

/// A `TimeChart` laid out as SVG: what the chart template renders. Numbers are laid out here; text
/// (titles, series names, marker labels) is left as it is for the template to escape.
///
/// Geometry (SVG user units): the plot is `plotWidth` wide starting at `left`, `height` high
/// starting at `top`; x ticks sit below it. Every series is downsampled to at most 2 points per
/// unit of width (``MinMaxDownsampler``) before it is drawn. `points` strings hold only digits,
/// '.', '-', ',' and spaces, so the template writes them unescaped.
struct ChartView {
    static let left = 64.0
    static let plotWidth = 1000.0
    static let top = 6.0
    static let width = 1104

    struct Line {
        var name: String
        var color: Int
        var limit: Bool
        var step: Bool
        var points: String
        /// The exact value of a constant line (a limit), for the hover box; nil otherwise.
        var exact: String?
    }

    struct Tick {
        var x: String
        var y: String
        var label: String
    }

    struct Marker {
        var x: String
        var label: String
    }

    struct LegendEntry {
        var name: String
        var color: Int
        var limit: Bool
    }

    var id: String
    var title: String
    var unit: String
    var height: Int
    var bottom: String
    var totalHeight: Int
    var t0: String
    var t1: String
    var v0: String
    var v1: String
    var lines: [Line]
    var legend: [LegendEntry]
    var yTicks: [Tick]
    var xTicks: [Tick]
    var markers: [Marker]
    var xTickY: String

    /// Lays out `chart` over the time range [start, end] (epoch seconds).
    init(_ chart: TimeChart, start: Double, end: Double) {
        let end = end > start ? end : start + 86_400
        let columns = Int(Self.plotWidth)
        let height = Double(chart.height)
        let sampled = chart.series.map {
            MinMaxDownsampler.downsample($0.points, start: start, end: end, columns: columns)
        }
        var low = Double.infinity
        var high = -Double.infinity
        for series in sampled {
            for point in series {
                low = min(low, point.value)
                high = max(high, point.value)
            }
        }
        if !low.isFinite || !high.isFinite {
            low = 0
            high = 1
        }
        if chart.includesZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high - low < 1e-12 {
            let pad = abs(high) > 0 ? abs(high) * 0.1 : 1
            low -= pad
            high += pad
        } else {
            let pad = (high - low) * 0.05
            if !(chart.includesZero && low == 0) { low -= pad }
            high += pad
        }
        let ticks = Self.niceTicks(low: low, high: high, whole: chart.unit == .count)
        low = min(low, ticks.first ?? low)
        high = max(high, ticks.last ?? high)

        func x(_ time: Double) -> Double { Self.left + (time - start) / (end - start) * Self.plotWidth }
        func y(_ value: Double) -> Double { Self.top + (1 - (value - low) / (high - low)) * height }

        id = chart.id
        title = chart.title
        unit = chart.unit.rawValue
        self.height = chart.height
        bottom = ValueText.coordinate(Self.top + height)
        totalHeight = Int(Self.top + height + 22)
        xTickY = ValueText.coordinate(Self.top + height + 16)
        t0 = ValueText.coordinate(start)
        t1 = ValueText.coordinate(end)
        v0 = "\(low)"
        v1 = "\(high)"
        lines = zip(chart.series, sampled).map { series, points in
            var text = ""
            text.reserveCapacity(points.count * 24)
            var previousY: String?
            for point in points {
                let px = ValueText.coordinate(x(point.time))
                let py = ValueText.coordinate(y(point.value))
                if series.isStep, let previousY, previousY != py {
                    text += px + "," + previousY + " "
                }
                text += px + "," + py + " "
                previousY = py
            }
            let values = Set(series.points.map(\.value))
            return Line(
                name: series.name, color: series.color % 10, limit: series.isLimit, step: series.isStep,
                points: text, exact: series.isLimit && values.count == 1 ? values.first.map { "\($0)" } : nil)
        }
        legend = chart.series.map { LegendEntry(name: $0.name, color: $0.color % 10, limit: $0.isLimit) }
        yTicks = ticks.filter { $0 >= low && $0 <= high }.map {
            Tick(
                x: ValueText.coordinate(Self.left - 4), y: ValueText.coordinate(y($0)),
                label: ValueText.chart($0, chart.unit))
        }
        xTicks = (0...5).map { index in
            let time = start + (end - start) * Double(index) / 5
            return Tick(
                x: ValueText.coordinate(x(time)), y: "",
                label: ValueText.time(Int64((time / 86_400).rounded(.down)) * 86_400))
        }
        var perColumn: [Int: (TimeChart.Marker, Int)] = [:]
        var order: [Int] = []
        for marker in chart.markers {
            let column = MinMaxDownsampler.column(of: marker.time, start: start, end: end, columns: columns)
            if let existing = perColumn[column] {
                perColumn[column] = (existing.0, existing.1 + 1)
            } else {
                perColumn[column] = (marker, 0)
                order.append(column)
            }
        }
        markers = order.map { column in
            let (marker, more) = perColumn[column]!
            return Marker(
                x: ValueText.coordinate(x(marker.time)),
                label: more == 0 ? marker.label : "\(marker.label) (+\(more) more here)")
        }
    }

    /// About five round tick values covering [low, high]; whole numbers only when `whole` (counts).
    static func niceTicks(low: Double, high: Double, whole: Bool = false) -> [Double] {
        let raw = (high - low) / 4
        guard raw > 0, raw.isFinite else { return [low] }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let factors: [Double] = whole && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        var step = factors.map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        if whole { step = max(1, step.rounded(.up)) }
        var value = (low / step).rounded(.down) * step
        var ticks: [Double] = []
        while value <= high + step * 1e-9 && ticks.count < 12 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}
