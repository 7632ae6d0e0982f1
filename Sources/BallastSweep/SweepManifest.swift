import BallastConfig
import BallastCore
import Foundation

/// The manifest of a sweep split into shards (`ballast sweep plan`, docs/CLUSTER.md): the sweep
/// file's text and path, the sweep id, and which variants each shard runs (variant `i` goes to
/// shard `i mod shards`, so every shard gets a similar mix of the grid).
///
/// Invariant: the shards' variant lists partition `0..<variantCount`.
public struct SweepManifest: Codable, Sendable, Equatable {
    public var sweepID: String
    /// The sweep file's absolute path: it resolves the portfolio file on every worker.
    public var sweepPath: String
    public var sweepText: String
    public var variantCount: Int
    public var shards: [[Int]]

    /// The file name of the manifest in its folder.
    public static let fileName = "manifest.json"

    enum CodingKeys: String, CodingKey {
        case sweepID = "sweep_id"
        case sweepPath = "sweep_path"
        case sweepText = "sweep_text"
        case variantCount = "variant_count"
        case shards
    }

    /// The manifest of `session` split into `count` shards.
    public init(session: SweepSession, shards count: Int) {
        sweepID = session.sweepID
        sweepPath = URL(fileURLWithPath: session.sweep.path).standardizedFileURL.path
        sweepText = session.sweep.text
        let total = session.plan.variants.count
        variantCount = total
        shards = (0..<count).map { shard in Array(stride(from: shard, to: total, by: count)) }
    }

    /// The database file of shard `index` in `directory`.
    public static func shardPath(directory: String, index: Int, count: Int) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("shard-\(index)-of-\(count).sqlite").path
    }

    /// The sweep file as the manifest holds it (parsed from its text, at its path).
    public func sweepFile() throws(ConfigurationError) -> SweepFile {
        try SweepFile.parse(text: sweepText, path: sweepPath)
    }

    /// Writes the manifest (pretty, sorted keys) into `directory`, creating it.
    public func write(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let url = URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName)
        try (encoder.encode(self) + Data("\n".utf8)).write(to: url, options: .atomic)
    }

    /// Reads the manifest in `directory`.
    ///
    /// - Throws: a `ShardError` (exit 78) when it is missing or not a manifest.
    public static func read(directory: String) throws -> SweepManifest {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShardError(
                "\(path): no sweep manifest (make one with `ballast sweep plan SWEEP.toml --shards N --out DIR`)")
        }
        do {
            let manifest = try JSONDecoder().decode(SweepManifest.self, from: data)
            let all = manifest.shards.flatMap { $0 }.sorted()
            guard !manifest.shards.isEmpty, all == Array(0..<manifest.variantCount) else {
                throw ShardError("\(path): its shards do not cover the \(manifest.variantCount) variants exactly once")
            }
            return manifest
        } catch let error as ShardError {
            throw error
        } catch {
            throw ShardError("\(path): not a sweep manifest (\(error))")
        }
    }
}

/// A problem with a sharded sweep: a missing or bad manifest, a shard missing, present twice or
/// incomplete, a shard spec that does not match. Exits 78 (bad configuration, SPEC §13).
public struct ShardError: BallastFailure, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
    public var exitStatus: ExitStatus { .badConfiguration }
}
