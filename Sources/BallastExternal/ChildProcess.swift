import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with `posix_spawn`, its stdin, stdout and stderr on pipes, and every
/// other descriptor of Ballast closed in the child (so a grandchild it starts holds nothing of
/// Ballast's, and another strategy's pipes never leak into it). Exit is observed with `waitpid`,
/// never through a descriptor a grandchild could keep open.
struct ChildProcess {
    let pid: pid_t
    /// Ballast's ends: write to the child's stdin, read its stdout and stderr.
    let stdin: Int32
    let stdout: Int32
    let stderr: Int32

    /// How a child ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `executable` with `arguments` in `directory`; throws a readable reason.
    init(executable: String, arguments: [String], directory: String) throws(ChildProcessError) {
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        // The child closes every descriptor above 2 (`closefrom`), so the pipes need no FD_CLOEXEC there.
        guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else {
            for fd in input + output + errors where fd >= 0 { close(fd) }
            throw ChildProcessError(reason: "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        #if os(Linux)
            // Larger pipes (1 MiB, F_SETPIPE_SZ) let a backtest's bars and answers flow in fewer,
            // larger reads and writes; the kernel's limit may refuse it, which only costs speed.
            for fd in [input[1], output[0]] { _ = fcntl(fd, 1031, Int32(1 << 20)) }
        #endif
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        guard SpawnExtensions.closeFrom(&actions, 3) == 0, SpawnExtensions.changeDirectory(&actions, directory) == 0
        else {
            for fd in input + output + errors { close(fd) }
            throw ChildProcessError(reason: "this system's posix_spawn cannot change directory or close descriptors")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handling, whatever Ballast ignores or blocks.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        close(input[0])
        close(output[1])
        close(errors[1])
        guard status == 0 else {
            close(input[1])
            close(output[0])
            close(errors[0])
            throw ChildProcessError(reason: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        stdin = input[1]
        stdout = output[0]
        stderr = errors[0]
    }

    /// The child's ending if it has ended (reaping it), nil while it runs.
    func ending(waiting: Bool = false) -> Ending? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, waiting ? 0 : WNOHANG)
        guard result == pid else { return nil }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (the C macros are not imported).
        if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(status & 0x7f)
    }
}

/// The glibc extensions of `posix_spawn` (`posix_spawn_file_actions_addclosefrom_np`, since 2.34,
/// and `posix_spawn_file_actions_addchdir_np`, since 2.29), found at run time: Swift does not
/// import declarations that need `_GNU_SOURCE`. Each returns an errno value, ENOSYS when missing.
enum SpawnExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if os(Linux)
            let everywhere = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT
        #else
            let everywhere = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
        #endif
        return dlsym(everywhere, name)
    }

    static func closeFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        guard let address = symbol("posix_spawn_file_actions_addclosefrom_np") else { return ENOSYS }
        return unsafeBitCast(address, to: CloseFrom.self)(actions, lowest)
    }

    static func changeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        guard let address = symbol("posix_spawn_file_actions_addchdir_np") else { return ENOSYS }
        return path.withCString { unsafeBitCast(address, to: ChangeDirectory.self)(actions, $0) }
    }
}

/// A child process that could not be started.
struct ChildProcessError: Error {
    let reason: String
}
