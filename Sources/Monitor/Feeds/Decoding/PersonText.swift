import ReputationCore

/// A person written as one string, the way RSS `<author>`, `<dc:creator>` and `<itunes:author>` write them:
/// `me@example.com (Example editor)`, `Example editor (me@example.com)`, `Example editor <me@example.com>`,
/// `mailto:me@example.com`, or just a name. The email is the word with an `@`, wherever it is; the rest, without
/// its brackets, is the name (feedparser's reading). Works on the UTF-8 bytes: it runs for every item.
enum PersonText {
    static func author(_ text: String) -> Author? {
        var text = text
        return text.withUTF8 { parse($0[...]) }
    }

    private static func parse(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Author? {
        let trimmed = trim(bytes)
        guard !trimmed.isEmpty else { return nil }
        guard let at = trimmed.firstIndex(of: UInt8(ascii: "@")) else { return Author(name: string(trimmed)) }
        let start = trimmed[..<at].lastIndex(where: isBoundary).map { $0 + 1 } ?? trimmed.startIndex
        let end = trimmed[at...].firstIndex(where: isBoundary) ?? trimmed.endIndex
        var email = trimmed[start..<end]
        if email.count > 7, email.prefix(7).map({ $0 | 0x20 }).elementsEqual("mailto:".utf8) {
            email = email.dropFirst(7)
        }
        // The name is what surrounds the address: before it, else after it.
        let before = trim(trimmed[..<start])
        let name = before.isEmpty ? trim(trimmed[end...]) : before
        return Author(name: name.isEmpty ? nil : string(name), handle: email.isEmpty ? nil : string(email))
    }

    private static func isBoundary(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ","),
            UInt8(ascii: ";"):
            return true
        default:
            return false
        }
    }

    private static func trim(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        guard let first = bytes.firstIndex(where: { !isBoundary($0) }),
            let last = bytes.lastIndex(where: { !isBoundary($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }

    private static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }
}
