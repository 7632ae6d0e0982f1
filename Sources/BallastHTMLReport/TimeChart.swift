/// One time chart of the report: series over the run's time range, optional marker lines, and how
/// to print its values. All time charts of a report share the same x range, so they zoom and hover
/// together. Series names and marker labels are user text (strategy ids, reasons): they are only
/// ever written through the Mustache template, which escapes them.
public struct TimeChart: Sendable {
    /// How values are printed on the y axis and in the hover box.
    public enum Unit: String, Sendable {
        /// Account currency, no decimals.
        case money
        /// A fraction printed as a percentage (0.25 → 25%).
        case percent
        /// A plain number with two decimals (factors).
        case factor
        /// A whole number (counts).
        case count
    }

    /// One line of the chart.
    public struct Series: Sendable {
        public var name: String
        /// Index into the report's palette (taken modulo its size).
        public var color: Int
        public var points: [SeriesPoint]
        /// Drawn as a step line (the value holds until the next point), e.g. an exposure.
        public var isStep: Bool
        /// Drawn dashed: a limit or cap.
        public var isLimit: Bool

        public init(name: String, color: Int, points: [SeriesPoint], isStep: Bool = false, isLimit: Bool = false) {
            self.name = name
            self.color = color
            self.points = points
            self.isStep = isStep
            self.isLimit = isLimit
        }
    }

    /// A vertical marker (a risk adjustment) with its description.
    public struct Marker: Sendable {
        public var time: Double
        public var label: String

        public init(time: Double, label: String) {
            self.time = time
            self.label = label
        }
    }

    /// The element id (letters, digits and dashes only; made by the report, never user text).
    public var id: String
    public var title: String
    public var unit: Unit
    public var series: [Series]
    public var markers: [Marker]
    /// Plot height in SVG units.
    public var height: Int
    /// Whether the y range always includes 0.
    public var includesZero: Bool

    public init(
        id: String, title: String, unit: Unit, series: [Series], markers: [Marker] = [], height: Int = 160,
        includesZero: Bool = true
    ) {
        self.id = id
        self.title = title
        self.unit = unit
        self.series = series
        self.markers = markers
        self.height = height
        self.includesZero = includesZero
    }
}
