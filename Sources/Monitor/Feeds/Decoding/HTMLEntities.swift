/// Named and numeric character references, as HTML and XML use them. Nothing here expands DTD-declared entities:
/// only the fixed HTML table and numeric references exist, so entity bombs and XXE have nothing to work with.
enum HTMLEntities {
    /// name (without `&` and `;`) → replacement text, built once from the packed table.
    static let table: [String: String] = {
        var table = [String: String](minimumCapacity: 2300)
        for entry in HTMLEntityTable.packed.split(separator: ";") {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            var value = ""
            for hex in entry[entry.index(after: equals)...].split(separator: " ") {
                if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    value.unicodeScalars.append(scalar)
                }
            }
            table[String(entry[..<equals])] = value
        }
        return table
    }()

    /// Windows-1252 meanings of 0x80...0x9F, which HTML applies to numeric references in that range too.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Decodes the reference starting at `start` (which holds `&`). `named` allows the HTML table; otherwise only
    /// XML's five predefined names. Returns the UTF-8 bytes and the index just past the reference.
    static func decode(
        _ p: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, named: Bool
    ) -> (bytes: [UInt8], next: Int)? {
        var i = start + 1
        guard i < end else { return nil }
        if p[i] == UInt8(ascii: "#") { return decodeNumeric(p, at: i + 1, end: end) }
        let nameStart = i
        while i < end, i - nameStart < 32, isAlphanumeric(p[i]) { i += 1 }
        guard i < end, p[i] == UInt8(ascii: ";"), i > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<i]), as: UTF8.self)
        if let predefined = predefined(name) { return ([predefined], i + 1) }
        guard named, let value = table[name] else { return nil }
        return (Array(value.utf8), i + 1)
    }

    private static func predefined(_ name: String) -> UInt8? {
        switch name {
        case "lt": return UInt8(ascii: "<")
        case "gt": return UInt8(ascii: ">")
        case "amp": return UInt8(ascii: "&")
        case "quot": return UInt8(ascii: "\"")
        case "apos": return UInt8(ascii: "'")
        default: return nil
        }
    }

    private static func decodeNumeric(_ p: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> ([UInt8], Int)? {
        var i = start
        var radix: UInt32 = 10
        if i < end, p[i] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            i += 1
        }
        let digitsStart = i
        var code: UInt32 = 0
        while i < end, i - digitsStart < 8, let digit = digitValue(p[i], radix: radix) {
            code = code * radix + digit
            i += 1
        }
        guard i > digitsStart else { return nil }
        if i < end, p[i] == UInt8(ascii: ";") { i += 1 }
        return (utf8(of: numericScalar(code)), i)
    }

    /// HTML's rules: NUL, surrogates and out-of-range become U+FFFD; 0x80...0x9F mean Windows-1252.
    private static func numericScalar(_ code: UInt32) -> Unicode.Scalar {
        if code >= 0x80, code <= 0x9F { return Unicode.Scalar(windows1252High[Int(code - 0x80)]) ?? "\u{FFFD}" }
        if code == 0 { return "\u{FFFD}" }
        return Unicode.Scalar(code) ?? "\u{FFFD}"
    }

    static func utf8(of scalar: Unicode.Scalar) -> [UInt8] {
        Array(UTF8.encode(scalar)!)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
    }
}
