/// The header line of a bar file: which physical column feeds which bar value.
///
/// Names are matched case-insensitively after trimming spaces, tabs and surrounding double
/// quotes. The time column is the one named `timestamp`, `datetime`, `date` or `time` (exactly
/// one of them may appear), or else an unnamed first column (pandas' index, as in backtesting.py's
/// files). `open`, `high`, `low` and `close` are required; `volume` (or `vol`) is optional and
/// reads as 0 when absent. Every other column (`Adj Close`, …) is ignored.
struct BarCSVHeader {
    /// What a column of the file feeds.
    enum Role: UInt8 {
        case ignored, time, open, high, low, close, volume
    }

    /// The role of each physical column, in file order.
    let roles: [Role]
    /// The display name of each physical column: the header text (an escaped excerpt of at most
    /// ``nameLimit`` characters), or `#N` when it is empty.
    let names: [String]
    let timeColumn: Int
    let openColumn: Int
    let highColumn: Int
    let lowColumn: Int
    let closeColumn: Int
    let volumeColumn: Int?

    /// Reads the header line `start..<end` (no line terminator; a trailing CR is allowed).
    init(_ base: UnsafeRawPointer, from start: Int, to end: Int, file: String) throws(DataError) {
        let cells = Self.cells(base, from: start, to: end)
        var names: [String] = []
        var roles: [Role] = []
        var columnOfRole: [Role: Int] = [:]
        var namedTimeColumns: [Int] = []
        for (index, cell) in cells.enumerated() {
            names.append(cell.isEmpty ? "#\(index + 1)" : PrintableText.excerpt(cell, limit: Self.nameLimit))
            let role = Self.role(named: cell.lowercased())
            roles.append(role)
            if role == .time {
                namedTimeColumns.append(index)
            } else if role != .ignored {
                if let earlier = columnOfRole[role] {
                    throw DataError(
                        file: file, line: 1, column: names[index],
                        reason: "duplicate column (column \(earlier + 1), '\(names[earlier])', has the same meaning)")
                }
                columnOfRole[role] = index
            }
        }
        if namedTimeColumns.count > 1 {
            let listed = namedTimeColumns.map { "'\(names[$0])'" }.joined(separator: ", ")
            throw DataError(
                file: file, line: 1, column: names[namedTimeColumns[1]],
                reason: "ambiguous time: columns \(listed) all name the time; keep exactly one")
        }
        if let named = namedTimeColumns.first {
            timeColumn = named
        } else if cells.first?.isEmpty == true {
            timeColumn = 0
            roles[0] = .time
        } else {
            throw Self.missing("timestamp", names: names, file: file)
        }
        func required(_ role: Role, _ name: String) throws(DataError) -> Int {
            guard let column = columnOfRole[role] else { throw Self.missing(name, names: names, file: file) }
            return column
        }
        openColumn = try required(.open, "open")
        highColumn = try required(.high, "high")
        lowColumn = try required(.low, "low")
        closeColumn = try required(.close, "close")
        volumeColumn = columnOfRole[.volume]
        self.names = names
        self.roles = roles
    }

    /// The number of fields every row must have.
    var fieldCount: Int { roles.count }

    private static func role(named key: String) -> Role {
        switch key {
        case "timestamp", "datetime", "date", "time": .time
        case "open": .open
        case "high": .high
        case "low": .low
        case "close": .close
        case "volume", "vol": .volume
        default: .ignored
        }
    }

    /// The most characters of a header cell that a message quotes.
    static let nameLimit = 40

    /// The header's names as a message quotes them: at most ``PrintableText/defaultLimit``
    /// characters in all, then `…`.
    private static func missing(_ name: String, names: [String], file: String) -> DataError {
        var found = ""
        for (index, quoted) in names.map({ "'\($0)'" }).enumerated() {
            let piece = index == 0 ? quoted : ", " + quoted
            if found.count + piece.count > PrintableText.defaultLimit {
                found +=
                    index == 0
                    ? String(quoted.prefix(PrintableText.defaultLimit)) + "…" : ", … (\(names.count) columns)"
                break
            }
            found += piece
        }
        return DataError(
            file: file, line: 1, column: name,
            reason: "required column is missing from the header (found \(found))")
    }

    /// The header's comma-separated cells, each trimmed of spaces, tabs and one pair of quotes.
    private static func cells(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> [String] {
        var cells: [String] = []
        var cellStart = start
        var index = start
        while index <= end {
            if index == end || base.load(fromByteOffset: index, as: UInt8.self) == UInt8(ascii: ",") {
                let (from, to) = FieldTrim.trimmed(base, from: cellStart, to: index)
                let bytes = UnsafeRawBufferPointer(start: base + from, count: to - from)
                cells.append(String(decoding: bytes, as: UTF8.self))
                cellStart = index + 1
            }
            index += 1
        }
        return cells
    }
}
