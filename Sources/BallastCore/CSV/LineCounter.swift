/// Counts line feeds eight bytes at a time (SWAR), cheaply enough to size the loader's columns
/// before parsing.
enum LineCounter {
    /// The number of `\n` bytes in `start..<end`.
    static func lineFeeds(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Int {
        let pattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var index = start
        while end - index >= 8 {
            // A byte of `word` is zero exactly where the data has a line feed. Adding 0x7F to its
            // low seven bits sets the high bit unless all seven are zero; OR-ing in the byte itself
            // covers the high bit, so the complement keeps a high bit only for zero bytes. No carry
            // crosses bytes, so the count is exact.
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
            let marks = ~(((word & low7) &+ low7) | word | low7)
            count += marks.nonzeroBitCount
            index += 8
        }
        while index < end {
            if base.load(fromByteOffset: index, as: UInt8.self) == 0x0A { count += 1 }
            index += 1
        }
        return count
    }
}
