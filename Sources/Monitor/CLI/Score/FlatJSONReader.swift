/// Reads the "id", "text", "lang" and "author" fields of one JSON object; other fields and nested values are skipped
/// without building strings for them.
struct FlatJSONReader {
    struct Fields {
        var id: Value?
        var text: Value?
        var lang: Value?
        var author: Value?
    }

    enum Value {
        /// A string's bytes, escapes resolved: a slice of the line when it had none.
        case string(ArraySlice<UInt8>), number(String), other
        var bytes: ArraySlice<UInt8>? { if case .string(let value) = self { value } else { nil } }
        var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
        var number: String? { if case .number(let value) = self { value } else { nil } }
    }

    let bytes: ArraySlice<UInt8>
    let line: Int
    var index: Int

    init(bytes: ArraySlice<UInt8>, line: Int) {
        self.bytes = bytes
        self.line = line
        index = bytes.startIndex
    }

    mutating func object() throws -> Fields {
        var fields = Fields()
        try expect(0x7B)
        skipSpace()
        if peek() == 0x7D { return fields }
        while true {
            skipSpace()
            let key = try string()[...]
            skipSpace()
            try expect(0x3A)
            skipSpace()
            if key.elementsEqual("text".utf8) {
                fields.text = try value()
            } else if key.elementsEqual("id".utf8) {
                fields.id = try value()
            } else if key.elementsEqual("lang".utf8) {
                fields.lang = try value()
            } else if key.elementsEqual("author".utf8) {
                fields.author = try value()
            } else {
                _ = try value()
            }
            skipSpace()
            if peek() == 0x2C { index += 1; continue }
            try expect(0x7D)
            return fields
        }
    }

    private mutating func value() throws -> Value {
        switch peek() {
        case 0x22: return .string(try string())
        case 0x7B, 0x5B: try skipNested(); return .other
        default:
            let start = index
            while index < bytes.endIndex, !"},] \t".utf8.contains(bytes[index]) { index += 1 }
            let token = String(decoding: bytes[start..<index], as: UTF8.self)
            if token.isEmpty { throw fail("expected a value") }
            if token == "true" || token == "false" || token == "null" { return .other }
            // JSON's grammar, not Double's: "nan", "inf" or "0x1p3" would be written back unquoted as an id.
            guard Self.isJSONNumber(token.utf8) else { throw fail("bad value '\(token.prefix(40))'") }
            return .number(token)
        }
    }

    private mutating func string() throws -> ArraySlice<UInt8> {
        try expect(0x22)
        // Fast path: no escape before the closing quote, so the bytes are the string.
        var end = index
        while end < bytes.endIndex && bytes[end] != 0x22 && bytes[end] != 0x5C { end += 1 }
        if end < bytes.endIndex && bytes[end] == 0x22 {
            defer { index = end + 1 }
            return bytes[index..<end]
        }
        var out: [UInt8] = []
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x22 {
                index += 1
                return out[...]
            }
            guard byte == 0x5C else {
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.endIndex else { break }
            // The one escape decoder of the JSON readers: total (an unpaired surrogate is U+FFFD, the escape after
            // it read on its own, "\uD800\u0041" is "\u{FFFD}A"); a score line keeps what it can read.
            index = JSONEscape.decode(bytes, at: index, into: &out).next
        }
        throw fail("unterminated string")
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (RFC 8259 §6).
    static func isJSONNumber(_ text: String.UTF8View) -> Bool {
        var bytes = text[...]
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, (0x30...0x39).contains(byte) { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        if bytes.first == 0x2D { bytes = bytes.dropFirst() }
        if bytes.first == 0x30 { bytes = bytes.dropFirst() } else if digits() == 0 { return false }
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == 0x65 || bytes.first == 0x45 {
            bytes = bytes.dropFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }

    private mutating func skipNested() throws {
        var depth = 0
        var inString = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if inString {
                if byte == 0x5C { index += 1 } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return }
            default: break
            }
        }
        throw fail("unterminated value")
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))' at byte \(index - bytes.startIndex + 1)")
        }
        index += 1
    }

    private func fail(_ reason: String) -> ScoreInputLine.ParseError { .malformed(line: line, reason: reason) }
}

