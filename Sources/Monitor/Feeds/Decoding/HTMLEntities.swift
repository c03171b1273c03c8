/// Named and numeric character references, as HTML and XML use them. Nothing here expands DTD-declared entities:
/// only the fixed HTML table and numeric references exist, so entity bombs and XXE have nothing to work with.
enum HTMLEntities {
    /// What a reference stands for: at most 8 UTF-8 bytes (the longest HTML replacement is two 4-byte scalars),
    /// packed low byte first, so decoding one allocates nothing.
    struct Replacement: Equatable {
        var packed: UInt64
        var count: Int

        init(_ scalar: Unicode.Scalar) {
            packed = 0
            count = 0
            append(scalar)
        }

        init(ascii byte: UInt8) {
            packed = UInt64(byte)
            count = 1
        }

        init?<S: Sequence>(scalars: S) where S.Element == Unicode.Scalar {
            packed = 0
            count = 0
            for scalar in scalars {
                guard count + scalar.utf8.count <= 8 else { return nil }
                append(scalar)
            }
        }

        private mutating func append(_ scalar: Unicode.Scalar) {
            for byte in UTF8.encode(scalar)! {
                packed |= UInt64(byte) << (8 * UInt64(count))
                count += 1
            }
        }

        @inline(__always)
        subscript(_ k: Int) -> UInt8 { UInt8(truncatingIfNeeded: packed >> (8 * UInt64(k))) }

        /// U+00A0, which plain text reads as a space.
        var isNoBreakSpace: Bool { count == 2 && packed == 0xA0C2 }
    }

    /// name (without `&` and `;`) → replacement, built once from the packed table.
    static let table: [String: Replacement] = {
        var table = [String: Replacement](minimumCapacity: 2300)
        for entry in HTMLEntityTable.packed.split(separator: ";") {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            let scalars = entry[entry.index(after: equals)...].split(separator: " ").compactMap {
                UInt32($0, radix: 16).flatMap(Unicode.Scalar.init)
            }
            guard let replacement = Replacement(scalars: scalars) else { continue }
            table[String(entry[..<equals])] = replacement
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
    /// XML's five predefined names. Returns what it stands for and the index just past the reference.
    static func decode(
        _ p: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, named: Bool
    ) -> (bytes: Replacement, next: Int)? {
        var i = start + 1
        guard i < end else { return nil }
        if p[i] == UInt8(ascii: "#") { return decodeNumeric(p, at: i + 1, end: end) }
        let nameStart = i
        while i < end, i - nameStart < 32, isAlphanumeric(p[i]) { i += 1 }
        guard i < end, p[i] == UInt8(ascii: ";"), i > nameStart else { return nil }
        if let predefined = predefined(p, nameStart..<i) { return (Replacement(ascii: predefined), i + 1) }
        guard named else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<i]), as: UTF8.self)
        guard let value = table[name] else { return nil }
        return (value, i + 1)
    }

    /// XML's five names, told on the bytes (most references in feeds are these: no String, no hashing).
    private static func predefined(_ p: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> UInt8? {
        if XMLScanner.equals(p, name, "lt") { return UInt8(ascii: "<") }
        if XMLScanner.equals(p, name, "gt") { return UInt8(ascii: ">") }
        if XMLScanner.equals(p, name, "amp") { return UInt8(ascii: "&") }
        if XMLScanner.equals(p, name, "quot") { return UInt8(ascii: "\"") }
        if XMLScanner.equals(p, name, "apos") { return UInt8(ascii: "'") }
        return nil
    }

    private static func decodeNumeric(_ p: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> (Replacement, Int)? {
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
        return (Replacement(numericScalar(code)), i)
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
