import Foundation

/// Minimal decoders used to check what arrived: RFC 2047 "B" words in a folded Subject, quoted-printable bodies.
enum MailDecoding {
    static func unfoldedSubject(_ headers: [String]) -> String? {
        guard let start = headers.firstIndex(where: { $0.hasPrefix("Subject: ") }) else { return nil }
        var words = [String(headers[start].dropFirst("Subject: ".count))]
        for line in headers[(start + 1)...] {
            guard line.hasPrefix(" ") else { break }
            words.append(String(line.dropFirst()))
        }
        let tokens = words.joined(separator: " ").split(separator: " ")
        let decoded = tokens.map { token -> String in
            guard token.hasPrefix("=?UTF-8?B?"), token.hasSuffix("?="),
                let data = Data(base64Encoded: String(token.dropFirst(10).dropLast(2)))
            else { return String(token) }
            return String(decoding: data, as: UTF8.self)
        }
        return tokens.allSatisfy { $0.hasPrefix("=?") } ? decoded.joined() : decoded.joined(separator: " ")
    }

    static func quotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
                let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
