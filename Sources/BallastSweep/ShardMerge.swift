import BallastStore
import Foundation

/// Merges the shard databases of a planned sweep into one journal (`ballast sweep merge`).
///
/// Every `*.sqlite` file in the folder that holds the sweep counts. Each variant of the plan must
/// be in exactly one of them: a variant in two files (a shard present twice) or in none (a shard
/// missing or unfinished) is an error naming the shard and the files, and nothing is merged. The
/// merge writes with "insert if absent", so merging again (or into a journal that already has the
/// sweep) changes nothing.
public enum ShardMerge {
    /// Checks the shards in `directory` and returns every variant's record, by variant number.
    public static func collect(manifest: SweepManifest, directory: String) throws -> [SweepVariantRecord] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".sqlite") }.sorted()
        var owner: [Int: String] = [:]
        var records: [Int: SweepVariantRecord] = [:]
        for name in files {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            let store = try BallastStore.openForReading(path: path)
            defer { try? store.close() }
            guard try store.sweep(id: manifest.sweepID) != nil else { continue }
            for record in try store.sweepVariants(sweepID: manifest.sweepID) {
                if let first = owner[record.variant] {
                    throw ShardError(
                        "variant \(record.variant) is in two shard files, \(first) and \(name): a shard is present "
                            + "twice; remove one of them and merge again")
                }
                owner[record.variant] = name
                records[record.variant] = record
            }
        }
        for (shard, variants) in manifest.shards.enumerated() {
            let missing = variants.filter { records[$0] == nil }
            guard missing.isEmpty else {
                let file = URL(
                    fileURLWithPath: SweepManifest.shardPath(
                        directory: directory, index: shard, count: manifest.shards.count)
                ).lastPathComponent
                let state =
                    missing.count == variants.count
                    ? "is missing" : "is incomplete (\(missing.count) of \(variants.count) variants not done)"
                throw ShardError(
                    "shard \(shard)/\(manifest.shards.count) \(state): expected \(file) in \(directory) "
                        + "(run `ballast sweep run \(directory) --shard \(shard)/\(manifest.shards.count)`)")
            }
        }
        return (0..<manifest.variantCount).compactMap { records[$0] }
    }
}
