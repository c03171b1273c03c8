#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tolerant, byte-level XML tokenizer over UTF-8. It reports start and end tags only; text, comments, CDATA,
/// processing instructions and DOCTYPEs (with any internal subset) are skipped, so no entity is ever declared or
/// expanded. Ill-formed input never stops it: a `<` that cannot start a tag is text, and a tag cut by a new `<`
/// ends there.
struct XMLScanner {
    enum Token { case start, end, eof }

    let p: UnsafeBufferPointer<UInt8>
    let count: Int
    private(set) var position = 0
    /// The last tag: its name, attributes (start tags), where it begins and ends, and whether it is `<x/>`.
    private(set) var name: Range<Int> = 0..<0
    private(set) var attributes: Range<Int> = 0..<0
    private(set) var tagStart = 0
    private(set) var tagEnd = 0
    private(set) var selfClosing = false
    /// True when the document ended inside a tag, comment or CDATA section.
    private(set) var cutInsideMarkup = false

    init(_ p: UnsafeBufferPointer<UInt8>, from start: Int = 0) {
        self.p = p
        self.count = p.count
        self.position = start
    }

    mutating func next() -> Token {
        while true {
            guard let open = findByte(UInt8(ascii: "<"), from: position) else {
                position = count
                return .eof
            }
            guard open + 1 < count else {
                position = count
                return .eof
            }
            tagStart = open
            let lead = p[open + 1]
            if lead == UInt8(ascii: "/") { return endTag(at: open) }
            if lead == UInt8(ascii: "!") {
                if !skipDeclaration(at: open) { return .eof }
                continue
            }
            if lead == UInt8(ascii: "?") {
                guard let close = Self.find(p, "?>", from: open + 2, end: count) else { return cut() }
                position = close + 2
                continue
            }
            if Self.isNameStart(lead) { return startTag(at: open) }
            position = open + 1
        }
    }

    private mutating func cut() -> Token {
        cutInsideMarkup = true
        position = count
        return .eof
    }

    private mutating func markCut() -> Bool {
        cutInsideMarkup = true
        position = count
        return false
    }

    private mutating func startTag(at open: Int) -> Token {
        var i = open + 1
        while i < count, Self.isNameByte(p[i]) { i += 1 }
        name = (open + 1)..<i
        let attributesStart = i
        // The tag ends at `>`, or at a `<` (even inside a quoted value: a cut tag), skipping quoted values.
        while i < count {
            i = ByteWords.firstOf(
                p, UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "'"), from: i, end: count)
            guard i < count else { break }
            let quote = p[i]
            if quote == UInt8(ascii: ">") || quote == UInt8(ascii: "<") { break }
            i = ByteWords.firstOf(p, quote, UInt8(ascii: "<"), from: i + 1, end: count)
            guard i < count else { break }
            if p[i] == UInt8(ascii: "<") { break }
            i += 1
        }
        guard i < count else { return cut() }
        selfClosing = p[i] == UInt8(ascii: ">") && i > attributesStart && p[i - 1] == UInt8(ascii: "/")
        attributes = attributesStart..<(selfClosing ? i - 1 : i)
        tagEnd = p[i] == UInt8(ascii: ">") ? i + 1 : i
        position = tagEnd
        return .start
    }

    private mutating func endTag(at open: Int) -> Token {
        var i = open + 2
        while i < count, Self.isNameByte(p[i]) { i += 1 }
        name = (open + 2)..<i
        while i < count, p[i] != UInt8(ascii: ">"), p[i] != UInt8(ascii: "<") { i += 1 }
        guard i < count else { return cut() }
        tagEnd = p[i] == UInt8(ascii: ">") ? i + 1 : i
        position = tagEnd
        selfClosing = false
        return .end
    }

    /// Comments, CDATA sections and `<!DOCTYPE ... [ ... ]>`: skipped whole. False when the document ends inside.
    private mutating func skipDeclaration(at open: Int) -> Bool {
        if Self.hasPrefix(p, open, count, "<!--") {
            guard let close = Self.find(p, "-->", from: open + 4, end: count) else { return markCut() }
            position = close + 3
        } else if Self.hasPrefix(p, open, count, "<![CDATA[") {
            guard let close = Self.find(p, "]]>", from: open + 9, end: count) else { return markCut() }
            position = close + 3
        } else {
            var i = open + 2
            var bracketDepth = 0
            var quote: UInt8 = 0
            while i < count {
                let byte = p[i]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "[") {
                    bracketDepth += 1
                } else if byte == UInt8(ascii: "]") {
                    bracketDepth -= 1
                } else if byte == UInt8(ascii: ">"), bracketDepth <= 0 {
                    break
                }
                i += 1
            }
            guard i < count else { return markCut() }
            position = i + 1
        }
        return true
    }

    /// The value of attribute `wanted` (qualified name as written) in the last start tag, references decoded.
    func attribute(_ wanted: StaticString) -> String? {
        var found: Range<Int>?
        forEachAttribute { name, value in
            guard Self.equals(p, name, wanted) else { return false }
            found = value
            return true
        }
        return found.map { PlainText.fromXML(p, $0).text }
    }

    /// Every attribute of the last start tag, in order: its name and its raw value (between the quotes), until
    /// `body` returns true.
    @inline(__always)
    func forEachAttribute(_ body: (_ name: Range<Int>, _ value: Range<Int>) -> Bool) {
        var i = attributes.lowerBound
        let end = attributes.upperBound
        while i < end {
            while i < end, !Self.isNameStart(p[i]) { i += 1 }
            let nameStart = i
            while i < end, Self.isNameByte(p[i]) { i += 1 }
            let attributeName = nameStart..<i
            while i < end, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
            guard i < end, p[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < end, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
            guard i < end else { return }
            var valueEnd = i
            var valueStart = i
            if p[i] == UInt8(ascii: "\"") || p[i] == UInt8(ascii: "'") {
                valueStart = i + 1
                valueEnd = valueStart
                while valueEnd < end, p[valueEnd] != p[i] { valueEnd += 1 }
                i = min(valueEnd + 1, end)
            } else {
                while valueEnd < end, p[valueEnd] > 0x20 { valueEnd += 1 }
                i = valueEnd
            }
            if body(attributeName, valueStart..<valueEnd) { return }
        }
    }

    // MARK: byte helpers

    @inline(__always)
    private func findByte(_ byte: UInt8, from start: Int) -> Int? {
        guard start < count, let base = p.baseAddress else { return nil }
        guard let hit = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }

    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard at + length <= end else { return false }
        let base = prefix.utf8Start
        for k in 0..<length where p[at + k] != base[k] { return false }
        return true
    }

    static func find(_ p: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from start: Int, end: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let first = Int32(needle.utf8Start[0])
        var i = start
        while i < end {
            guard let hit = memchr(base + i, first, end - i) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if hasPrefix(p, at, end, needle) { return at }
            i = at + 1
        }
        return nil
    }

    static func equals(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount, let base = p.baseAddress else { return false }
        return memcmp(base + range.lowerBound, literal.utf8Start, range.count) == 0
    }

    static func equals(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count, let base = p.baseAddress else { return false }
        return memcmp(base + a.lowerBound, base + b.lowerBound, a.count) == 0
    }

    /// The part of a qualified name after its prefix (`content:encoded` → `encoded`).
    static func localName(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var i = range.upperBound
        while i > range.lowerBound, p[i - 1] != UInt8(ascii: ":") { i -= 1 }
        return i..<range.upperBound
    }
}
