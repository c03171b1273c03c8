import Foundation

/// Builds the RFC 5322 / MIME bytes of a `MailMessage` and its SMTP envelope.
/// Every header value is sanitised (no CR/LF or other controls), non-ASCII text is RFC 2047-encoded,
/// long lines are folded. Dot-stuffing is left to curl, which does it while uploading.
struct MailRenderer {
    let sender: MailAddress
    let recipients: [MailAddress]
    let bytes: Data

    private static let reservedHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "sender", "return-path", "received",
    ]

    init(_ message: MailMessage) throws(TransportError) {
        sender = try MailAddress(parsing: message.from)
        var recipients: [MailAddress] = []
        for text in message.to { recipients.append(try MailAddress(parsing: text)) }
        guard !recipients.isEmpty else { throw .invalidMessage(reason: "no recipients") }
        self.recipients = recipients
        var head = "Date: \(Self.dateText(message.date))\r\n"
        head += "From: \(sender.headerValue)\r\n"
        head += "To: " + MailHeaderText.fold(recipients.map(\.headerValue).commaSeparated, firstLineUsed: 4) + "\r\n"
        head += MailHeaderText.line(name: "Subject", unstructured: message.subject)
        head += "Message-ID: <\(Self.messageID(message.messageID))>\r\n"
        for (name, value) in message.extraHeaders {
            head += try Self.extraLine(name: name, value: value)
        }
        let (encoding, body) = Self.encodedBody(message.body)
        head += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        head += "Content-Transfer-Encoding: \(encoding)\r\n"
        bytes = Data((head + "\r\n" + body + "\r\n").utf8)
    }

    /// RFC 5322 date in UTC, e.g. "Tue, 03 Mar 2026 09:05:00 +0000".
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// The id between the angle brackets: controls, spaces and brackets dropped; a domain added if missing.
    static func messageID(_ raw: String) -> String {
        let kept = raw.unicodeScalars.filter {
            $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">"
        }
        var id = String(String.UnicodeScalarView(kept))
        if id.isEmpty { id = "message" }
        return id.contains("@") ? id : id + "@vigia.invalid"
    }

    private static func extraLine(name: String, value: String) throws(TransportError) -> String {
        let validName =
            !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value >= 33 && $0.value <= 126 && $0 != ":" }
        guard validName else {
            throw .invalidMessage(reason: "invalid header name '\(MailHeaderText.sanitized(name))'")
        }
        guard !reservedHeaders.contains(name.lowercased()) else {
            throw .invalidMessage(reason: "header '\(name)' is set by the mailer and cannot be an extra header")
        }
        return MailHeaderText.line(name: name, unstructured: value)
    }

    /// 7bit when the body is ASCII with short lines (readable as is), else quoted-printable: safe through
    /// any relay, since curl does not negotiate 8BITMIME.
    private static func encodedBody(_ text: String) -> (encoding: String, body: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let plain = lines.allSatisfy { line in
            line.utf8.count <= 998
                && line.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 0x20 || $0 == "\t") && $0.value != 0x7F }
        }
        return plain
            ? ("7bit", lines.joined(separator: "\r\n")) : ("quoted-printable", QuotedPrintable.encode(lines: lines))
    }
}

extension Array where Element == String {
    /// Each element but the last followed by a comma, ready for folding as an address list.
    fileprivate var commaSeparated: [String] {
        enumerated().map { $0.offset < count - 1 ? $0.element + "," : $0.element }
    }
}
