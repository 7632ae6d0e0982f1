/// Process exit statuses of SPEC §13.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 64
    case badData = 65
    case badConfiguration = 78
}

/// An error that knows which exit status it maps to and how to say itself to a user.
public protocol BallastFailure: Error, Sendable, CustomStringConvertible {
    /// The status the command-line tool exits with for this error.
    var exitStatus: ExitStatus { get }
}
