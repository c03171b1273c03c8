import Foundation

/// JSON's scalars as bytes, written the way Foundation's `JSONEncoder` writes them (`JSONLineEncoder`).
enum JSONText {
    static let null: [UInt8] = Array("null".utf8)

    static func bool(_ value: Bool, into out: inout [UInt8]) {
        out.append(contentsOf: value ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
    }

    /// Decimal digits, without going through a `String`.
    static func integer<T: BinaryInteger>(_ value: T, into out: inout [UInt8]) {
        if value == 0 {
            out.append(0x30)
            return
        }
        if value < 0 { out.append(0x2D) }
        var digits: [UInt8] = []
        var rest = value.magnitude
        while rest > 0 {
            digits.append(0x30 + UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        }
        out.append(contentsOf: digits.reversed())
    }

    /// Swift's shortest round-trip spelling, without a trailing ".0" (`1`, `0.5`, `1e-07`, `1e+21`); JSON has no
    /// infinity or NaN, so those are an error naming where they were.
    static func float<T: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: T, into out: inout [UInt8], path: [any CodingKey]
    ) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: path, debugDescription: "\(value) is not a JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// A quoted string: `"` and `\` escaped, the controls below 0x20 as `\b \t \n \f \r` or `\u00xx` (lowercase
    /// hex); everything else, `/` and DEL included, as its UTF-8 bytes.
    static func string(_ value: String, into out: inout [UInt8]) {
        out.append(0x22)
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                escape(byte, into: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(0x22)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x08: out.append(contentsOf: [0x5C, 0x62])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0C: out.append(contentsOf: [0x5C, 0x66])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }
}
