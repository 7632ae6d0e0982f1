import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output file a command will write (`--report`, `--db`, `--output`, `--latency-report`),
/// checked when the command line is parsed, before anything runs: a path that cannot be written is
/// a usage error (exit 64) whose message names the option and the path, and the command does
/// nothing else (no run is journaled, no file is created).
///
/// The check is what the write will need, tried without leaving a trace: the directory must exist;
/// a new file is created exclusively and removed again at once (so a read-only file system, a
/// directory without write permission or a path under `/proc` is caught even for root, whom
/// permission bits do not stop); an existing file is opened for writing and closed unchanged (not
/// truncated). `needsDirectory` also requires the directory to be writable when the file exists
/// (a database creates `-wal` and `-shm` files beside it; an atomic write renames a temporary file
/// into place).
struct OutputPath {
    /// How the message names the path's origin, e.g. `--report`.
    let option: String
    let path: String
    /// True when the writer also creates files beside `path`.
    let needsDirectory: Bool
    /// Said after the reason, e.g. which option chooses another path.
    let hint: String?

    init(option: String, path: String, needsDirectory: Bool = true, hint: String? = nil) {
        self.option = option
        self.path = path
        self.needsDirectory = needsDirectory
        self.hint = hint
    }

    /// Throws a `ValidationError` naming the option, the path and the reason unless the path can be
    /// written.
    func validate() throws {
        if let reason = problem() {
            throw ValidationError("\(option) \(path): \(reason)" + (hint.map { "; \($0)" } ?? ""))
        }
    }

    /// The directory that holds `path` (`.` for a bare file name).
    var directory: String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Why `path` cannot be written; nil when it can.
    func problem() -> String? {
        if path.isEmpty { return "the path is empty" }
        var status = stat()
        if stat(path, &status) == 0 {
            return existingFileProblem(mode: status.st_mode)
        }
        let missing = errno
        if missing != ENOENT && missing != ENOTDIR { return "cannot use it: \(Self.reason(missing))" }
        var parent = stat()
        guard stat(directory, &parent) == 0 else {
            let failure = errno
            return failure == ENOENT
                ? "the directory \(directory) does not exist"
                : failure == ENOTDIR
                    ? "\(directory) is not a directory"
                    : "cannot use the directory \(directory): \(Self.reason(failure))"
        }
        guard parent.st_mode & S_IFMT == S_IFDIR else { return "\(directory) is not a directory" }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let failure = errno
            // Created by someone else in the meantime: it can be written as much as any file.
            return failure == EEXIST ? nil : "cannot create a file there: \(Self.reason(failure))"
        }
        close(descriptor)
        unlink(path)
        return nil
    }

    private func existingFileProblem(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFDIR:
            return "it is a directory; name a file"
        case S_IFREG:
            // Opened for writing and closed: neither the contents nor the modification time change.
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return "cannot write it: \(Self.reason(errno))" }
            close(descriptor)
            if needsDirectory, access(directory, W_OK | X_OK) != 0 {
                return "cannot create files in its directory \(directory): \(Self.reason(errno))"
            }
            return nil
        default:
            // A device or a pipe (e.g. /dev/null): opening a pipe to probe it could block.
            return access(path, W_OK) == 0 ? nil : "cannot write it: \(Self.reason(errno))"
        }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
