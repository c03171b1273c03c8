import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns feed markup into plain text: XML layer (CDATA, the five predefined entities, numeric references), then
/// the HTML layer (tags, comments, script/style stripped; every HTML entity decoded; whitespace normalised).
/// Escaped HTML inside RSS descriptions passes both layers, so it ends up stripped too.
enum PlainText {
    /// Longest text field kept, in UTF-8 bytes; longer ones are cut and reported.
    static let maxFieldBytes = 64 * 1024

    struct Result {
        var text: String
        var truncated: Bool
        var repaired: Bool
    }

    /// Raw XML element content (between the start and end tags) to plain text.
    static func fromXML(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result {
        if !needsXMLLayer(p, range) { return fromHTML(p, range) }
        if let inner = loneCDATA(p, range) { return fromHTML(p, inner) }
        let unwrapped = xmlLayer(p, range)
        return unwrapped.withUnsafeBufferPointer { fromHTML($0, 0..<$0.count) }
    }

    /// Element content declared as plain text (Atom `type="text"`): only the XML layer, so an escaped `&lt;b&gt;`
    /// is the text "<b>", not a tag to strip.
    static func fromXMLText(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result {
        if !needsXMLLayer(p, range) { return plain(UnsafeBufferPointer(rebasing: p[range])) }
        return xmlLayer(p, range).withUnsafeBufferPointer { plain($0) }
    }

    /// Element content that is itself markup (Atom `type="xhtml"`, `<xhtml:body>`): one HTML layer over the raw
    /// bytes, so escaped markup inside it (`&lt;blink&gt;`) is decoded once, to text, and kept.
    static func fromInlineMarkup(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result {
        // A CDATA section inside is unusual there; the XML layer unwraps it (the HTML one would drop it).
        if XMLScanner.find(p, "<![CDATA[", from: range.lowerBound, end: range.upperBound) != nil {
            return fromXML(p, range)
        }
        return fromHTML(p, range)
    }

    /// Element content in base64 (Atom 0.3 `mode="base64"`, Atom 1.0 content of a non-text type): the decoded
    /// bytes as HTML; nil when they are not base64 of UTF-8 text.
    static func fromBase64(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result? {
        let encoded = xmlLayer(p, range).filter { $0 > 0x20 }
        guard let data = Data(base64Encoded: Data(encoded)), let html = String(data: data, encoding: .utf8) else {
            return nil
        }
        return fromHTML(html)
    }

    /// An HTML fragment (JSON `content_html`, Mastodon `content`, HN `comment_text`) to plain text.
    static func fromHTML(_ html: String) -> Result {
        var html = html
        return html.withUTF8 { fromHTML($0, 0..<$0.count) }
    }

    /// Text that is already plain (Bluesky `record.text`, JSON Feed `content_text`): only whitespace and controls.
    static func fromPlain(_ text: String) -> Result {
        var text = text
        return text.withUTF8 { plain($0) }
    }

    private static func plain(_ p: UnsafeBufferPointer<UInt8>) -> Result {
        var sink = TextSink(cap: maxFieldBytes, reserve: p.count)
        for byte in p {
            sink.byte(byte)
            if sink.isFull { break }
        }
        let (out, repaired) = sink.finish()
        return Result(text: out, truncated: sink.truncated, repaired: repaired)
    }

    static func fromHTML(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result {
        var sink = TextSink(cap: maxFieldBytes, reserve: range.count)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end, !sink.isFull {
            let byte = p[i]
            if byte == UInt8(ascii: "<") {
                i = HTMLTag.skip(p, at: i, end: end, into: &sink)
            } else if byte == UInt8(ascii: "&") {
                if let (bytes, next) = HTMLEntities.decode(p, at: i, end: end, named: true) {
                    sink.append(bytes)
                    i = next
                } else {
                    sink.byte(byte)
                    i += 1
                }
            } else if isPlain(byte) {
                // A run takes in the single spaces between words ("a b" is already normal): one append per
                // stretch of prose instead of one per word.
                var runEnd = plainWords(p, from: i + 1, end: end)
                while runEnd < end {
                    let next = p[runEnd]
                    if isPlain(next) {
                        runEnd += 1
                    } else if next == 0x20, runEnd + 1 < end, isPlain(p[runEnd + 1]) {
                        runEnd += 2
                    } else {
                        break
                    }
                }
                sink.append(run: UnsafeBufferPointer(rebasing: p[i..<runEnd]))
                i = runEnd
            } else if byte == 0xC2, i + 1 < end, p[i + 1] == 0xA0 || (p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
                if p[i + 1] == 0xA0 { sink.space() }  // NBSP is a space; C1 controls are dropped
                i += 2
            } else if byte == 0xE2, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 {
                sink.space()  // LINE and PARAGRAPH SEPARATOR
                i += 3
            } else {
                sink.byte(byte)
                i += 1
            }
        }
        let (text, repaired) = sink.finish()
        return Result(text: text, truncated: sink.truncated, repaired: repaired)
    }

    /// Where a run of plain bytes (`isPlain`, with single spaces between them) stops being certain, read eight
    /// bytes at a time: a word goes in whole when it holds no byte that `isPlain` refuses but spaces, no two spaces
    /// side by side, and does not end in a space (so each space lies between plain bytes; the byte before `start`
    /// is plain). The byte loop after it decides the rest exactly; words are only read inside `start..<end`.
    @inline(__always)
    private static func plainWords(_ p: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        guard let base = p.baseAddress, end <= p.count else { return start }
        var i = start
        while i + 8 <= end {
            let word = ByteWords.word(base, i)
            let refused =
                ByteWords.anyBelow(word, 0x20) | ByteWords.matches(word, UInt8(ascii: "&"))
                | ByteWords.matches(word, UInt8(ascii: "<")) | ByteWords.matches(word, 0x7F)
                | ByteWords.matches(word, 0xC2) | ByteWords.matches(word, 0xE2)
            let spaces = ByteWords.matches(word, 0x20)
            guard refused == 0, spaces & (spaces >> 8) == 0, spaces >> 63 == 0 else { break }
            i += 8
        }
        return i
    }

    /// Bytes that pass through unchanged: not markup, whitespace, a control, or the lead of a C1/NBSP/LS/PS.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != 0x7F && byte != 0xC2
            && byte != 0xE2
    }

    /// Only CDATA sections and references need the XML layer; most titles and many bodies have neither.
    private static func needsXMLLayer(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = p.baseAddress, !range.isEmpty else { return false }
        if memchr(base + range.lowerBound, Int32(UInt8(ascii: "&")), range.count) != nil { return true }
        return XMLScanner.find(p, "<![CDATA[", from: range.lowerBound, end: range.upperBound) != nil
    }

    /// The inside of a field that is one CDATA section and nothing else but whitespace (`<![CDATA[<p>…</p>]]>`, how
    /// most RSS descriptions are written): the XML layer would copy it unchanged, so the HTML layer reads it in place.
    private static func loneCDATA(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, p[start] <= 0x20 { start += 1 }
        while end > start, p[end - 1] <= 0x20 { end -= 1 }
        guard XMLScanner.hasPrefix(p, start, end, "<![CDATA["), end - start >= 12,
            let close = XMLScanner.find(p, "]]>", from: start + 9, end: end), close == end - 3
        else { return nil }
        return (start + 9)..<close
    }

    /// Unwraps CDATA and decodes XML's own references, leaving any markup for the HTML layer.
    static func xmlLayer(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(range.count, maxFieldBytes * 4))
        var i = range.lowerBound
        let end = range.upperBound
        let limit = maxFieldBytes * 8  // enough raw input for a full field even with heavy markup
        while i < end, out.count < limit {
            let byte = p[i]
            if byte == UInt8(ascii: "<"), XMLScanner.hasPrefix(p, i, end, "<![CDATA[") {
                let contentStart = i + 9
                let close = XMLScanner.find(p, "]]>", from: contentStart, end: end) ?? end
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[contentStart..<close]))
                i = min(close + 3, end)
            } else if byte == UInt8(ascii: "&"),
                let (bytes, next) = HTMLEntities.decode(p, at: i, end: end, named: false)
            {
                for k in 0..<bytes.count { out.append(bytes[k]) }
                i = next
            } else {
                let runEnd = ByteWords.firstOf(p, UInt8(ascii: "<"), UInt8(ascii: "&"), from: i + 1, end: end)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<runEnd]))
                i = runEnd
            }
        }
        return out
    }
}
