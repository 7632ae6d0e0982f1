import Foundation

/// The first 16 bytes of every SQLite 3 database file, checked before SQLite sees a file so that a
/// file that is not a database is reported, and left byte-for-byte unchanged, instead of being
/// opened, journaled or migrated.
enum SQLiteFileHeader {
    /// `"SQLite format 3\0"`.
    static let magic: [UInt8] = Array("SQLite format 3".utf8) + [0]

    /// What is at a path.
    enum Kind: Equatable {
        /// Nothing: the store may create a database there.
        case missing
        /// An empty file, which SQLite treats as an empty database.
        case empty
        /// A file holding only the start of the SQLite header: a database whose first page is being
        /// written, seen by a reader. Not a database to write to.
        case incompleteHeader
        /// A file that starts with the SQLite header.
        case database
    }

    /// Inspects `path` without modifying it.
    ///
    /// - Throws: `StoreError.notADatabase` for a directory, a file shorter than the header or a
    ///   file with another header; `StoreError.io` when the file cannot be read.
    static func inspect(path: String) throws(StoreError) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue {
            throw .notADatabase(path: path, reason: "it is a directory")
        }
        let prefix: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            prefix = try handle.read(upToCount: magic.count) ?? Data()
        } catch {
            throw .io(path: path, operation: "reading the file header", message: "\(error)")
        }
        if prefix.isEmpty { return .empty }
        guard prefix.count == magic.count else {
            if Array(prefix) == Array(magic.prefix(prefix.count)) { return .incompleteHeader }
            throw .notADatabase(
                path: path, reason: "file is not a database (\(prefix.count) bytes, shorter than an SQLite header)")
        }
        guard Array(prefix) == magic else {
            throw .notADatabase(path: path, reason: "file is not a database (no SQLite 3 header)")
        }
        return .database
    }
}
