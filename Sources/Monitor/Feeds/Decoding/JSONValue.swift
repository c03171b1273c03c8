import Foundation

/// One key/value pair of a JSON object. A struct, not a tuple: arrays of tuples need runtime metadata lookups
/// that showed up at 8% of JSON decoding time.
struct JSONMember: Sendable {
    let key: String
    let value: JSONValue
}

/// A parsed JSON document. Objects keep members in order as key/value pairs: building is cheaper than hashing
/// every key, and decoders only look up a handful of keys per item.
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A whole number beyond 64 bits, as written: through a Double, ids 256 apart (19 digits) would be one.
    case bigInteger(String)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// Strings as they are, numbers and booleans spelled out: ids come as either.
    var text: String? {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .bigInteger(let digits): return digits
        case .double(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .bigInteger(let digits): return Double(digits)
        case .double(let value): return value
        case .string(let value): return Double(value)
        default: return nil
        }
    }

    /// A number that fits an `Int` (a 5000-digit "integer" does not: nil rather than a trap).
    var integer: Int? {
        guard let value = number, value.isFinite, abs(value) < 9e18 else { return nil }
        return Int(value)
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// RFC 6901: `""` is the whole document, `/a/0/b~1c` walks keys and indexes (`~1` is `/`, `~0` is `~`).
    func resolve(pointer: String) -> JSONValue? {
        guard !pointer.isEmpty else { return self }
        guard pointer.hasPrefix("/") else { return nil }
        var current = self
        for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = rawToken.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
