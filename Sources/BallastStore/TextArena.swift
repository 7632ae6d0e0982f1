/// The text values bound to one execution of a statement, copied into buffers that outlive it, so
/// SQLite binds them with `SQLITE_STATIC` (no copy, no `strlen`, no free of its own).
///
/// `SQLITE_TRANSIENT` made SQLite allocate, copy and later free every bound text: six texts per
/// risk decision row, a tenth of the journal's write time. Here a row's texts cost one copy into a
/// chunk that is allocated once per statement execution.
///
/// Invariants: a pointer returned by `copy` stays valid and unchanged until the arena is released
/// (chunks are never moved or reused); the owner keeps the arena alive until the statement has been
/// stepped and reset.
final class TextArena {
    private static let chunkSize = 8_192
    private var chunks: [UnsafeMutableRawBufferPointer] = []
    private var used = 0

    init() {}

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// Copies `text`'s UTF-8 bytes into the arena; returns where they are and how many there are.
    func copy(_ text: String) -> (pointer: UnsafePointer<CChar>, count: Int32) {
        var text = text
        return text.withUTF8 { bytes in
            let start = reserve(bytes.count)
            if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
            return (UnsafePointer(start.assumingMemoryBound(to: CChar.self)), Int32(bytes.count))
        }
    }

    private func reserve(_ count: Int) -> UnsafeMutableRawPointer {
        if let chunk = chunks.last, chunk.count - used >= count {
            defer { used += count }
            return chunk.baseAddress! + used
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(Self.chunkSize, count), alignment: MemoryLayout<CChar>.alignment)
        chunks.append(chunk)
        used = count
        return chunk.baseAddress!
    }
}
