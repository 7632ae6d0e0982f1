import BallastCore
import BallastReports
import Foundation
import Testing

@Suite("PerformanceMetrics JSON: every key, snake_case, null for undefined, deterministic (SPEC §14)")
struct PerformanceMetricsJSONTests {
    typealias F = ReportFixtures

    static let allKeys: Set<String> = [
        "total_return_pct", "cagr_pct", "sharpe", "sortino", "calmar", "max_drawdown_pct", "win_rate_pct",
        "profit_factor", "expectancy_pct", "sqn", "exposure_pct", "trades", "final_equity",
        "buy_and_hold_return_pct", "annualization",
    ]

    /// The portfolio of a run without trades: many metrics undefined.
    static let undefinedHeavy = MetricsCalculator.compute(
        curve: F.dailyCurve(initial: 100, equities: [100, 100]), trades: [], annualization: .calendarDays365,
        buyAndHoldReturnPct: nil)

    /// A strategy with trades and a full set of defined metrics.
    static let defined = MetricsCalculator.compute(
        curve: F.dailyCurve(initial: 100, equities: [110, 99, 121]),
        trades: [F.trade(pnl: 10, notional: 100), F.trade(pnl: -5, notional: 100), F.trade(pnl: 20, notional: 200)],
        annualization: .tradingDays252, buyAndHoldReturnPct: 15)

    static func object(_ metrics: PerformanceMetrics) throws -> [String: Any] {
        let data = try PerformanceMetrics.jsonEncoder().encode(metrics)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("the metrics keys are exactly the SPEC §14 names plus annualization")
    func codingKeys() {
        #expect(Set(PerformanceMetrics.CodingKeys.allCases.map(\.stringValue)) == Self.allKeys)
    }

    @Test("every key is present, for defined and for undefined metrics", arguments: [defined, undefinedHeavy])
    func everyKeyPresent(metrics: PerformanceMetrics) throws {
        #expect(Set(try Self.object(metrics).keys) == Self.allKeys)
    }

    @Test("undefined metrics encode as JSON null, never NaN or infinity")
    func nullForUndefined() throws {
        let object = try Self.object(Self.undefinedHeavy)
        for key in [
            "sharpe", "sortino", "calmar", "win_rate_pct", "profit_factor", "expectancy_pct", "sqn",
            "buy_and_hold_return_pct",
        ] {
            #expect(object[key] is NSNull, "\(key) should be null")
        }
        let text = String(decoding: try PerformanceMetrics.jsonEncoder().encode(Self.undefinedHeavy), as: UTF8.self)
        #expect(text.contains("\"sharpe\":null"))
        #expect(text.contains("\"buy_and_hold_return_pct\":null"))
        #expect(!text.lowercased().contains("nan") && !text.lowercased().contains("inf"))
        #expect(text.contains("\"annualization\":\"365\""))
        #expect(text.contains("\"trades\":0"))
    }

    @Test("defined metrics encode as numbers; annualization as \"252\"")
    func definedValues() throws {
        let object = try Self.object(Self.defined)
        #expect((object["profit_factor"] as? NSNumber)?.doubleValue == 6)
        #expect((object["trades"] as? NSNumber)?.intValue == 3)
        #expect((object["buy_and_hold_return_pct"] as? NSNumber)?.doubleValue == 15)
        #expect(object["annualization"] as? String == "252")
        #expect(object["sharpe"] is NSNumber)
    }

    @Test("two encodes are byte-identical and keys are sorted")
    func byteIdentical() throws {
        let first = try PerformanceMetrics.jsonEncoder().encode(Self.defined)
        let second = try PerformanceMetrics.jsonEncoder().encode(
            MetricsCalculator.compute(
                curve: F.dailyCurve(initial: 100, equities: [110, 99, 121]),
                trades: [
                    F.trade(pnl: 10, notional: 100), F.trade(pnl: -5, notional: 100), F.trade(pnl: 20, notional: 200),
                ],
                annualization: .tradingDays252, buyAndHoldReturnPct: 15))
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        let positions = Self.allKeys.sorted().compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == Self.allKeys.count)
        #expect(positions == positions.sorted())
    }

    @Test("metrics round-trip through JSON, nulls included", arguments: [defined, undefinedHeavy])
    func roundTrip(metrics: PerformanceMetrics) throws {
        let data = try PerformanceMetrics.jsonEncoder().encode(metrics)
        #expect(try JSONDecoder().decode(PerformanceMetrics.self, from: data) == metrics)
    }

    @Test("the pretty-printed encoder is deterministic too")
    func prettyPrinted() throws {
        let encoder = PerformanceMetrics.jsonEncoder(prettyPrinted: true)
        let first = try encoder.encode(Self.defined)
        #expect(first == (try PerformanceMetrics.jsonEncoder(prettyPrinted: true).encode(Self.defined)))
        #expect(String(decoding: first, as: UTF8.self).contains("\n"))
    }
}
