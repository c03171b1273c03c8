/// Skips one piece of HTML markup starting at `<`: a tag, comment, declaration or script/style element.
/// Inline tags vanish; block-ish tags become a space so "a</p><p>b" reads "a b".
enum HTMLTag {
    static func skip(_ p: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, into sink: inout TextSink) -> Int {
        let next = start + 1
        guard next < end else {
            sink.byte(p[start])
            return end
        }
        let lead = p[next]
        if lead == UInt8(ascii: "!") {
            if XMLScanner.hasPrefix(p, start, end, "<!--") {
                return (XMLScanner.find(p, "-->", from: start + 4, end: end).map { $0 + 3 }) ?? end
            }
            if XMLScanner.hasPrefix(p, start, end, "<![CDATA[") {
                return start + 9  // the CDATA body is text; its "]]>" is dropped below as stray markup
            }
            return tagEnd(p, from: next, end: end) ?? end
        }
        if lead == UInt8(ascii: "]"), XMLScanner.hasPrefix(p, start, end, "]]>") { return start + 3 }
        let isClosing = lead == UInt8(ascii: "/")
        let nameStart = isClosing ? next + 1 : next
        guard nameStart < end, isLetter(p[nameStart]) || lead == UInt8(ascii: "?") else {
            sink.byte(p[start])  // a lone "<" as in "a < b"
            return next
        }
        guard let after = tagEnd(p, from: nameStart, end: end) else {
            sink.byte(p[start])
            return next
        }
        let name = packedName(p, from: nameStart, end: after)
        if !isClosing, name == script || name == style {
            let closer: StaticString = name == script ? "</script" : "</style"
            let close = findCaseInsensitive(p, closer, from: after, end: end) ?? end
            return tagEnd(p, from: close + 1, end: end) ?? end
        }
        if !isInline(name) { sink.space() }
        return after
    }

    /// Index just past the `>` that closes a tag, honouring quoted attribute values; nil when the tag never ends.
    private static func tagEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        var i = start
        while i < end {
            i = ByteWords.firstOf(
                p, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), from: i, end: end)
            guard i < end else { return nil }
            let byte = p[i]
            // Ill-formed: a new tag begins before this one closed. Stopping there even inside quotes keeps a run
            // of `<a "` with no closing quote linear instead of quadratic.
            if byte == UInt8(ascii: "<") { return i }
            if byte == UInt8(ascii: ">") { return i + 1 }
            let close = ByteWords.firstOf(p, byte, UInt8(ascii: "<"), from: i + 1, end: end)
            guard close < end else { return nil }
            if p[close] == UInt8(ascii: "<") { return close }
            i = close + 1
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    /// The tag name, lowercased, packed into 8 bytes (longer names keep their first 8: good enough to classify).
    private static func packedName(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> UInt64 {
        var packed: UInt64 = 0
        var i = start
        while i < end, i - start < 8, HTMLEntities.isAlphanumeric(p[i]) {
            packed = packed << 8 | UInt64(p[i] | 0x20)
            i += 1
        }
        return packed
    }

    private static func pack(_ name: StaticString) -> UInt64 {
        var packed: UInt64 = 0
        name.withUTF8Buffer { for byte in $0 { packed = packed << 8 | UInt64(byte) } }
        return packed
    }

    private static let script = pack("script")
    private static let style = pack("style")
    /// Sorted, searched by halves: a tag is classified without hashing (a set lookup cost a fifth of skipping it).
    private static let inline: [UInt64] = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "strike", "del", "ins",
    ]
    .map { (name: String) -> UInt64 in name.utf8.reduce(0) { $0 << 8 | UInt64($1) } }.sorted()

    private static func isInline(_ name: UInt64) -> Bool {
        var low = 0
        var high = inline.count
        while low < high {
            let middle = (low + high) / 2
            if inline[middle] < name { low = middle + 1 } else { high = middle }
        }
        return low < inline.count && inline[low] == name
    }

    private static func findCaseInsensitive(
        _ p: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from start: Int, end: Int
    ) -> Int? {
        let count = needle.utf8CodeUnitCount
        var i = start
        while i + count <= end {
            var matched = true
            for k in 0..<count where p[i + k] | 0x20 != needle.utf8Start[k] | 0x20 {
                matched = false
                break
            }
            if matched { return i }
            i += 1
        }
        return nil
    }
}
