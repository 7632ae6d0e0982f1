import BallastCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams `generate-bars` CSV to a file or to standard output with `write(2)`, and stops cleanly
/// at the first write error: a full disk (`ENOSPC`) or any other failure ends the command with a
/// plain message (exit 1) instead of a Foundation error dump, and a partial regular file is removed
/// (a device such as `/dev/full` is left alone).
struct GeneratedCSVWriter {
    /// One `write(2)` call: the number of bytes written (≥ 0), or minus `errno`. Tests replace it to
    /// simulate a full disk.
    var writeOnce: (Int32, UnsafeRawBufferPointer) -> Int = Self.systemWrite

    /// `write(2)`, retried on `EINTR`.
    static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        while true {
            let written = posixWrite(descriptor, bytes.baseAddress, bytes.count)
            if written >= 0 { return written }
            if errno != EINTR { return -Int(errno) }
        }
    }

    /// Writes the first `count` bars of `walk` to `path`, created or truncated.
    ///
    /// - Throws: `OutputFileError` naming `--output`; the partial file is removed first when it is
    ///   a regular file.
    func write(_ walk: RandomWalkBars, count: Int, toFile path: String) throws(OutputFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputFileError(option: "--output", path: path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        let isRegularFile = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        do throws(WriteFailure) {
            try write(walk, count: count, to: descriptor)
            if close(descriptor) != 0 { throw WriteFailure(code: errno, written: 0) }
        } catch {
            close(descriptor)
            var outcome: String?
            if isRegularFile, unlink(path) == 0 { outcome = "the partial file was removed" }
            throw OutputFileError(option: "--output", path: path, reason: error.reason, outcome: outcome)
        }
    }

    /// Writes the first `count` bars of `walk` to standard output.
    func writeToStandardOutput(_ walk: RandomWalkBars, count: Int) throws(OutputFileError) {
        do throws(WriteFailure) {
            try write(walk, count: count, to: STDOUT_FILENO)
        } catch {
            throw OutputFileError(option: "--output", path: "-", reason: error.reason)
        }
    }

    private func write(_ walk: RandomWalkBars, count: Int, to descriptor: Int32) throws(WriteFailure) {
        var total = 0
        try walk.writeCSV(count: count) { (chunk: UnsafeRawBufferPointer) throws(WriteFailure) in
            var offset = 0
            while offset < chunk.count {
                let result = writeOnce(descriptor, UnsafeRawBufferPointer(rebasing: chunk[offset...]))
                guard result > 0 else {
                    throw WriteFailure(code: result < 0 ? Int32(-result) : EIO, written: total + offset)
                }
                offset += result
            }
            total += chunk.count
        }
    }

    /// A failed write: its `errno` and how many bytes had been written.
    private struct WriteFailure: Error {
        var code: Int32
        var written: Int

        var reason: String {
            let text = String(cString: strerror(code))
            return written > 0 ? "\(text) (after \(ByteCountText.text(Double(written))))" : text
        }
    }
}

/// `write(2)` (the name is taken by `GeneratedCSVWriter`'s own methods inside the type).
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Byte counts for messages: `512 B`, `1.5 MB`, `20.0 GB` (powers of 1000).
enum ByteCountText {
    static func text(_ bytes: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
