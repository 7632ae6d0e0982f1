import BallastEngine
import BallastStore
import BallastSweep
import Foundation

/// What `ballast sweep` and `ballast sweep merge` print: the ranked table or its JSON, and with
/// `[walk_forward]` the walk-forward after it.
struct SweepOutput {
    var ranking: SweepRanking
    var walkForward: WalkForwardReport?

    /// The number of cores.
    static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs (or resumes) a session's variants into `store` and ranks them.
    static func make(
        session: SweepSession, store: BallastStore, jobs: Int, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws -> SweepOutput {
        let done = try store.sweepVariants(sweepID: session.sweepID).count
        if done > 0 {
            printError(
                "note: sweep \(session.sweepID) resumes: \(done) of \(session.plan.variants.count) variants are "
                    + "done and are not run again")
        }
        let ranking = try await session.run(store: store, jobs: jobs, wallClock: SystemWallClock(), progress: progress)
        var walkForward: WalkForwardReport?
        if let settings = session.sweep.walkForward {
            try noteWalkForwardResume(session: session, store: store)
            walkForward = WalkForwardReport(
                walkForward: settings, run: try await WalkForwardRun.run(session: session, jobs: jobs, store: store))
        }
        return SweepOutput(ranking: ranking, walkForward: walkForward)
    }

    /// Says on standard error how much of a walk-forward the store holds already (it is not run again).
    static func noteWalkForwardResume(session: SweepSession, store: BallastStore) throws {
        let windows = try store.walkForwardWindows(sweepID: session.sweepID).count
        let variants = try store.walkForwardVariants(sweepID: session.sweepID, window: windows).count
        guard windows > 0 || variants > 0 else { return }
        let total = try WalkForwardRun.windows(of: session).count
        printError(
            "note: walk-forward of sweep \(session.sweepID) resumes: \(windows) of \(total) windows are done and "
                + "\(variants) train variants of window \(windows + 1); none is run again")
    }

    func print(json: Bool) {
        if json {
            // Encoding values that came out of the journal cannot fail short of a bug.
            let data = (try? ranking.jsonData(walkForward: walkForward)) ?? Data("{}".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            Swift.print(ranking.render(), terminator: "")
            if let walkForward { Swift.print(walkForward.render(objective: ranking.objective), terminator: "") }
        }
    }
}
