import Foundation

/// One RFC 5322 message (or MIME part) as read from the support inbox: unfolded headers and the raw body, split
/// at the first empty line. Bounded: at most 500 headers, parts nested 5 deep.
struct MailDocument {
    var headers: [(name: String, value: String)]
    var body: Data

    init(_ raw: Data) {
        let bytes = [UInt8](raw)
        var end = bytes.count, bodyStart = bytes.count
        for index in bytes.indices where bytes[index] == 0x0A {
            let next = index + 1
            if next < bytes.count, bytes[next] == 0x0A { end = index; bodyStart = next + 1; break }
            if next + 1 < bytes.count, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { end = index; bodyStart = next + 2; break }
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        var headers: [(String, String)] = []
        for line in head.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if let colon = line.firstIndex(of: ":"), headers.count < 500 {
                headers.append((line[..<colon].trimmingCharacters(in: .whitespacesAndNewlines).lowercased(),
                                line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        self.headers = headers
        body = bodyStart < bytes.count ? Data(bytes[bodyStart...]) : Data()
    }

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// `text/plain; charset=utf-8` → ("text/plain", ["charset": "utf-8"]).
    var contentType: (type: String, parameters: [String: String]) {
        let value = header("content-type") ?? "text/plain"
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            parameters[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return ((parts.first ?? "text/plain").lowercased(), parameters)
    }

    /// The body with its Content-Transfer-Encoding (base64, quoted-printable) undone.
    var decodedBody: Data {
        switch (header("content-transfer-encoding") ?? "7bit").lowercased() {
        case "base64":
            let text = String(decoding: body, as: UTF8.self).filter { !$0.isWhitespace }
            return Data(base64Encoded: text, options: .ignoreUnknownCharacters) ?? Data()
        case "quoted-printable": return MailDocument.unquote(body, underscoreIsSpace: false)
        default: return body
        }
    }

    /// The parts of a multipart body (empty for any other).
    var parts: [MailDocument] {
        let type = contentType
        guard type.type.hasPrefix("multipart/"), let boundary = type.parameters["boundary"], !boundary.isEmpty else { return [] }
        let text = String(decoding: body, as: UTF8.self)
        let pieces = text.components(separatedBy: "--" + boundary)
        return pieces.dropFirst().prefix(100).compactMap { piece in
            guard !piece.hasPrefix("--") else { return nil }  // the closing delimiter
            // The line break after the delimiter ("\r\n" is one Character to Swift).
            let trimmed = piece.first.map { $0 == "\r\n" || $0 == "\n" } == true ? String(piece.dropFirst()) : piece
            return MailDocument(Data(trimmed.utf8))
        }
    }

    /// Quoted-printable (RFC 2045 §6.7), or the Q encoding of RFC 2047 when `underscoreIsSpace`.
    static func unquote(_ data: Data, underscoreIsSpace: Bool) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x37
            case 0x61...0x66: return byte - 0x57
            default: return nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), index + 2 < bytes.count || index + 1 < bytes.count {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 2; continue }  // soft break
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { index += 3; continue }
                if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            out.append(underscoreIsSpace && byte == UInt8(ascii: "_") ? 0x20 : byte)
            index += 1
        }
        return Data(out)
    }
}
