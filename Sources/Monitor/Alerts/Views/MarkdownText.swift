import ReputationCore

/// Escaping for OPEN.md: post text is quoted so that no Markdown or HTML in it takes effect, whatever the viewer
/// (a Git forge, an editor preview, a plain terminal).
enum MarkdownText {
    /// One line of inline text: newlines become spaces ("\r\n" one space).
    static func inline(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        escapeLine(text.unicodeScalars[...], newlinesAsSpaces: true, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A block quote: each line of the text behind "> ", escaped; empty lines kept as ">".
    static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = text.unicodeScalars
        var lineStart = scalars.startIndex
        var index = lineStart
        // The lines Swift's `split(whereSeparator: \.isNewline)` gives: LF, CR, CRLF (one break), VT, FF, NEL,
        // LS and PS each end a line; a newline is always a grapheme of its own, so scalars tell the same.
        while true {
            let atEnd = index == scalars.endIndex
            if atEnd || isNewline(scalars[index]) {
                appendQuoted(scalars[lineStart..<index], to: &out)
                if atEnd { break }
                let isCR = scalars[index] == "\r"
                index = scalars.index(after: index)
                if isCR && index != scalars.endIndex && scalars[index] == "\n" { index = scalars.index(after: index) }
                out.append(0x0A)
                lineStart = index
                continue
            }
            index = scalars.index(after: index)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendQuoted(_ line: Substring.UnicodeScalarView, to out: inout [UInt8]) {
        out.append(0x3E)  // >
        let mark = out.count
        out.append(0x20)
        escapeLine(line, newlinesAsSpaces: false, into: &out)
        if out.count == mark + 1 { out.removeLast() }  // an empty line stays ">"
    }

    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Text to copy exactly (a suggested reply): a fenced code block, longer than any run of backticks inside, so
    /// nothing in it is Markdown or HTML and nothing needs a backslash that would end up in the pasted reply.
    static func verbatim(_ text: String) -> String {
        var body: [UInt8] = []
        body.reserveCapacity(text.utf8.count)
        var longest = 0
        var run = 0
        var afterCR = false
        for scalar in text.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
            let value = scalar.value
            // Line ends become "\n" ("\r\n" one). Control characters go: an author name with an escape sequence
            // must not drive the terminal of whoever runs `cat OPEN.md`.
            if value == 0x0A && afterCR {
                afterCR = false
                continue
            }
            afterCR = value == 0x0D
            if value == 0x0A || value == 0x0D {
                body.append(0x0A)
            } else if value == 0x09 || !(value < 0x20 || (0x7F...0x9F).contains(value) || SafeText.isDropped(scalar)) {
                appendUTF8(scalar, to: &body)
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "text\n" + String(decoding: body, as: UTF8.self) + "\n" + fence
    }

    /// A link to a post, only for plain http(s) URLs, with characters that would end the link percent-encoded.
    static func link(_ label: String, _ url: String?) -> String? {
        guard let safe = HTMLText.safeURL(url) else { return nil }
        var encoded = ""
        for scalar in safe.unicodeScalars {
            switch scalar {
            // Link destinations are not parsed for emphasis: only what could end the link or the line is encoded.
            case "(", ")", "<", ">", "\"", "'", "`", " ", "[", "]", "\\":
                encoded += String(format: "%%%02X", scalar.value)
            default: encoded.unicodeScalars.append(scalar)
            }
        }
        return "[\(inline(label))](\(encoded))"
    }

    /// Escapes one line into `out` as UTF-8, in one pass over its scalars (this runs for every quoted post on
    /// every poll): Markdown syntax gets a backslash, `&`, `<`, `>` become entities, control characters go, leading
    /// spaces go (they would make an indented code block inside the quote).
    private static func escapeLine(_ line: Substring.UnicodeScalarView, newlinesAsSpaces: Bool,
                                   into out: inout [UInt8]) {
        var atStart = true
        var digitsOnly = true
        var afterCR = false
        for var scalar in line {
            if newlinesAsSpaces {
                // "\r\n" is one space, as are a lone "\r" and "\n".
                if scalar == "\n" && afterCR {
                    afterCR = false
                    continue
                }
                afterCR = scalar == "\r"
                if scalar == "\n" || scalar == "\r" { scalar = " " }
            }
            let value = scalar.value
            let isSpace = value == 0x20 || value == 0x09 || (value > 0x7F && scalar.properties.isWhitespace)
            if isSpace && atStart { continue }
            switch value {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            default:
                if value < 0x20 || (0x7F...0x9F).contains(value) || SafeText.isDropped(scalar) { continue }
                if isSyntaxEverywhere(value) || (atStart && isSyntaxAtLineStart(value))
                    || (digitsOnly && !atStart && (value == 0x2E || value == 0x29)) {
                    out.append(0x5C)
                }
                appendUTF8(scalar, to: &out)
            }
            digitsOnly = digitsOnly && value >= 0x30 && value <= 0x39
            atStart = false
        }
    }

    /// \ ` * _ [ ] | ~: Markdown syntax anywhere in a line. With brackets escaped no link or image can start, so
    /// parentheses and "!" stay as they are (readable in a plain editor).
    @inline(__always)
    private static func isSyntaxEverywhere(_ value: UInt32) -> Bool {
        switch value {
        case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x7C, 0x7E: return true
        default: return false
        }
    }

    /// # + - = . >: syntax only at the start of a line (headings, lists, setext underlines).
    @inline(__always)
    private static func isSyntaxAtLineStart(_ value: UInt32) -> Bool {
        switch value {
        case 0x23, 0x2B, 0x2D, 0x3D, 0x2E, 0x3E: return true
        default: return false
        }
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            out.append(UInt8(value))
        } else {
            UTF8.encode(scalar) { out.append($0) }
        }
    }
}
