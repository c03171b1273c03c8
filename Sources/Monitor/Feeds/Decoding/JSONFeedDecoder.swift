import Foundation
import ReputationCore

/// JSON Feed 1.0 and 1.1: `items[]`; authors from `authors[0]`/`author`, the item's or else the feed's.
enum JSONFeedDecoder {
    static func decode(_ root: JSONValue, notes: inout TextNotes) -> [FeedItem] {
        let feedAuthor = author(of: root, notes: &notes)
        return (root["items"]?.array ?? []).filter(\.isObject).map { item in
            let html = item["content_html"]?.string.map { notes.take(PlainText.fromHTML($0)) }
            let plain = item["content_text"]?.string.map { notes.take(PlainText.fromPlain($0)) }
            let summary = item["summary"]?.string.map { notes.take(PlainText.fromHTML($0)) }
            let title = item["title"]?.string.map { notes.take(PlainText.fromHTML($0)) }
            let url = item["url"]?.text ?? item["external_url"]?.text
            let date = (item["date_published"]?.string ?? item["date_modified"]?.string).flatMap(FeedDate.parse)
            return FeedItem(
                id: item["id"]?.text ?? url, title: nonEmpty(title),
                text: nonEmpty(html) ?? nonEmpty(plain) ?? summary ?? "",
                url: url, author: author(of: item, notes: &notes) ?? feedAuthor ?? Author(), publishedAt: date)
        }
    }

    private static func author(of object: JSONValue, notes: inout TextNotes) -> Author? {
        guard let entry = object["authors"]?.array?.first ?? object["author"],
            let name = entry["name"]?.string.map({ notes.take(PlainText.fromPlain($0)) }), !name.isEmpty
        else { return nil }
        return Author(name: name, handle: entry["url"]?.string)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
