import BallastCore
import BallastStrategies

/// A run id that depends only on a run's inputs, so two runs of the same portfolio on the same
/// data get the same id (and byte-identical JSON): `bt-` and 16 hex digits of an FNV-1a hash of
/// the portfolio file's text, the date range, and each series' symbol, length, first and last
/// time and sum of closes.
///
/// FNV-1a is written here rather than taken from swift-crypto: it needs no dependency, and the id
/// is an identifier, not a security boundary.
public enum RunIdentity {
    public static func id(for file: PortfolioFile, from: Timestamp?, to: Timestamp?) -> String {
        var hash = FNV1a()
        hash.add(file.text)
        hash.add("|\(from?.seconds ?? 0)|\(to?.seconds ?? 0)")
        for series in file.setup.series {
            var sum = 0.0
            for close in series.close { sum += close }
            hash.add("|\(series.symbol)|\(series.count)|\(series.times.first ?? 0)|\(series.times.last ?? 0)|\(sum)")
        }
        // A signals file is an input too: its signals and values count (nothing is added for other kinds).
        for strategy in file.setup.strategies {
            guard let signals = strategy.strategy as? PrecomputedStrategy else { continue }
            var digest = FNV1a()
            for signal in signals.signals { digest.add(byte: UInt8(signal.rawValue)) }
            for column in signals.columns { for value in column { digest.add("\(value)") } }
            hash.add("|\(strategy.id)|\(signals.valueNames.joined(separator: ","))|\(digest.value)")
        }
        return "bt-" + hash.hex
    }
}

extension RunIdentity {
    /// The key a live run is found and resumed by: `live-`, the hash of the portfolio's canonical
    /// settings (`CanonicalSettings`: comments and formatting do not count), the feed and the venue.
    /// Unlike the backtest's run id it does not hash the data's contents either: a live run's bars
    /// are its journal's, and a data file that grows does not make it another run.
    public static func liveKey(settings: CanonicalSettings, feed: String, venue: String) -> String {
        "live-\(settings.hash)-\(feed)-\(venue)"
    }

    /// The feed and venue a live key names (its last two fields), nil for another kind of key.
    public static func feedAndVenue(ofLiveKey key: String) -> (feed: String, venue: String)? {
        let fields = key.split(separator: "-")
        guard key.hasPrefix("live-"), fields.count >= 3 else { return nil }
        return (String(fields[fields.count - 2]), String(fields[fields.count - 1]))
    }
}

/// The 64-bit FNV-1a hash.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension RunIdentity {
    /// A sweep's id: `sw-` and 16 hex digits of an FNV-1a hash of the sweep file's text and the
    /// base portfolio's run id (its text and data, ``id(for:from:to:)``). The same sweep file over
    /// the same portfolio and data gets the same id, which is how an interrupted sweep resumes and
    /// how shards of one plan find each other.
    public static func sweepID(sweepText: String, portfolio: PortfolioFile) -> String {
        var hash = FNV1a()
        hash.add(sweepText)
        hash.add("|" + id(for: portfolio, from: nil, to: nil))
        return "sw-" + hash.hex
    }
}
