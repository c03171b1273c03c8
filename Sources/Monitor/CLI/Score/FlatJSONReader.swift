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
            index += 1
            if byte == 0x22 { return out[...] }
            guard byte == 0x5C else { out.append(byte); continue }
            guard index < bytes.endIndex else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case 0x6E: out.append(0x0A)
            case 0x74: out.append(0x09)
            case 0x72: out.append(0x0D)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x75: try unicodeEscape(into: &out)
            default: out.append(escape)  // \" \\ \/
            }
        }
        throw fail("unterminated string")
    }

    /// After `\u`: a scalar, or a high surrogate joined with the low one escaped right after it. An unpaired
    /// surrogate becomes U+FFFD and the escape after it is read on its own ("\uD800\u0041" is "\u{FFFD}A"),
    /// as JSONParser reads them.
    private mutating func unicodeEscape(into out: inout [UInt8]) throws {
        let unit = try hex4()
        var scalar = Unicode.Scalar(unit)
        if (0xD800...0xDBFF).contains(unit), peek() == 0x5C, index + 1 < bytes.endIndex, bytes[index + 1] == 0x75 {
            let saved = index
            index += 2
            if let low = try? hex4(), (0xDC00...0xDFFF).contains(low) {
                scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            } else {
                index = saved
            }
        }
        out.append(contentsOf: String(Character(scalar ?? "\u{FFFD}")).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.endIndex else { throw fail("bad \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            guard let digit = Self.hexDigit(byte) else { throw fail("bad \\u escape") }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x37)
        case 0x61...0x66: UInt32(byte - 0x57)
        default: nil
        }
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

