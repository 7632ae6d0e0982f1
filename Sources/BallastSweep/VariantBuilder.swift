import BallastConfig
import BallastCore
import BallastEngine
import Foundation

/// Builds each variant's portfolio: the base portfolio's parsed document with the variant's values
/// at the axes' keys, validated again through the portfolio parser (`PortfolioDefinition`), on the
/// series the base portfolio loaded (shared, never read again).
///
/// Invariant: every axis key resolves to a sweepable key of the base portfolio (checked when the
/// builder is made, before anything runs).
public struct VariantBuilder: Sendable {
    let document: ConfigTable
    let baseText: String
    let portfolioPath: String
    let directory: URL
    let targets: [AxisTarget]
    /// The base portfolio's series by data file, symbol and timeframe.
    let seriesByKey: [String: BarSeries]

    /// - Throws: a `ConfigurationError` of the sweep file (exit 78) at `axes[i].key` for a key that
    ///   names nothing in the portfolio or cannot be swept.
    public init(sweep: SweepFile, portfolio: PortfolioFile) throws(ConfigurationError) {
        document = try ConfigValue.parse(toml: portfolio.text, file: portfolio.path)
        baseText = portfolio.text
        portfolioPath = portfolio.path
        directory = URL(fileURLWithPath: portfolio.path).deletingLastPathComponent()
        var seriesByKey: [String: BarSeries] = [:]
        for (index, series) in portfolio.setup.series.enumerated() {
            seriesByKey[Self.key(portfolio.dataFiles[index], series.symbol, series.timeframe)] = series
        }
        self.seriesByKey = seriesByKey
        var issues: [ConfigIssue] = []
        var targets: [AxisTarget] = []
        for (index, axis) in sweep.axes.enumerated() {
            let keyPath = "axes[\(index)].key"
            switch AxisTarget.resolve(axis.key, in: document) {
            case .failure(let problem):
                issues.append(ConfigIssue(keyPath: keyPath, reason: "\"\(axis.key)\" \(problem.reason)"))
            case .success(let target):
                targets.append(target)
                if let problem = Self.unknownKeyProblem(target, axis: axis, document: document, portfolio: portfolio) {
                    issues.append(ConfigIssue(keyPath: keyPath, reason: "\"\(axis.key)\" \(problem)"))
                }
            }
        }
        self.targets = targets
        if !issues.isEmpty { throw ConfigurationError(file: sweep.path, text: sweep.text, issues: issues) }
    }

    /// Sets the axis's first value alone and validates: an "unknown" issue at the key means the
    /// portfolio has no such key (a parameter its strategy kind does not take, a misspelt limit).
    private static func unknownKeyProblem(
        _ target: AxisTarget, axis: SweepAxis, document: ConfigTable, portfolio: PortfolioFile
    ) -> String? {
        guard let edited = target.applying(axis.values[0].configValue, to: document) else {
            return "names a key below a value that is not a table in \(portfolio.path)"
        }
        do {
            _ = try PortfolioDefinition(
                document: edited, text: portfolio.text, file: portfolio.path,
                directory: URL(fileURLWithPath: portfolio.path).deletingLastPathComponent())
            return nil
        } catch {
            let unknown = error.issues.first {
                $0.issue.keyPath == target.issuePath && $0.issue.reason.hasPrefix("unknown")
            }
            return unknown.map { "names nothing in \(portfolio.path): \($0.issue.reason)" }
        }
    }

    /// The ids of the base portfolio's strategies that no axis touches: their settings, and so
    /// their signals on given bars, are the same in every variant.
    var fixedStrategyIDs: Set<String> {
        guard case .array(let elements) = document["strategies"] else { return [] }
        let touched = Set(targets.compactMap(\.strategyIndex))
        return Set(
            elements.enumerated().compactMap { index, element -> String? in
                guard !touched.contains(index), case .table(let table) = element, case .string(let id) = table["id"]
                else { return nil }
                return id
            })
    }

    static func key(_ dataFile: String, _ symbol: String, _ timeframe: Timeframe) -> String {
        "\(dataFile)|\(symbol)|\(timeframe.rawValue)"
    }

    /// The variant's portfolio setup, its series cut to `[window.lowerBound, window.upperBound)`
    /// when a window is given; or why the variant is skipped (its portfolio is invalid, or it has no
    /// bars in the window).
    public func setup(for values: [SweepValue], window: Range<Timestamp>? = nil) -> Result<PortfolioSetup, VariantSkip>
    {
        var edited = document
        for (target, value) in zip(targets, values) {
            guard let next = target.applying(value.configValue, to: edited) else {
                return .failure(VariantSkip(reason: "\(target.issuePath): a value on the way is not a table"))
            }
            edited = next
        }
        let definition: PortfolioDefinition
        do {
            definition = try PortfolioDefinition(
                document: edited, text: baseText, file: portfolioPath, directory: directory)
        } catch {
            let reasons = error.issues.map { located in
                located.issue.keyPath.isEmpty
                    ? located.issue.reason : "\(located.issue.keyPath): \(located.issue.reason)"
            }
            return .failure(VariantSkip(reason: reasons.joined(separator: "; ")))
        }
        do {
            let (setup, _) = try PortfolioFile.assemble(definition) { entry throws(VariantSkip) in
                guard let series = seriesByKey[Self.key(entry.dataPath, entry.symbol, entry.timeframe)] else {
                    throw VariantSkip(reason: "strategy \(entry.id): its data is not the base portfolio's")
                }
                guard let window else { return series }
                return PortfolioFile.slice(
                    series, from: window.lowerBound, to: window.upperBound.adding(seconds: -1))
            }
            if setup.series.allSatisfy(\.isEmpty) {
                return .failure(VariantSkip(reason: "no bars in the window"))
            }
            return .success(setup)
        } catch let skip as VariantSkip {
            return .failure(skip)
        } catch {
            return .failure(VariantSkip(reason: "\(error)"))
        }
    }
}

/// Why a variant did not run: recorded as `skipped` with this reason, not an error (SPEC §17).
public struct VariantSkip: Error, Sendable, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
