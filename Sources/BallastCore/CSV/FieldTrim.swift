/// Trimming of a CSV field's surroundings, used off the hot path (header cells, and fields whose
/// plain parse failed).
enum FieldTrim {
    /// `start..<end` without leading and trailing spaces, tabs and carriage returns, and without
    /// one pair of surrounding double quotes (with any spaces inside them).
    static func trimmed(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> (Int, Int) {
        var (from, to) = blanksTrimmed(base, from: start, to: end)
        if to - from >= 2, base.load(fromByteOffset: from, as: UInt8.self) == UInt8(ascii: "\""),
            base.load(fromByteOffset: to - 1, as: UInt8.self) == UInt8(ascii: "\"")
        {
            (from, to) = blanksTrimmed(base, from: from + 1, to: to - 1)
        }
        return (from, to)
    }

    private static func blanksTrimmed(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> (Int, Int) {
        var from = start
        var to = end
        while from < to, isBlank(base.load(fromByteOffset: from, as: UInt8.self)) { from += 1 }
        while to > from, isBlank(base.load(fromByteOffset: to - 1, as: UInt8.self)) { to -= 1 }
        return (from, to)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
