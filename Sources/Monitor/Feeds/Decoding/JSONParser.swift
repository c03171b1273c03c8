/// A small JSON parser over UTF-8 bytes, built for hostile input: recursion is bounded (values nested deeper than
/// `maxDepth` are skipped iteratively and become null), a document cut short keeps its complete parts (an array
/// drops only its unfinished last element), invalid UTF-8 in strings is repaired and lone surrogates become U+FFFD.
struct JSONParser {
    static let maxDepth = 512

    private let p: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private(set) var truncated = false
    private(set) var skippedDeepValues = 0
    private(set) var repairedStrings = 0

    init(_ p: UnsafeBufferPointer<UInt8>) {
        self.p = p
    }

    /// Parses one document. Trailing garbage is tolerated; findings are in `problems`.
    mutating func parseDocument() throws(DecodeError) -> (value: JSONValue, problems: [String]) {
        let value = try parseValue()
        var problems: [String] = []
        if truncated { problems.append("JSON document truncated at byte \(p.count); complete values kept") }
        skipWhitespace()
        if !truncated, i < p.count { problems.append("ignored trailing data after byte \(i)") }
        if skippedDeepValues > 0 {
            problems.append("\(skippedDeepValues) value(s) nested deeper than \(Self.maxDepth) levels skipped")
        }
        if repairedStrings > 0 { problems.append("\(repairedStrings) string(s) had invalid UTF-8 (repaired)") }
        return (value, problems)
    }

    private mutating func parseValue() throws(DecodeError) -> JSONValue {
        skipWhitespace()
        guard i < p.count else {
            truncated = true
            return .null
        }
        switch p[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if depth >= Self.maxDepth { return skipDeepValue() }
            depth += 1
            defer { depth -= 1 }
            return p[i] == UInt8(ascii: "{") ? try parseObject() : try parseArray()
        case UInt8(ascii: "\""):
            return .string(parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw DecodeError.malformedJSON(reason: "unexpected \(describe(p[i]))", offset: i)
        }
    }

    private mutating func parseArray() throws(DecodeError) -> JSONValue {
        i += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if i < p.count, p[i] == UInt8(ascii: "]") {
            i += 1
            return .array(elements)
        }
        while true {
            let element = try parseValue()
            if truncated {
                if case .array = element { elements.append(element) }  // keep what an open inner array holds
                return .array(elements)
            }
            elements.append(element)
            skipWhitespace()
            guard i < p.count else {
                truncated = true
                return .array(elements)
            }
            let byte = p[i]
            i += 1
            if byte == UInt8(ascii: "]") { return .array(elements) }
            guard byte == UInt8(ascii: ",") else {
                throw DecodeError.malformedJSON(reason: "expected , or ] but found \(describe(byte))", offset: i - 1)
            }
        }
    }

    private mutating func parseObject() throws(DecodeError) -> JSONValue {
        i += 1
        var members: [JSONMember] = []
        while true {
            skipWhitespace()
            guard i < p.count else {
                truncated = true
                return .object(members)
            }
            if p[i] == UInt8(ascii: "}"), members.isEmpty {
                i += 1
                return .object(members)
            }
            guard p[i] == UInt8(ascii: "\"") else {
                throw DecodeError.malformedJSON(reason: "expected a key but found \(describe(p[i]))", offset: i)
            }
            let key = parseString()
            skipWhitespace()
            guard i < p.count else {
                truncated = true
                return .object(members)
            }
            guard p[i] == UInt8(ascii: ":") else {
                throw DecodeError.malformedJSON(reason: "expected : but found \(describe(p[i]))", offset: i)
            }
            i += 1
            let value = try parseValue()
            if truncated {
                if case .array = value { members.append(JSONMember(key: key, value: value)) }
                if case .object = value { members.append(JSONMember(key: key, value: value)) }
                return .object(members)
            }
            members.append(JSONMember(key: key, value: value))
            skipWhitespace()
            guard i < p.count else {
                truncated = true
                return .object(members)
            }
            let byte = p[i]
            i += 1
            if byte == UInt8(ascii: "}") { return .object(members) }
            guard byte == UInt8(ascii: ",") else {
                throw DecodeError.malformedJSON(reason: "expected , or } but found \(describe(byte))", offset: i - 1)
            }
        }
    }

    /// Steps over a too-deep value without recursion, minding strings; it reads as null.
    private mutating func skipDeepValue() -> JSONValue {
        skippedDeepValues += 1
        var nesting = 0
        while i < p.count {
            let byte = p[i]
            if byte == UInt8(ascii: "\"") {
                _ = parseString()
                continue
            }
            i += 1
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                nesting += 1
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                nesting -= 1
                if nesting == 0 { return .null }
            }
        }
        truncated = true
        return .null
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(DecodeError) -> JSONValue {
        let length = word.utf8CodeUnitCount
        let available = p.count - i
        if available < length {
            if (0..<available).allSatisfy({ p[i + $0] == word.utf8Start[$0] }) {
                truncated = true
                i = p.count
                return .null
            }
        }
        guard XMLScanner.hasPrefix(p, i, p.count, word) else {
            throw DecodeError.malformedJSON(reason: "invalid literal", offset: i)
        }
        i += length
        return value
    }

    private mutating func parseNumber() throws(DecodeError) -> JSONValue {
        let start = i
        var isInteger = true
        if p[i] == UInt8(ascii: "-") { i += 1 }
        while i < p.count {
            let byte = p[i]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                i += 1
            } else if byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-")
            {
                isInteger = false
                i += 1
            } else {
                break
            }
        }
        if i == p.count { truncated = depth > 0 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        // Whole numbers stay exact: an id is a name, not a quantity (X's are 19 digits, past a Double's 53 bits).
        // The loop above let only digits (after a leading minus) into an integer.
        if isInteger, text != "-" { return Int64(text).map(JSONValue.int) ?? .bigInteger(text) }
        guard let value = Double(text) else {
            throw DecodeError.malformedJSON(reason: "invalid number \(text.prefix(20))", offset: start)
        }
        return .double(value)
    }

    private mutating func skipWhitespace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
    }

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// Reads a string starting at its opening quote. A string cut by the end of the document is truncation.
    private mutating func parseString() -> String {
        i += 1
        let start = i
        while i < p.count, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\") { i += 1 }
        if i < p.count, p[i] == UInt8(ascii: "\"") {
            i += 1
            return makeString(UnsafeBufferPointer(rebasing: p[start..<(i - 1)]))
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: p[start..<i]))
        while i < p.count {
            let byte = p[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return bytes.withUnsafeBufferPointer { makeString($0) }
            }
            if byte == UInt8(ascii: "\\"), i + 1 < p.count {
                appendEscape(into: &bytes)
            } else {
                bytes.append(byte)
                i += 1
            }
        }
        truncated = true
        return bytes.withUnsafeBufferPointer { makeString($0) }
    }

    private mutating func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        repairedStrings += 1
        return String(decoding: bytes, as: UTF8.self)
    }

    /// At a backslash: appends the escaped character's UTF-8 and moves past the escape.
    private mutating func appendEscape(into bytes: inout [UInt8]) {
        i = JSONEscape.decode(p, at: i, into: &bytes).next
    }
}

/// The one decoder of JSON string escapes (RFC 8259 §7), shared by every JSON reader in Vigía (feeds and
/// `vigia score` input). Total: whatever follows the backslash, it appends some UTF-8 and moves on, never traps.
/// - `\n \t \r \b \f` are their control characters, any other escaped byte is itself (`\" \\ \/`, and the
///   lenient reading of an unknown escape);
/// - `\uXXXX` is that scalar; a high surrogate followed by `\u` and a low one is the pair's scalar;
/// - an unpaired surrogate (`\uD800` alone, a low one first, a high one before anything but a low one), or a
///   `\u` without four hex digits, is U+FFFD, and only the `\u` and its digits are consumed.
enum JSONEscape {
    struct Step<Index> {
        /// The index just past the escape.
        var next: Index
        /// False when the escape was not well-formed JSON (unpaired surrogate, bad digits, cut short); the
        /// reader that must reject such input (a strict one) can, the others keep the U+FFFD.
        var wellFormed: Bool
    }

    /// Decodes the escape whose backslash is at `start` (a byte must follow it), appending to `out`.
    static func decode<Bytes: RandomAccessCollection>(_ bytes: Bytes, at start: Bytes.Index, into out: inout [UInt8])
        -> Step<Bytes.Index> where Bytes.Element == UInt8
    {
        var index = bytes.index(after: start)
        guard index < bytes.endIndex else { return Step(next: index, wellFormed: false) }
        let code = bytes[index]
        index = bytes.index(after: index)
        switch code {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
            let (scalar, next) = unicode(bytes, after: index)
            out.append(contentsOf: HTMLEntities.utf8(of: scalar ?? "\u{FFFD}"))
            return Step(next: next, wellFormed: scalar != nil)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
        default:
            out.append(code)
            return Step(next: index, wellFormed: false)
        }
        return Step(next: index, wellFormed: true)
    }

    /// After `\u`: the scalar of four hex digits, joined with a following `\u` low surrogate when they are a high
    /// one; nil (and only the digits read) when the digits are missing or the surrogate is unpaired.
    private static func unicode<Bytes: RandomAccessCollection>(_ bytes: Bytes, after start: Bytes.Index)
        -> (Unicode.Scalar?, Bytes.Index) where Bytes.Element == UInt8
    {
        guard let (unit, next) = hex4(bytes, at: start) else { return (nil, start) }
        switch unit {
        case 0xD800..<0xDC00:
            guard bytes.distance(from: next, to: bytes.endIndex) >= 2, bytes[next] == UInt8(ascii: "\\"),
                bytes[bytes.index(after: next)] == UInt8(ascii: "u"),
                let (low, end) = hex4(bytes, at: bytes.index(next, offsetBy: 2)), (0xDC00..<0xE000).contains(low)
            else { return (nil, next) }
            return (Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)), end)
        case 0xDC00..<0xE000:
            return (nil, next)
        default:
            return (Unicode.Scalar(unit), next)
        }
    }

    private static func hex4<Bytes: RandomAccessCollection>(_ bytes: Bytes, at start: Bytes.Index)
        -> (UInt32, Bytes.Index)? where Bytes.Element == UInt8
    {
        guard bytes.distance(from: start, to: bytes.endIndex) >= 4 else { return nil }
        var value: UInt32 = 0
        var index = start
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index = bytes.index(after: index)
        }
        return (value, index)
    }
}
