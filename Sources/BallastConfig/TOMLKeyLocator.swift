/// Finds the line that defines a key path in TOML text, for error messages.
///
/// The TOML library reports lines only for syntax errors, so this scans the text once: it follows
/// `[table]` and `[[array]]` headers (counting array elements) and records the line of every
/// `key = value`. Keys inside inline tables resolve to the line of the enclosing key. It is a
/// locator, not a parser: a path it cannot find gets the line of its longest found prefix, or none.
struct TOMLKeyLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var arrayCounts: [String: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.stripComment(String(rawLine)).trimming(" \t\r")
            guard !line.isEmpty else { continue }
            if line.hasPrefix("[[") && line.hasSuffix("]]") {
                let name = Self.keyParts(String(line.dropFirst(2).dropLast(2)))
                let parent = Self.resolve(Array(name.dropLast()), arrayCounts: arrayCounts)
                let last = name.last ?? ""
                let base = parent.isEmpty ? last : parent + "." + last
                let index = arrayCounts[base, default: -1] + 1
                arrayCounts[base] = index
                table = [base + "[\(index)]"]
                lines[table[0]] = offset + 1
            } else if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = Self.keyParts(String(line.dropFirst().dropLast()))
                table = [Self.resolve(name, arrayCounts: arrayCounts)]
                lines[table[0]] = offset + 1
            } else if let equals = line.firstIndex(of: "=") {
                let key = Self.keyParts(String(line[..<equals])).joined(separator: ".")
                let path = table.isEmpty ? key : table[0] + "." + key
                if lines[path] == nil { lines[path] = offset + 1 }
            }
        }
    }

    /// The 1-based line of a key path such as `strategies[1].risk.max_fraction`, or of its longest
    /// known prefix.
    func line(of keyPath: String) -> Int? {
        var path = keyPath
        while !path.isEmpty {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = String(path[..<cut])
        }
        return nil
    }

    /// `a.b` under arrays of tables resolves to the latest element: `strategies.risk` -> `strategies[2].risk`.
    private static func resolve(_ parts: [String], arrayCounts: [String: Int]) -> String {
        var resolved = ""
        for part in parts {
            let candidate = resolved.isEmpty ? part : resolved + "." + part
            if let index = arrayCounts[candidate] {
                resolved = candidate + "[\(index)]"
            } else {
                resolved = candidate
            }
        }
        return resolved
    }

    private static func keyParts(_ key: String) -> [String] {
        key.split(separator: ".").map {
            String($0).trimming(" \t").trimming("\"'")
        }
    }

    private static func stripComment(_ line: String) -> String {
        var inString: Character?
        for (index, character) in zip(line.indices, line) {
            if let quote = inString {
                if character == quote { inString = nil }
            } else if character == "\"" || character == "'" {
                inString = character
            } else if character == "#" {
                return String(line[..<index])
            }
        }
        return line
    }
}

extension String {
    fileprivate func trimming(_ set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view.removeFirst() }
        while let last = view.last, set.contains(last) { view.removeLast() }
        return String(view)
    }
}
