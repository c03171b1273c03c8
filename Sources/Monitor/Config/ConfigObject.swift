import Foundation

/// A JSON object from a configuration file, read strictly: every key must be known, every value of the
/// expected type, and each error names the file and the key path (`escalation.levels[1].after`).
///
/// Usage: read the keys you know, then call `finish()` to reject the rest.
public final class ConfigObject {
    public let file: String
    public let path: String
    private let values: [String: Any]
    private var consumed: Set<String> = []

    public init(file: String, path: String = "", values: [String: Any]) {
        self.file = file
        self.path = path
        self.values = values
    }

    /// Parses a whole file's text, which must be one JSON object.
    public static func parse(_ data: Data, file: String) throws(ConfigError) -> ConfigObject {
        if let depth = Self.excessiveNesting(data) {
            throw .malformedJSON(file: file, reason: "nested deeper than \(depth) levels")
        }
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .malformedJSON(file: file, reason: Self.describe(error))
        }
        guard let object = any as? [String: Any] else {
            throw .invalid(file: file, key: "(top level)", expected: "a JSON object", found: Self.kind(of: any))
        }
        return ConfigObject(file: file, values: object)
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

    public var keys: [String] { values.keys.sorted() }

    /// The whole object as parsed (for checks that look at everything, like the no-deletion guard).
    public var rawValues: [String: Any] { values }

    public func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value, marking the key as known.
    public func raw(_ key: String) -> Any? {
        consumed.insert(key)
        guard let value = values[key], !(value is NSNull) else { return nil }
        return value
    }

    public func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = raw(key) else { return nil }
        guard let text = value as? String else { throw mismatch(key, "a string", value) }
        return text
    }

    public func requiredString(_ key: String, _ expected: String = "a string") throws(ConfigError) -> String {
        guard let text = try string(key) else { throw .missing(file: file, key: keyPath(key), expected: expected) }
        guard !text.isEmpty else { throw .invalid(file: file, key: keyPath(key), expected: expected, found: "\"\"") }
        return text
    }

    public func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard let number = value as? NSNumber, Self.isBool(number) else { throw mismatch(key, "true or false", value) }
        return number.boolValue
    }

    /// An integer within `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = raw(key) else { return nil }
        guard let number = value as? NSNumber, !Self.isBool(number), number.doubleValue.rounded() == number.doubleValue,
            abs(number.doubleValue) < 1e15, range.contains(number.intValue)
        else { throw mismatch(key, "a whole number from \(range.lowerBound) to \(range.upperBound)", value) }
        return number.intValue
    }

    public func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let value = raw(key) else { return nil }
        guard let number = value as? NSNumber, !Self.isBool(number), number.doubleValue.isFinite,
            range.contains(number.doubleValue)
        else { throw mismatch(key, "a number from \(range.lowerBound) to \(range.upperBound)", value) }
        return number.doubleValue
    }

    public func strings(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = raw(key) else { return nil }
        guard let array = value as? [Any] else { throw mismatch(key, "a list of strings", value) }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element as? String else {
                throw .invalid(file: file, key: "\(keyPath(key))[\(index)]", expected: "a string", found: Self.kind(of: element))
            }
            result.append(text)
        }
        return result
    }

    /// A string-to-string map (e.g. HTTP headers).
    public func stringMap(_ key: String) throws(ConfigError) -> [String: String]? {
        guard let value = raw(key) else { return nil }
        guard let map = value as? [String: Any] else { throw mismatch(key, "an object of strings", value) }
        var result: [String: String] = [:]
        for (name, element) in map {
            guard let text = element as? String else {
                throw .invalid(file: file, key: "\(keyPath(key)).\(name)", expected: "a string", found: Self.kind(of: element))
            }
            result[name] = text
        }
        return result
    }

    /// A duration like "90s", "30m", "1h", "2d" (or a bare number of seconds) within `range`: every duration
    /// has bounds, so "1e300" is an error naming the key and the range, never a number that traps later.
    public func duration(_ key: String, in range: ClosedRange<TimeInterval>) throws(ConfigError) -> TimeInterval? {
        guard let value = raw(key) else { return nil }
        var seconds: TimeInterval?
        if let text = value as? String { seconds = DurationText.seconds(parsing: text) }
        if let number = value as? NSNumber, !Self.isBool(number), number.doubleValue.isFinite { seconds = number.doubleValue }
        guard let seconds, range.contains(seconds) else {
            throw mismatch(key, "a duration from \(DurationText.describe(range: range)) (such as \"30m\", \"1h\" or \"2d\")", value)
        }
        return seconds
    }

    public func object(_ key: String) throws(ConfigError) -> ConfigObject? {
        guard let value = raw(key) else { return nil }
        guard let map = value as? [String: Any] else { throw mismatch(key, "an object", value) }
        return ConfigObject(file: file, path: keyPath(key), values: map)
    }

    public func objects(_ key: String) throws(ConfigError) -> [ConfigObject]? {
        guard let value = raw(key) else { return nil }
        guard let array = value as? [Any] else { throw mismatch(key, "a list of objects", value) }
        var result: [ConfigObject] = []
        for (index, element) in array.enumerated() {
            let elementPath = "\(keyPath(key))[\(index)]"
            guard let map = element as? [String: Any] else {
                throw .invalid(file: file, key: elementPath, expected: "an object", found: Self.kind(of: element))
            }
            result.append(ConfigObject(file: file, path: elementPath, values: map))
        }
        return result
    }

    /// Decodes a value with `Decodable` (for settings types that are plain Codable, such as crisis settings).
    public func decode<T: Decodable>(_ key: String, as type: T.Type) throws(ConfigError) -> T? {
        guard let value = raw(key) else { return nil }
        do {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw .invalid(file: file, key: keyPath(key), expected: "valid \(key) settings", found: Self.describe(error))
        }
    }

    /// Rejects keys nobody read, suggesting the nearest known one.
    public func finish(known: [String] = []) throws(ConfigError) {
        let unknown = values.keys.filter { !consumed.contains($0) }.sorted()
        guard let key = unknown.first else { return }
        let candidates = Array(consumed) + known
        throw .unknownKey(file: file, key: keyPath(key), suggestion: Suggestion.nearest(to: key, among: candidates))
    }

    public func mismatch(_ key: String, _ expected: String, _ value: Any) -> ConfigError {
        .invalid(file: file, key: keyPath(key), expected: expected, found: Self.kind(of: value))
    }

    static func isBool(_ number: NSNumber) -> Bool {
        // JSONSerialization gives booleans as NSNumber; tell them apart from 0/1 by their type.
        #if canImport(Darwin)
            return CFGetTypeID(number) == CFBooleanGetTypeID()
        #else
            return type(of: number) != NSNumber.self && String(describing: type(of: number)).contains("Bool")
                || number === NSNumber(value: true) || number === NSNumber(value: false)
        #endif
    }

    static func kind(of value: Any) -> String {
        switch value {
        case let text as String:
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the string \"\(shown)\""
        case let number as NSNumber: return isBool(number) ? "\(number.boolValue)" : "the number \(number)"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        default: return "\(type(of: value))"
        }
    }

    static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}
