import Foundation

/// Safe header values: control characters removed, non-ASCII as RFC 2047 encoded-words, lines folded.
enum MailHeaderText {
    /// Header lines stay within this many characters (RFC 5322 recommends 78).
    static let lineLimit = 78
    /// UTF-8 bytes per encoded-word: base64 of 36 bytes is 48 characters, 60 with "=?UTF-8?B?" and "?=",
    /// so even the first line ("Subject: " + word) stays under 78.
    private static let bytesPerWord = 36

    /// Removes CR, LF, tabs and every other control character (C0, DEL, C1, line/paragraph separators),
    /// each becoming a space, then collapses runs of spaces. This is what stops "x\r\nBcc: evil@x".
    static func sanitized(_ value: String) -> String {
        let scalars = value.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: " "
            default: scalar
            }
        }
        let spaced = String(String.UnicodeScalarView(scalars))
        return spaced.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// A complete header line ("Name: value" + CRLF) for an unstructured value (Subject, X-...).
    static func line(name: String, unstructured value: String) -> String {
        let clean = sanitized(value)
        let words = clean.split(separator: " ").map(String.init)
        let prefix = name.count + 2
        let needsEncoding =
            !clean.unicodeScalars.allSatisfy(\.isASCII) || clean.contains("=?")
            || words.contains { $0.count + prefix > lineLimit }
        let pieces = needsEncoding ? encodedWords(clean) : words
        return "\(name): " + fold(pieces, firstLineUsed: prefix) + "\r\n"
    }

    /// `text` as RFC 2047 "B" encoded-words, each whole characters only, each at most 60 characters.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > bytesPerWord, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words
    }

    /// Joins pieces with single spaces, breaking lines (CRLF + space) before a piece that would pass the limit.
    static func fold(_ pieces: [String], firstLineUsed: Int) -> String {
        var output = ""
        var used = firstLineUsed
        for (position, piece) in pieces.enumerated() {
            if position > 0 {
                if used + 1 + piece.count > lineLimit {
                    output += "\r\n "
                    used = 1
                } else {
                    output += " "
                    used += 1
                }
            }
            output += piece
            used += piece.count
        }
        return output
    }
}
