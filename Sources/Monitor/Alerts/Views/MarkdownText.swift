/// Escaping for OPEN.md: post text is quoted so that no Markdown or HTML in it takes effect, whatever the viewer
/// (a Git forge, an editor preview, a plain terminal).
enum MarkdownText {
    /// Characters that are Markdown syntax anywhere in a line. With brackets escaped no link or image can start, so
    /// parentheses and "!" stay as they are (readable in a plain editor).
    private static let everywhere: Set<Character> = ["\\", "`", "*", "_", "[", "]", "|", "~"]
    /// Characters that are syntax only at the start of a line (headings, lists, setext underlines).
    private static let lineStart: Set<Character> = ["#", "+", "-", "=", ".", ">"]

    /// One line of inline text: newlines become spaces.
    static func inline(_ text: String) -> String {
        escapeLine(
            text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\r", with: " "))
    }

    /// A block quote: each line of the text behind "> ", escaped; empty lines kept as ">".
    static func quote(_ text: String) -> String {
        // "\r\n" is one Character in Swift, so splitting on newline characters handles CRLF, CR and LF alike.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return lines.map { line in
            let escaped = escapeLine(String(line))
            return escaped.isEmpty ? ">" : "> " + escaped
        }.joined(separator: "\n")
    }

    /// Text to copy exactly (a suggested reply): a fenced code block, longer than any run of backticks inside, so
    /// nothing in it is Markdown or HTML and nothing needs a backslash that would end up in the pasted reply.
    static func verbatim(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // Control characters go: an author name with an escape sequence must not drive the terminal of whoever
        // runs `cat OPEN.md`.
        let clean = String(
            String.UnicodeScalarView(
                lines.unicodeScalars.filter { scalar in
                    scalar == "\n" || scalar == "\t" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
                }))
        return fence + "text\n" + clean + "\n" + fence
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

    private static func escapeLine(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var atStart = true
        var digitsOnly = true
        // Over unicode scalars: this runs for every quoted post on every poll, and Character sets are slow.
        for scalar in line.unicodeScalars {
            // Leading spaces would make an indented code block inside the quote: the indent goes, the text stays.
            let isSpace = scalar == " " || scalar == "\t" || (scalar.value > 0x7F && scalar.properties.isWhitespace)
            if isSpace && atStart { continue }
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                let syntax =
                    everywhereScalars.contains(scalar)
                    || (atStart && lineStartScalars.contains(scalar))
                    || (digitsOnly && !atStart && (scalar == "." || scalar == ")"))
                if syntax { out.append("\\") }
                out.append(scalar)
            }
            digitsOnly = digitsOnly && ("0"..."9").contains(scalar)
            atStart = false
        }
        return String(out)
    }

    private static let everywhereScalars = Set(everywhere.flatMap(\.unicodeScalars))
    private static let lineStartScalars = Set(lineStart.flatMap(\.unicodeScalars))
}
