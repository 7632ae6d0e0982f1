import BallastCore
import Foundation

/// An output file could not be written after the command ran (exit 1, "other failure"): the disk
/// filled up, or the file system changed since the command line was checked. The message names
/// the option and the path and says the reason plainly, never a raw `NSError` dump.
struct OutputFileError: BallastFailure {
    /// The option that named the file, e.g. `--report`.
    var option: String
    var path: String
    var reason: String
    /// What became of the file, e.g. "the partial file was removed".
    var outcome: String?

    var exitStatus: ExitStatus { .failure }

    var description: String {
        "\(option) \(path): cannot write it: \(reason)" + (outcome.map { "; \($0)" } ?? "")
    }

    /// `error` (from writing `path`) said plainly.
    init(option: String, path: String, error: any Error, outcome: String? = nil) {
        self.init(option: option, path: path, reason: Self.plainReason(error), outcome: outcome)
    }

    init(option: String, path: String, reason: String, outcome: String? = nil) {
        self.option = option
        self.path = path
        self.reason = reason
        self.outcome = outcome
    }

    /// The POSIX reason under a Foundation file error when there is one (e.g. "No space left on
    /// device"), else the error's own localized description.
    static func plainReason(_ error: any Error) -> String {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        guard error.domain == NSCocoaErrorDomain else { return error.localizedDescription }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteNoPermission: return String(cString: strerror(EACCES))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        case .fileNoSuchFile: return String(cString: strerror(ENOENT))
        default: return error.localizedDescription
        }
    }
}

extension Data {
    /// Writes the data atomically to `path`, named by `option` in any error.
    func write(toOutput path: String, option: String) throws(OutputFileError) {
        do {
            try write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OutputFileError(option: option, path: path, error: error)
        }
    }
}
