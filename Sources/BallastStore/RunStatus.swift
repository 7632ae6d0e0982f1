/// Where a run is in its life (`runs.status`): `running` from `beginRun` until `finishRun` marks it
/// `finished` or `failRun` marks it `failed`; a finished or failed run takes no more batches.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running
    case finished
    case failed
}
