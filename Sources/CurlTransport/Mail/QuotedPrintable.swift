import Foundation

/// RFC 2045 quoted-printable for a text body whose lines end in CRLF: lines of at most 76 characters
/// (soft breaks "=" CRLF), '=' and non-ASCII bytes as =XX, trailing spaces and tabs encoded.
enum QuotedPrintable {
    private static let maxLine = 76
    private static let hex = Array("0123456789ABCDEF".utf8)

    static func encode(lines: [Substring]) -> String {
        lines.map(encode(line:)).joined(separator: "\r\n")
    }

    private static func encode(line: Substring) -> String {
        let bytes = Array(line.utf8)
        var output: [UInt8] = []
        var used = 0
        for (position, byte) in bytes.enumerated() {
            let isLast = position == bytes.count - 1
            let literal =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            let token = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            // Keep room for the soft-break "=" unless this token ends the line.
            let limit = isLast ? maxLine : maxLine - 1
            if used + token.count > limit {
                output += Array("=\r\n".utf8)
                used = 0
            }
            output += token
            used += token.count
        }
        return String(decoding: output, as: UTF8.self)
    }
}
