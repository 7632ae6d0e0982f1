import BallastCore
import BallastEngine
import Foundation

/// Run headers for live tests that drive one scripted strategy `s` on one daily series.
public enum LiveRunFixtures {
    /// The wall-clock time live tests start their runs at: 2025-01-02T03:04:05Z.
    public static let started = Date(timeIntervalSince1970: 1_735_787_045)

    /// The header of a live run named `name` (portfolio file `NAME.toml`) with strategy `s` of kind
    /// `scripted` on `symbol`, timeframe `1d`, all the capital, $10,000.
    public static func scriptedHeader(name: String, symbol: String, inputHash: String) -> RunHeader {
        RunHeader(
            mode: .live, name: name, portfolioPath: "\(name).toml", inputHash: inputHash, configText: "",
            initialEquity: 10_000, dataStart: Timestamp(seconds: 0), dataEnd: Timestamp(seconds: 0),
            strategies: [
                .init(
                    id: "s", kind: "scripted", symbol: symbol, timeframe: "1d", capital: 1, priority: 0,
                    profileJSON: "{}")
            ])
    }
}
