import Foundation
import ReputationCore

/// Where an item's fields sit in the document (raw byte ranges), turned into text only when the item closes:
/// a feed with both `content:encoded` and `description` pays for one of them.
struct XMLItemDraft {
    enum Field: Int {
        case title, mediaTitle, link, description, summary, content, mediaDescription, id, date, created, updated
    }
    /// How a field's content is written: escaped HTML (RSS, Atom `type="html"`; the default), plain text (Atom
    /// `type="text"`), inline markup (Atom `type="xhtml"`, `<xhtml:body>`) or base64 (`mode="base64"`).
    enum Markup { case escaped, text, inline, base64 }
    /// Where a field sits and how it is written.
    struct Slot {
        var range: Range<Int>?
        var markup = Markup.escaped
    }
    /// One slot per `Field`, by its raw value: a fixed row in the draft itself, where a dictionary cost a hash per
    /// lookup and an allocation per item.
    private var slots = InlineArray<11, Slot>(repeating: Slot())
    /// RSS 1.0 `rdf:about`: the item's URI, its id when it has no guid.
    var about: String?
    /// A date given as an attribute (CDF `LASTMOD`).
    var attributeDate: String?
    var linkHref: String?
    /// The item's own `xml:base`, if any.
    var base: String?
    var linkIsAlternate = false
    var author: Range<Int>?
    var creator: Range<Int>?

    /// The first element of a kind wins, except dates: a repeated date element corrects the one before it.
    mutating func record(_ field: Field, _ range: Range<Int>, markup: Markup) {
        guard slots[field.rawValue].range == nil || field == .date || field == .created || field == .updated else {
            return
        }
        slots[field.rawValue] = Slot(range: range, markup: markup)
    }

    /// A link given as an attribute (Atom): the first `alternate` (or rel-less) one wins.
    mutating func offerHref(_ href: String, rel: String?) {
        guard !linkIsAlternate, rel == nil || rel == "alternate" else { return }
        linkHref = href
        linkIsAlternate = true
    }

    func build(
        _ p: UnsafeBufferPointer<UInt8>, feedAuthor: ReputationCore.Author?, base documentBase: String?,
        isAtom: Bool, notes: inout TextNotes
    ) -> FeedItem {
        func text(_ field: Field) -> String? {
            let slot = slots[field.rawValue]
            guard let range = slot.range else { return nil }
            let value = notes.take(Self.plainText(p, range, slot.markup))
            return value.isEmpty ? nil : value
        }
        let title = text(.title) ?? text(.mediaTitle)
        let body = text(.content) ?? text(.description) ?? text(.summary) ?? text(.mediaDescription) ?? ""
        let link = (linkHref.flatMap { $0.isEmpty ? nil : $0 } ?? text(.link)).map {
            Self.resolve($0, against: base ?? documentBase)
        }
        // An Atom id is an IRI; a relative one is relative to the base (feedparser resolves it too). RSS guids
        // are opaque strings and stay as written.
        let guid = text(.id).map { isAtom && !$0.utf8.contains(UInt8(ascii: ":")) ? Self.resolve($0, against: base ?? documentBase) : $0 }
            ?? about.flatMap { $0.isEmpty ? nil : $0 }
        // Published (pubDate, published, issued, dc:date), else created, else last updated.
        let date = (text(.date) ?? text(.created) ?? text(.updated) ?? attributeDate).flatMap(FeedDate.parse)
        let url = link ?? guid.flatMap { Self.isWebAddress($0) ? $0 : nil }
        return FeedItem(
            id: guid ?? link, title: title, text: body, url: url,
            author: buildAuthor(p, notes: &notes) ?? feedAuthor
                ?? ReputationCore.Author(), publishedAt: date)
    }

    private static func plainText(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ markup: Markup)
        -> PlainText.Result
    {
        switch markup {
        case .escaped: return PlainText.fromXML(p, range)
        case .text: return PlainText.fromXMLText(p, range)
        case .inline: return PlainText.fromInlineMarkup(p, range)
        case .base64: return PlainText.fromBase64(p, range) ?? PlainText.fromXML(p, range)
        }
    }

    /// A relative link made absolute against the item's or document's base; absolute links pass unchanged.
    static func resolve(_ link: String, against base: String?) -> String {
        guard let base, !Self.isAbsolute(link), let baseURL = URL(string: base), baseURL.scheme != nil,
            let resolved = URL(string: link, relativeTo: baseURL)
        else { return link }
        return resolved.absoluteString
    }

    /// Whether a link needs no base: it names a scheme's authority (`://`), or is a `urn:` or `mailto:`. Read on
    /// the bytes: Foundation's substring search cost more than the rest of building an item's link.
    private static func isAbsolute(_ link: String) -> Bool {
        var link = link
        return link.withUTF8 { bytes in
            if bytes.starts(with: "urn:".utf8) || bytes.starts(with: "mailto:".utf8) { return true }
            guard bytes.count >= 3 else { return false }
            for i in 0..<(bytes.count - 2) where bytes[i] == UInt8(ascii: ":") {
                if bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") { return true }
            }
            return false
        }
    }

    /// An `http://` or `https://` address (a guid that is one is the item's link when it has no other).
    private static func isWebAddress(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.starts(with: "http://".utf8) || $0.starts(with: "https://".utf8) }
    }

    private func buildAuthor(_ p: UnsafeBufferPointer<UInt8>, notes: inout TextNotes) -> ReputationCore.Author? {
        if let range = author, let author = Self.author(p, range, notes: &notes) { return author }
        guard let range = creator else { return nil }
        return PersonText.author(notes.take(PlainText.fromXMLText(p, range)))
    }

    /// Atom `<author><name>..</name><email>..</email></author>`, or RSS text (`PersonText`).
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
        // Plain text, not HTML: "Example editor &lt;me@example.com&gt;" keeps its address.
        return PersonText.author(notes.take(PlainText.fromXMLText(p, range)))
    }
}
