import Foundation

/// A JSON object from a configuration file, read strictly: every key must be known, every value of the
/// expected type, and each error names the file and the key path (`escalation.levels[1].after`).
///
/// Usage: read the keys you know, then call `finish()` to reject the rest.
///
/// Read by the project's own JSON parser (the one the feed decoders use), so a value keeps its JSON type: `true`
/// is never `1` (nor `1` a boolean), a 20-digit number is a number too big for a count rather than a wrapped one,
/// and a key given twice in one object is an error instead of one of them silently winning.
package final class ConfigObject {
    package let file: String
    package let path: String
    private let values: [String: JSONValue]
    private var consumed: Set<String> = []

    init(file: String, path: String = "", members: [JSONMember]) {
        self.file = file
        self.path = path
        self.values = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses a whole file's text, which must be one JSON object (a UTF-8 byte order mark is allowed).
    package static func parse(_ data: Data, file: String) throws(ConfigError) -> ConfigObject {
        if let depth = Self.excessiveNesting(data) {
            throw .malformedJSON(file: file, reason: "nested deeper than \(depth) levels")
        }
        let bytes = Array(data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...])
        let document = try Self.document(bytes, file: file)
        guard case .object(let members) = document else {
            throw .invalid(file: file, key: "(top level)", expected: "a JSON object", found: Self.kind(of: document))
        }
        if let key = Self.repeatedKey(in: document) {
            throw .invalid(file: file, key: key, expected: "each key once in its object", found: "the key more than once")
        }
        return ConfigObject(file: file, members: members)
    }

    /// One complete JSON value: what the lenient feed parser would repair or keep partly (a file cut short,
    /// trailing text, invalid UTF-8) is an error here, located by line and column.
    static func document(_ bytes: [UInt8], file: String) throws(ConfigError) -> JSONValue {
        let parsed: (value: JSONValue, problems: [String])
        do {
            parsed = try bytes.withUnsafeBufferPointer { (p) throws(DecodeError) in
                var parser = JSONParser(p)
                return try parser.parseDocument()
            }
        } catch {
            guard case let .malformedJSON(reason, offset) = error else { throw .malformedJSON(file: file, reason: error.description) }
            throw .malformedJSON(file: file, reason: "\(reason) at \(Self.position(of: offset, in: bytes))")
        }
        if let problem = parsed.problems.first { throw .malformedJSON(file: file, reason: problem) }
        return parsed.value
    }

    /// "line 3, column 14" of a byte offset (columns count bytes, as editors show for ASCII).
    static func position(of offset: Int, in bytes: [UInt8]) -> String {
        let before = bytes.prefix(offset)
        let line = before.count { $0 == 0x0A } + 1
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return "line \(line), column \(column)"
    }

    /// The key path of the first key given twice in one object, anywhere in the document.
    static func repeatedKey(in value: JSONValue, path: String = "") -> String? {
        switch value {
        case .object(let members):
            var seen: Set<String> = []
            for member in members {
                let keyPath = path.isEmpty ? member.key : "\(path).\(member.key)"
                if !seen.insert(member.key).inserted { return keyPath }
                if let found = repeatedKey(in: member.value, path: keyPath) { return found }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = repeatedKey(in: element, path: "\(path)[\(index)]") { return found }
            }
        default: break
        }
        return nil
    }

    /// Configuration is shallow; refuse absurd nesting before a recursive parser can exhaust the stack.
    static func excessiveNesting(_ data: Data, limit: Int = 64) -> Int? {
        var depth = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > limit { return limit }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        return nil
    }

    package var keys: [String] { values.keys.sorted() }

    /// The whole object as parsed (for checks that look at everything, like the no-deletion guard).
    var document: JSONValue { .object(values.map { JSONMember(key: $0.key, value: $0.value) }) }

    package func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value (nil when absent or null), marking the key as known.
    func raw(_ key: String) -> JSONValue? {
        consumed.insert(key)
        guard let value = values[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    package func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = raw(key) else { return nil }
        guard case .string(let text) = value else { throw mismatch(key, "a string", value) }
        return text
    }

    package func requiredString(_ key: String, _ expected: String = "a string") throws(ConfigError) -> String {
        guard let text = try string(key) else { throw .missing(file: file, key: keyPath(key), expected: expected) }
        guard !text.isEmpty else { throw .invalid(file: file, key: keyPath(key), expected: expected, found: "\"\"") }
        return text
    }

    package func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(key, "true or false", value) }
        return flag
    }

    /// An integer within `range`. A whole number written with a fraction or exponent (`2.0`, `1e3`) counts; a
    /// boolean, a fraction or a number beyond 10^15 does not.
    package func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = raw(key) else { return nil }
        let whole: Int?
        switch value {
        case .int(let number): whole = Int(exactly: number)
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: whole = Int(number)
        default: whole = nil
        }
        guard let whole, range.contains(whole) else {
            throw mismatch(key, "a whole number from \(range.lowerBound) to \(range.upperBound)", value)
        }
        return whole
    }

    package func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let value = raw(key) else { return nil }
        guard let number = Self.number(value), number.isFinite, range.contains(number) else {
            throw mismatch(key, "a number from \(range.lowerBound) to \(range.upperBound)", value)
        }
        return number
    }

    package func strings(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let array) = value else { throw mismatch(key, "a list of strings", value) }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard case .string(let text) = element else {
                throw .invalid(file: file, key: "\(keyPath(key))[\(index)]", expected: "a string", found: Self.kind(of: element))
            }
            result.append(text)
        }
        return result
    }

    /// A string-to-string map (e.g. HTTP headers).
    package func stringMap(_ key: String) throws(ConfigError) -> [String: String]? {
        guard let value = raw(key) else { return nil }
        guard case .object(let members) = value else { throw mismatch(key, "an object of strings", value) }
        var result: [String: String] = [:]
        for member in members {
            guard case .string(let text) = member.value else {
                throw .invalid(file: file, key: "\(keyPath(key)).\(member.key)", expected: "a string", found: Self.kind(of: member.value))
            }
            result[member.key] = text
        }
        return result
    }

    /// A duration like "90s", "30m", "1h", "2d" (or a bare number of seconds) within `range`: every duration
    /// has bounds, so "1e300" is an error naming the key and the range, never a number that traps later.
    package func duration(_ key: String, in range: ClosedRange<TimeInterval>) throws(ConfigError) -> TimeInterval? {
        guard let value = raw(key) else { return nil }
        var seconds: TimeInterval?
        if case .string(let text) = value { seconds = DurationText.seconds(parsing: text) }
        if let number = Self.number(value), number.isFinite { seconds = number }
        guard let seconds, range.contains(seconds) else {
            throw mismatch(key, "a duration from \(DurationText.describe(range: range)) (such as \"30m\", \"1h\" or \"2d\")", value)
        }
        return seconds
    }

    package func object(_ key: String) throws(ConfigError) -> ConfigObject? {
        guard let value = raw(key) else { return nil }
        guard case .object(let members) = value else { throw mismatch(key, "an object", value) }
        return ConfigObject(file: file, path: keyPath(key), members: members)
    }

    package func objects(_ key: String) throws(ConfigError) -> [ConfigObject]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let array) = value else { throw mismatch(key, "a list of objects", value) }
        var result: [ConfigObject] = []
        for (index, element) in array.enumerated() {
            let elementPath = "\(keyPath(key))[\(index)]"
            guard case .object(let members) = element else {
                throw .invalid(file: file, key: elementPath, expected: "an object", found: Self.kind(of: element))
            }
            result.append(ConfigObject(file: file, path: elementPath, members: members))
        }
        return result
    }

    /// Decodes a value with `Decodable` (for settings types that are plain Codable, such as crisis settings).
    package func decode<T: Decodable>(_ key: String, as type: T.Type) throws(ConfigError) -> T? {
        guard let value = raw(key) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
        } catch {
            throw .invalid(file: file, key: keyPath(key), expected: "valid \(key) settings", found: Self.describe(error))
        }
    }

    /// Rejects keys nobody read, suggesting the nearest known one.
    package func finish(known: [String] = []) throws(ConfigError) {
        let unknown = values.keys.filter { !consumed.contains($0) }.sorted()
        guard let key = unknown.first else { return }
        let candidates = Array(consumed) + known
        throw .unknownKey(file: file, key: keyPath(key), suggestion: Suggestion.nearest(to: key, among: candidates))
    }

    func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> ConfigError {
        .invalid(file: file, key: keyPath(key), expected: expected, found: Self.kind(of: value))
    }

    /// A JSON number as a Double; a boolean or a string is not one.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .bigInteger(let digits): Double(digits)
        case .double(let number): number
        default: nil
        }
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the string \"\(shown)\""
        case .bool(let flag): return "\(flag)"
        case .int(let number): return "the number \(number)"
        case .double(let number): return "the number \(number)"
        case .bigInteger(let digits): return "the number \(digits.count > 40 ? String(digits.prefix(40)) + "…" : digits)"
        case .array: return "a list"
        case .object: return "an object"
        case .null: return "null"
        }
    }

    static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}
