import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The space an output file may take: what its file system has free for this user (`statvfs`'s
/// `f_bavail × f_frsize`), plus the current size of a regular file that writing will truncate.
struct OutputSpace {
    /// How messages name the output.
    var name: String
    var bytes: Double

    /// The space for `path` (`nil` or `-`: standard output); nil when it is not a regular file on a
    /// file system (a device, a pipe, a terminal), or cannot be examined.
    static func available(forOutput path: String?) -> OutputSpace? {
        guard let path, path != "-" else {
            var status = stat()
            guard fstat(STDOUT_FILENO, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
            var system = statvfs()
            guard fstatvfs(STDOUT_FILENO, &system) == 0 else { return nil }
            return OutputSpace(name: "standard output", bytes: free(system))
        }
        var existing = 0.0
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFREG else { return nil }
            existing = Double(status.st_size)
        }
        let parent = (path as NSString).deletingLastPathComponent
        var system = statvfs()
        guard statvfs(parent.isEmpty ? "." : parent, &system) == 0 else { return nil }
        return OutputSpace(name: path, bytes: free(system) + existing)
    }

    private static func free(_ system: statvfs) -> Double {
        Double(system.f_bavail) * Double(system.f_frsize)
    }
}
