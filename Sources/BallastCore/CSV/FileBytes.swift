#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives a parser a whole file's bytes with POSIX calls (no Foundation, no copy for regular files).
///
/// A regular file is mapped read-only (`mmap`), which avoids copying it and zero-filling a buffer;
/// anything else (a pipe, an empty or special file) is read into a temporary buffer. The bytes
/// live only for the duration of the body. Caveat of mapping: if another process truncates the
/// file while it is being parsed, the process gets SIGBUS; data files are treated as read-only.
enum FileBytes {
    /// Calls `body` with the file's bytes. A file that cannot be opened or read is a `DataError`
    /// naming `path` with the system's reason (line nil).
    ///
    /// `check` is called first with the file's first `prefixCount` bytes (fewer if the file is
    /// shorter), before anything else of the file is read or touched: when it throws, no more than
    /// that prefix has been read (a device such as `/dev/zero` or a pipe that never ends included).
    static func withContents<Value>(
        ofFile path: String, checkingFirst prefixCount: Int = 0,
        _ check: (UnsafeRawBufferPointer) throws(DataError) -> Void = { _ in },
        _ body: (UnsafeRawBufferPointer) throws(DataError) -> Value
    ) throws(DataError) -> Value {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path, action: "cannot open file") }
        defer { _ = close(descriptor) }
        var status = stat()
        let sizeHint = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        if sizeHint > 0 && (status.st_mode & S_IFMT) == S_IFREG,
            let mapped = mmap(nil, sizeHint, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED
        {
            defer { _ = munmap(mapped, sizeHint) }
            let bytes = UnsafeRawBufferPointer(start: mapped, count: sizeHint)
            try check(UnsafeRawBufferPointer(rebasing: bytes[0..<min(prefixCount, sizeHint)]))
            _ = madvise(mapped, sizeHint, MADV_SEQUENTIAL)
            return try body(bytes)
        }
        var capacity = max(sizeHint + 1, 1 << 16)
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var checked = false
        while true {
            if !checked && filled >= prefixCount {
                try check(UnsafeRawBufferPointer(rebasing: buffer[0..<prefixCount]))
                checked = true
            }
            if filled == capacity {
                capacity *= 2
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
                larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
                buffer.deallocate()
                buffer = larger
            }
            let count = read(descriptor, buffer.baseAddress! + filled, capacity - filled)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, action: "cannot read file")
            }
            filled += count
        }
        if !checked { try check(UnsafeRawBufferPointer(rebasing: buffer[0..<filled])) }
        return try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
    }

    private static func failure(_ path: String, action: String) -> DataError {
        DataError(file: path, reason: "\(action): \(String(cString: strerror(errno)))")
    }
}
