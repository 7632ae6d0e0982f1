import BallastCore

/// Why `ballast serve` does not start (SPEC §13 exit statuses).
public enum ServeError: BallastFailure, Equatable {
    /// A non-loopback bind without `--token-file` (usage, 64).
    case exposedWithoutToken(ServeBinding)
    /// The token file is unreadable or its token too short (usage, 64).
    case badToken(String)
    /// The address cannot be bound (in use, not an address of this machine: 1).
    case bindFailed(ServeBinding, String)

    public var exitStatus: ExitStatus {
        switch self {
        case .exposedWithoutToken, .badToken: .usage
        case .bindFailed: .failure
        }
    }

    public var description: String {
        switch self {
        case .exposedWithoutToken(let binding):
            "--bind \(binding) is not a loopback address: other machines could reach the dashboard; "
                + "give --token-file FILE (its token protects the operator commands), or bind 127.0.0.1"
        case .badToken(let message):
            message
        case .bindFailed(let binding, let reason):
            "cannot listen on \(binding): \(reason)"
        }
    }
}
