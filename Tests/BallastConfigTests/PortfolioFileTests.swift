import BallastConfig
import BallastCore
import BallastEngine
import BallastRisk
import BallastTestKit
import Foundation
import Testing

@Suite("Portfolio files (SPEC §10) and their data")
struct PortfolioFileTests {
    static let valid = """
        [portfolio]
        name = "t"
        initial_balance = 50_000
        data_dir = "data"

        [risk]
        max_daily_risk = 0.05

        [[strategies]]
        id = "a"
        kind = "sma_cross"
        symbol = "AAA"
        data = "AAA.csv"
        capital = 0.4
        params = { fast = 2, slow = 5 }

        [[strategies]]
        id = "b"
        kind = "buy_and_hold"
        symbol = "AAA"
        data = "AAA.csv"
        priority = 2

        [[strategies]]
        id = "c"
        kind = "rsi_reversion"
        symbol = "BBB"
        data = "BBB.csv"
        quantity_step = 1
        [strategies.risk.dynamic_risk]
        drawdown_thresholds = [0.02, 0.04, 0.08]
        """

    static func directory(portfolio: String, aaa: String? = nil) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("p.toml", portfolio)
        try directory.write("data/AAA.csv", aaa ?? TextFixtures.dailyCSV(count: 40))
        try directory.write("data/BBB.csv", TextFixtures.dailyCSV(count: 40, closes: [50, 52, 49]))
        return directory
    }

    @Test("a valid file loads: equal split of the unset capital, shared series, profiles and params")
    func loads() throws {
        let directory = try Self.directory(portfolio: Self.valid)
        defer { directory.remove() }
        let file = try PortfolioFile.load(path: directory.path("p.toml"))
        let setup = file.setup
        #expect(setup.name == "t")
        #expect(setup.initialBalance == 50_000)
        #expect(setup.risk.maxDailyRisk == 0.05)
        #expect(setup.strategies.map(\.capital) == [0.4, 0.3, 0.3])
        #expect(setup.series.count == 2)
        #expect(setup.strategies.map(\.seriesIndex) == [0, 0, 1])
        #expect(setup.strategies[1].priority == 2)
        #expect(setup.strategies[2].quantityStep == 1)
        #expect(setup.strategies[2].profile.dynamicRisk.drawdownThresholds == [0.02, 0.04, 0.08])
        #expect(setup.strategies[0].strategy.kind == "sma_cross")
        #expect(setup.series[0].count == 40)
    }

    @Test("--from/--to keep only the bars in range")
    func dateRange() throws {
        let directory = try Self.directory(portfolio: Self.valid)
        defer { directory.remove() }
        let file = try PortfolioFile.load(
            path: directory.path("p.toml"), from: Timestamp(year: 2024, month: 1, day: 5),
            to: Timestamp(year: 2024, month: 1, day: 14))
        #expect(file.setup.series[0].count == 10)
        #expect(file.setup.series[0].times.first == Timestamp(year: 2024, month: 1, day: 5)!.seconds)
    }

    struct ConfigCase: Sendable, CustomTestStringConvertible {
        let name: String
        let replace: String
        let with: String
        let keyPath: String
        let line: Int
        let reason: String
        var testDescription: String { name }
    }

    static let configCases: [ConfigCase] = [
        ConfigCase(
            name: "unknown strategy kind", replace: "kind = \"buy_and_hold\"", with: "kind = \"martingale\"",
            keyPath: "strategies[1].kind", line: 19, reason: "unknown strategy kind \"martingale\""),
        ConfigCase(
            name: "invalid dynamic-risk list", replace: "[0.02, 0.04, 0.08]", with: "[0.02, 0.08, 0.04]",
            keyPath: "strategies[2].risk.dynamic_risk.drawdown_thresholds", line: 31, reason: "ascending"),
        ConfigCase(
            name: "missing data file", replace: "data = \"BBB.csv\"", with: "data = \"CCC.csv\"",
            keyPath: "strategies[2].data", line: 28, reason: "data file not found"),
        ConfigCase(
            name: "missing data folder", replace: "data_dir = \"data\"", with: "data_dir = \"nodata\"",
            keyPath: "portfolio.data_dir", line: 4, reason: "data folder not found: "),
        ConfigCase(
            name: "data folder that is a file", replace: "data_dir = \"data\"", with: "data_dir = \"p.toml\"",
            keyPath: "portfolio.data_dir", line: 4, reason: "is a file, not a folder: "),
        ConfigCase(
            name: "bad strategy parameter", replace: "fast = 2, slow = 5", with: "fast = 5, slow = 2",
            keyPath: "strategies[0].params.slow", line: 15, reason: "greater than fast"),
        ConfigCase(
            name: "capital above 1 in total", replace: "capital = 0.4", with: "capital = 1.2",
            keyPath: "strategies[0].capital", line: 14, reason: "(0, 1]"),
        ConfigCase(
            name: "unknown timeframe", replace: "symbol = \"BBB\"", with: "symbol = \"BBB\"\ntimeframe = \"2d\"",
            keyPath: "strategies[2].timeframe", line: 28, reason: "must be one of"),
        ConfigCase(
            name: "data path that is a directory", replace: "data = \"BBB.csv\"", with: "data = \".\"",
            keyPath: "strategies[2].data", line: 28, reason: "is a directory, not a data file: "),
        ConfigCase(
            name: "id with an escape sequence", replace: "id = \"a\"", with: "id = \"evil\\u001B[2J\"",
            keyPath: "strategies[0].id", line: 10, reason: "has '\\u{1B}' at character 5, which is not allowed"),
        ConfigCase(
            name: "id with a bell", replace: "id = \"b\"", with: "id = \"b\\u0007\"",
            keyPath: "strategies[1].id", line: 18, reason: "has '\\u{7}' at character 2"),
        ConfigCase(
            name: "id of 100,000 characters", replace: "id = \"a\"",
            with: "id = \"\(String(repeating: "a", count: 100_000))\"",
            keyPath: "strategies[0].id", line: 10, reason: "is 100000 characters long, more than 64"),
        ConfigCase(
            name: "id with a space", replace: "id = \"a\"", with: "id = \"my trend\"",
            keyPath: "strategies[0].id", line: 10, reason: "has a space at character 3"),
        ConfigCase(
            name: "id with a slash", replace: "id = \"a\"", with: "id = \"../a\"",
            keyPath: "strategies[0].id", line: 10, reason: "has '/' at character 3"),
        ConfigCase(
            name: "id starting with a dot", replace: "id = \"a\"", with: "id = \".a\"",
            keyPath: "strategies[0].id", line: 10, reason: "must start with a letter or digit"),
        ConfigCase(
            name: "empty id", replace: "id = \"a\"", with: "id = \"\"",
            keyPath: "strategies[0].id", line: 10, reason: "must not be empty"),
        ConfigCase(
            name: "non-ASCII id", replace: "id = \"a\"", with: "id = \"trénd\"",
            keyPath: "strategies[0].id", line: 10, reason: "has 'é' at character 3"),
        ConfigCase(
            name: "misspelt execution key", replace: "[risk]", with: "[execution]\nfees = 0.1\n[risk]",
            keyPath: "execution.fees", line: 7, reason: "unknown key"),
        ConfigCase(
            name: "unknown stops placement", replace: "[risk]", with: "[execution]\nstops = \"exchange\"\n[risk]",
            keyPath: "execution.stops", line: 7, reason: "must be one of \"ballast\", \"venue\", got \"exchange\""),
        ConfigCase(
            name: "stops that is not a string", replace: "[risk]", with: "[execution]\nstops = true\n[risk]",
            keyPath: "execution.stops", line: 7, reason: "string"),
    ]

    /// Issue 16 item 3: `[execution] stops` is `"ballast"` (the default) or `"venue"`.
    @Test(
        "execution.stops decodes: absent is ballast, ballast and venue as written",
        arguments: [(nil, StopPlacement.ballast), ("ballast", .ballast), ("venue", .venue)]
            as [(String?, StopPlacement)])
    func stopsSetting(_ written: String?, _ expected: StopPlacement) throws {
        let text =
            written.map {
                Self.valid.replacingOccurrences(of: "[risk]", with: "[execution]\nstops = \"\($0)\"\n[risk]")
            }
            ?? Self.valid
        let directory = try Self.directory(portfolio: text)
        defer { directory.remove() }
        let file = try PortfolioFile.load(path: directory.path("p.toml"))
        #expect(file.setup.execution.stops == expected)
    }

    @Test(
        "a bad setting is a configuration error with file, line, key path and reason (exit 78)", arguments: configCases)
    func configurationErrors(_ bad: ConfigCase) throws {
        let text = Self.valid.replacingOccurrences(of: bad.replace, with: bad.with)
        let directory = try Self.directory(portfolio: text)
        defer { directory.remove() }
        #expect {
            _ = try PortfolioFile.load(path: directory.path("p.toml"))
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let issue = error.issues.first { $0.issue.keyPath == bad.keyPath }
            return error.exitStatus == .badConfiguration && issue?.line == bad.line
                && issue?.issue.reason.contains(bad.reason) == true
                && error.description.contains("p.toml:\(bad.line): \(bad.keyPath): ")
                && !error.description.unicodeScalars.contains { PrintableText.needsEscape($0) && $0 != "\n" }
                && error.description.count < 1_000
        }
    }

    /// A misspelt `data_dir` once resolved each data file against the portfolio's own folder, so the
    /// error named a path without the data folder in it.
    @Test("a missing data folder is named, and each data file's error names its path inside it")
    func missingDataFolderPaths() throws {
        let directory = try Self.directory(
            portfolio: Self.valid.replacingOccurrences(of: "data_dir = \"data\"", with: "data_dir = \"nodata\""))
        defer { directory.remove() }
        #expect {
            _ = try PortfolioFile.load(path: directory.path("p.toml"))
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            let reasons = Dictionary(error.issues.map { ($0.issue.keyPath, $0.issue.reason) }) { first, _ in first }
            let folder = URL(fileURLWithPath: directory.path("nodata")).standardizedFileURL.path
            return reasons["portfolio.data_dir"] == "data folder not found: \(folder)"
                && reasons["strategies[0].data"] == "data file not found: \(folder)/AAA.csv"
                && reasons["strategies[2].data"] == "data file not found: \(folder)/BBB.csv"
        }
    }

    static let validIDs = ["a", "Z", "7", "trend-spx", "sma_10.20", "A1-b_2.c", String(repeating: "x", count: 64)]

    @Test(
        "ids of 1–64 letters, digits, '-', '_', '.' starting with a letter or digit are accepted", arguments: validIDs)
    func validID(_ id: String) throws {
        let directory = try Self.directory(
            portfolio: Self.valid.replacingOccurrences(of: "id = \"a\"", with: "id = \"\(id)\""))
        defer { directory.remove() }
        #expect(try PortfolioFile.load(path: directory.path("p.toml")).setup.strategies[0].id == id)
    }

    struct DataCase: Sendable, CustomTestStringConvertible {
        let name: String
        let row: String
        let line: Int
        let column: String?
        let reason: String
        var testDescription: String { name }
    }

    static let dataCases: [DataCase] = [
        DataCase(
            name: "malformed row", row: "2024-01-03T00:00:00Z,100,101,oops,100,10", line: 4, column: "low",
            reason: "oops"),
        DataCase(
            name: "high below the close", row: "2024-01-03T00:00:00Z,100,100.5,99,101,10", line: 4, column: "high",
            reason: "below"),
        DataCase(
            name: "duplicate timestamp", row: "2024-01-02T00:00:00Z,100,101,99,100,10", line: 4, column: "timestamp",
            reason: "duplicate"),
    ]

    @Test("bad data is a data error naming file, line and column (exit 65)", arguments: dataCases)
    func dataErrors(_ bad: DataCase) throws {
        let csv =
            "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,101,99,100,10\n"
            + "2024-01-02T00:00:00Z,100,101,99,100,10\n\(bad.row)\n2024-01-04T00:00:00Z,100,101,99,100,10\n"
        let directory = try Self.directory(portfolio: Self.valid, aaa: csv)
        defer { directory.remove() }
        #expect {
            _ = try PortfolioFile.load(path: directory.path("p.toml"))
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.exitStatus == .badData && error.line == bad.line && error.column == bad.column
                && error.description.contains("AAA.csv:\(bad.line)") && error.reason.contains(bad.reason)
        }
    }
}
