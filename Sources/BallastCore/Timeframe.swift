/// A bar interval. Month bars have no fixed length; `nominalSeconds` gives 30 days for them,
/// which is what annualisation and staleness checks need.
public enum Timeframe: String, CaseIterable, Sendable, Codable, Comparable {
    case oneMinute = "1m"
    case threeMinutes = "3m"
    case fiveMinutes = "5m"
    case fifteenMinutes = "15m"
    case thirtyMinutes = "30m"
    case oneHour = "1h"
    case twoHours = "2h"
    case fourHours = "4h"
    case sixHours = "6h"
    case eightHours = "8h"
    case twelveHours = "12h"
    case oneDay = "1d"
    case threeDays = "3d"
    case oneWeek = "1w"
    case oneMonth = "1mo"

    /// The bar length in seconds (30 days for `1mo`).
    public var nominalSeconds: Int64 {
        switch self {
        case .oneMinute: 60
        case .threeMinutes: 180
        case .fiveMinutes: 300
        case .fifteenMinutes: 900
        case .thirtyMinutes: 1800
        case .oneHour: 3600
        case .twoHours: 7200
        case .fourHours: 14_400
        case .sixHours: 21_600
        case .eightHours: 28_800
        case .twelveHours: 43_200
        case .oneDay: 86_400
        case .threeDays: 259_200
        case .oneWeek: 604_800
        case .oneMonth: 2_592_000
        }
    }

    /// True for intervals shorter than a day, whose bars are resampled to UTC days for daily statistics.
    public var isIntraday: Bool { nominalSeconds < 86_400 }

    public static func < (lhs: Timeframe, rhs: Timeframe) -> Bool { lhs.nominalSeconds < rhs.nominalSeconds }

    /// Accepted spellings, for error messages.
    public static var spellings: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
