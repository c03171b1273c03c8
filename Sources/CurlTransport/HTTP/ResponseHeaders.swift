import Foundation

/// Collects response header lines as curl delivers them. A status line starts a new response
/// (after a redirect or a 100 Continue), so only the final response's headers remain.
struct ResponseHeaders {
    private(set) var fields: [String: String] = [:]
    private var lastName: String?

    /// Takes one header line as curl hands it over (with its CR LF). Works on bytes: this runs for every header of
    /// every response, and Foundation's trimming went through NSString each time.
    mutating func receive(line bytes: UnsafeRawBufferPointer) {
        let line = Self.trim(bytes[...], isSpace: Self.isSpaceOrNewline)
        if bytes.starts(with: "HTTP/".utf8) {
            fields = [:]
            lastName = nil
        } else if let first = bytes.first, first == 0x20 || first == 0x09, let name = lastName {
            fields[name, default: ""] += " " + Self.latin1(line)  // obsolete line folding
        } else if let colon = line.firstIndex(of: 0x3A) {
            let name = Self.latin1(Self.trim(line[..<colon], isSpace: Self.isSpace)).lowercased()
            fields[name] = Self.latin1(Self.trim(line[(colon + 1)...], isSpace: Self.isSpace))
            lastName = name
        }
    }

    /// Header bytes are not guaranteed UTF-8; ISO-8859-1 maps every byte and keeps ASCII exact.
    private static func latin1(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    private static func trim(_ bytes: Slice<UnsafeRawBufferPointer>, isSpace: (UInt8) -> Bool)
        -> Slice<UnsafeRawBufferPointer>
    {
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) { slice = slice.dropLast() }
        return slice
    }

    /// Foundation's `.whitespaces` over ISO-8859-1: space, tab, no-break space.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0xA0 }

    /// `.whitespacesAndNewlines`: those, plus LF, VT, FF, CR and NEL.
    private static func isSpaceOrNewline(_ byte: UInt8) -> Bool {
        isSpace(byte) || (0x0A...0x0D).contains(byte) || byte == 0x85
    }
}
