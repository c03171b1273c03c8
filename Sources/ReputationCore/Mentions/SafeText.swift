/// Text that came from a post, an author or a feed, made safe to show. One sanitiser, shared by decoders, views,
/// notices, replies and the terminal:
///
/// - control characters (C0 but line breaks, DEL, C1 — ESC among them) are dropped: an author name holding an
///   escape sequence must not retitle, clear or recolour the terminal of whoever runs `vigia alerts` or reads a
///   cron mail;
/// - bidi embeddings, overrides and isolates (U+202A–E, U+2066–9, the marks U+200E/F and U+061C) and invisible
///   characters (U+200B, U+2060–4, U+FEFF, U+180E) are dropped: they make a text read differently from what it is.
///   Joiners (U+200C/D) stay: scripts and emoji sequences need them.
package enum SafeText {
    /// One line: line breaks and tabs become spaces, controls and invisible formatting go.
    package static func line(_ text: String) -> String { clean(text, lineBreak: " ", tab: " ") }

    /// Several lines: every line break becomes "\n" ("\r\n" one), tabs stay, other controls and invisible
    /// formatting go.
    package static func lines(_ text: String) -> String { clean(text, lineBreak: "\n", tab: "\t") }

    private static func clean(_ text: String, lineBreak: Unicode.Scalar, tab: Unicode.Scalar) -> String {
        guard needsWork(text) else { return text }
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n" && afterCR { continue }
            if isLineBreak(scalar) {
                out.append(lineBreak)
            } else if scalar == "\t" {
                out.append(tab)
            } else if !isDropped(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A URL as one token: controls and invisible formatting dropped, spaces percent-encoded, so a link can never
    /// add a line (or a fake header) to a mail or a chat message.
    package static func url(_ text: String) -> String {
        // Most links are printable ASCII with no space: nothing to drop or encode, the text is the answer. A
        // decode cleans every item's URL, and the scalar-by-scalar pass below cost a sixth of XML decoding.
        if isPrintableASCII(text), !text.hasPrefix("%20"), !text.hasSuffix("%20") { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isDropped(scalar) && !isLineBreak(scalar) {
            if scalar == " " || scalar == "\t" || scalar.properties.isWhitespace {
                out.append(contentsOf: "%20".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out).trimmingSpaces
    }

    /// Whether a scalar goes: a control other than a line break or tab, or invisible formatting.
    package static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x84, 0x86...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0x200B, 0x2060...0x2064, 0xFEFF, 0x180E: return true
        default: return false
        }
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Most text is plain: skip the copy when nothing would change. Read as UTF-8 bytes: only a C0 control, DEL
    /// or a multi-byte sequence whose lead can start a dropped or line-break scalar (C2: C1 controls and NEL;
    /// D8: U+061C; E1: U+180E; E2: U+200B–U+206F; EF: U+FEFF) sends the text to the scalar-by-scalar check.
    private static func needsWork(_ text: String) -> Bool {
        var text = text
        let suspect = text.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE1 || $0 == 0xE2 || $0 == 0xEF }
        }
        guard suspect else { return false }
        return text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || isDropped($0) || isLineBreak($0) }
    }

    /// Every byte is ASCII from "!" to "~": no control, space, line break or invisible character can be in it.
    private static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in !bytes.contains { $0 <= 0x20 || $0 >= 0x7F } }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.hasPrefix("%20") { slice = slice.dropFirst(3) }
        while slice.hasSuffix("%20") { slice = slice.dropLast(3) }
        return String(slice)
    }
}
