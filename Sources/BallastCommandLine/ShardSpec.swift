import ArgumentParser
import BallastSweep
import Foundation

/// `--shard I/N` of `ballast sweep run`: shard I (from 0) of N. `env/N` takes I from the job
/// engine's task index: `SLURM_ARRAY_TASK_ID` (a Slurm job array `--array=0-(N-1)`),
/// `JOB_COMPLETION_INDEX` (a Kubernetes Indexed Job) or `BALLAST_SHARD_INDEX`, the first that is set.
struct ShardSpec: ExpressibleByArgument, Equatable {
    /// The index, nil for `env/N` until ``resolved(environment:)``.
    var index: Int?
    var count: Int

    static let environmentVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "BALLAST_SHARD_INDEX"]

    init(index: Int?, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[1]), count >= 1 else { return nil }
        if parts[0] == "env" {
            self.init(index: nil, count: count)
        } else if let index = Int(parts[0]), (0..<count).contains(index) {
            self.init(index: index, count: count)
        } else {
            return nil
        }
    }

    static var defaultValueDescription: String { "I/N or env/N" }

    /// The shard with its index taken from the environment when it was `env/N`.
    func resolved(environment: [String: String]) throws -> ShardSpec {
        if index != nil { return self }
        for name in Self.environmentVariables {
            guard let text = environment[name] else { continue }
            guard let index = Int(text), (0..<count).contains(index) else {
                throw ShardError("--shard env/\(count): \(name)=\(text) is not a shard index in 0..<\(count)")
            }
            return ShardSpec(index: index, count: count)
        }
        throw ShardError(
            "--shard env/\(count): none of \(Self.environmentVariables.joined(separator: ", ")) is set")
    }
}
