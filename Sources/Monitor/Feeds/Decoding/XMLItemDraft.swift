import Foundation
import ReputationCore

/// Where an item's fields sit in the document (raw byte ranges), turned into text only when the item closes:
/// a feed with both `content:encoded` and `description` pays for one of them.
struct XMLItemDraft {
    enum Field { case title, mediaTitle, link, description, summary, content, mediaDescription, id, date, updated }
    var ranges: [Field: Range<Int>] = [:]
    var linkHref: String?
    /// The item's own `xml:base`, if any.
    var base: String?
    var linkIsAlternate = false
    var author: Range<Int>?
    var creator: Range<Int>?

    mutating func record(_ field: Field, _ range: Range<Int>) {
        if ranges[field] == nil { ranges[field] = range }
    }

    /// A link given as an attribute (Atom): the first `alternate` (or rel-less) one wins.
    mutating func offerHref(_ href: String, rel: String?) {
        guard !linkIsAlternate, rel == nil || rel == "alternate" else { return }
        linkHref = href
        linkIsAlternate = true
    }

    func build(
        _ p: UnsafeBufferPointer<UInt8>, feedAuthor: ReputationCore.Author?, base documentBase: String?,
        notes: inout TextNotes
    ) -> FeedItem {
        func text(_ field: Field) -> String? {
            guard let range = ranges[field] else { return nil }
            let value = notes.take(PlainText.fromXML(p, range))
            return value.isEmpty ? nil : value
        }
        let title = text(.title) ?? text(.mediaTitle)
        let body = text(.content) ?? text(.description) ?? text(.summary) ?? text(.mediaDescription) ?? ""
        let link = (linkHref.flatMap { $0.isEmpty ? nil : $0 } ?? text(.link)).map {
            Self.resolve($0, against: base ?? documentBase)
        }
        let guid = text(.id)
        let date = (text(.date) ?? text(.updated)).flatMap(FeedDate.parse)
        let url = link ?? guid.flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil }
        return FeedItem(
            id: guid ?? link, title: title, text: body, url: url,
            author: buildAuthor(p, notes: &notes) ?? feedAuthor
                ?? ReputationCore.Author(), publishedAt: date)
    }

    /// A relative link made absolute against the item's or document's base; absolute links pass unchanged.
    static func resolve(_ link: String, against base: String?) -> String {
        guard let base, !link.contains("://"), !link.hasPrefix("urn:"), !link.hasPrefix("mailto:"),
            let baseURL = URL(string: base), baseURL.scheme != nil,
            let resolved = URL(string: link, relativeTo: baseURL)
        else { return link }
        return resolved.absoluteString
    }

    private func buildAuthor(_ p: UnsafeBufferPointer<UInt8>, notes: inout TextNotes) -> ReputationCore.Author? {
        if let range = author, let author = Self.author(p, range, notes: &notes) { return author }
        guard let range = creator else { return nil }
        let name = notes.take(PlainText.fromXML(p, range))
        return name.isEmpty ? nil : ReputationCore.Author(name: name)
    }

    /// Atom `<author><name>..</name><email>..</email></author>`, or RSS `email (Full Name)` text.
    static func author(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, notes: inout TextNotes)
        -> ReputationCore.Author?
    {
        var scanner = XMLScanner(p, from: range.lowerBound)
        var open: (field: StaticString, start: Int)?
        var name: String?
        var email: String?
        var sawElement = false
        while scanner.position < range.upperBound {
            let token = scanner.next()
            guard token != .eof, scanner.tagStart < range.upperBound else { break }
            sawElement = true
            let local = XMLScanner.localName(p, scanner.name)
            if token == .start {
                if XMLScanner.equals(p, local, "name") { open = ("name", scanner.tagEnd) }
                if XMLScanner.equals(p, local, "email") { open = ("email", scanner.tagEnd) }
            } else if let current = open, XMLScanner.equals(p, local, current.field) {
                let value = notes.take(PlainText.fromXML(p, current.start..<scanner.tagStart))
                if XMLScanner.equals(p, local, "name") { name = value } else { email = value }
                open = nil
            }
        }
        if sawElement {
            guard name?.isEmpty == false || email?.isEmpty == false else { return nil }
            return ReputationCore.Author(name: name.flatMap { $0.isEmpty ? nil : $0 }, handle: email)
        }
        return rssAuthor(notes.take(PlainText.fromXML(p, range)))
    }

    private static func rssAuthor(_ text: String) -> ReputationCore.Author? {
        guard !text.isEmpty else { return nil }
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let name = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            let email = text[..<open].trimmingCharacters(in: .whitespaces)
            return ReputationCore.Author(name: name.isEmpty ? nil : name, handle: email.isEmpty ? nil : email)
        }
        return ReputationCore.Author(name: text)
    }
}
