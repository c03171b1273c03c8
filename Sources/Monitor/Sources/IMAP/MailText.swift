import Foundation
import ReputationCore

/// What a support mail becomes: the sender (display name and address), the subject, the plain-text body
/// (text/plain preferred, text/html stripped otherwise), decoded from its charset and RFC 2047 words.
enum MailText {
    static func item(from raw: Data, uid: UInt64) -> FeedItem {
        let mail = MailDocument(raw)
        var notes = TextNotes()
        let subject = mail.header("subject").map { notes.take(PlainText.fromPlain(decodeWords($0))) }
        let sender: (name: String?, address: String?) = mail.header("from").map(decodeWords).map(address) ?? (nil, nil)
        let messageID = mail.header("message-id").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
        let body = text(of: mail, depth: 0)
        return FeedItem(
            id: messageID.flatMap { $0.isEmpty ? nil : "<\($0)>" }, title: JSONFeedDecoder.nonEmpty(subject),
            text: notes.take(body.html ? PlainText.fromHTML(body.text) : PlainText.fromPlain(body.text)),
            author: Author(name: sender.name, handle: sender.address),
            publishedAt: mail.header("date").flatMap(FeedDate.parse),
            reference: PostReference(id: messageID.map { "<\($0)>" }, uri: "imap-uid:\(uid)"))
    }

    /// The first text/plain part, else the first text/html one.
    private static func text(of mail: MailDocument, depth: Int) -> (text: String, html: Bool) {
        let type = mail.contentType
        if type.type.hasPrefix("multipart/"), depth < 5 {
            let found = mail.parts.map { text(of: $0, depth: depth + 1) }.filter { !$0.text.isEmpty }
            return found.first { !$0.html } ?? found.first ?? ("", false)
        }
        guard type.type == "text/plain" || type.type == "text/html" else { return ("", false) }
        let charset = type.parameters["charset"].map { "text/plain; charset=\($0)" }
        let bytes = (try? TextEncoding.utf8(mail.decodedBody, contentType: charset))?.bytes ?? []
        return (String(decoding: bytes, as: UTF8.self), type.type == "text/html")
    }

    /// `"María López" <maria@example.com>` → ("María López", "maria@example.com").
    static func address(_ text: String) -> (name: String?, address: String?) {
        guard let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") else {
            let bare = text.trimmingCharacters(in: .whitespaces)
            return (nil, bare.contains("@") ? bare : nil)
        }
        let name = text[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
        let address = String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        return (name.isEmpty ? nil : name, address.isEmpty ? nil : address)
    }

    /// RFC 2047 encoded words (`=?UTF-8?Q?Mar=C3=ADa?=`, `=?ISO-8859-1?B?...?=`); the space between two is dropped.
    static func decodeWords(_ text: String) -> String {
        var result = "", rest = text[...], lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = encodedWord(rest[start.lowerBound...]) else {
                result += before + "=?"
                rest = rest[start.upperBound...]
                lastWasWord = false
                continue
            }
            if !(lastWasWord && before.allSatisfy(\.isWhitespace)) { result += before }
            result += word.text
            rest = rest[word.end...]
            lastWasWord = true
        }
        return result + rest
    }

    private static func encodedWord(_ text: Substring) -> (text: String, end: Substring.Index)? {
        let inner = text.dropFirst(2)
        let fields = inner.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[3].hasPrefix("="), fields[0].count < 40 else { return nil }
        let charset = String(fields[0]), encoding = fields[1].lowercased(), payload = Data(fields[2].utf8)
        let data: Data?
        switch encoding {
        case "q": data = MailDocument.unquote(payload, underscoreIsSpace: true)
        case "b": data = Data(base64Encoded: String(fields[2]), options: .ignoreUnknownCharacters)
        default: data = nil
        }
        guard let data, let bytes = try? TextEncoding.utf8(data, contentType: "text/plain; charset=\(charset)").bytes else { return nil }
        return (String(decoding: bytes, as: UTF8.self), fields[3].index(after: fields[3].startIndex))
    }
}
